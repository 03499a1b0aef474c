import { isClientError } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';

/** What to do about a failed call, by its error code; null when the message says it all. */
export function adviceFor(error: unknown): string | null {
  if (!isClientError(error)) return 'Try again; if it keeps failing, reload the window.';
  switch (error.code) {
    case 'RUNNER_NOT_CONFIGURED':
      return 'Add a runner (or make one the default) on the Runners page.';
    case 'NOT_FOUND':
      return 'It was probably deleted elsewhere; the lists update by themselves.';
    case 'VALIDATION_FAILED':
      return 'Correct it and try again.';
    case 'REMOTE_FAILED':
    case 'AUTH_FAILED':
    case 'HOST_KEY_MISMATCH':
    case 'HOST_KEY_UNKNOWN':
    case 'PASSPHRASE_REQUIRED':
      return 'Test the runner on the Runners page to see what is wrong.';
    case 'UNAUTHORIZED':
      return 'Open Sortie again from the link its host printed.';
    case 'CONFLICT':
    case 'UNKNOWN_CHANNEL':
    case 'INTERNAL':
      return null;
  }
}

/** The error's message followed by what to do about it, for a toast or an inline alert. */
export function explainError(error: unknown): string {
  const message = errorMessage(error).trim();
  const advice = adviceFor(error);
  if (!advice) return message;
  return `${/[.!?]$/.test(message) ? message : `${message}.`} ${advice}`;
}
