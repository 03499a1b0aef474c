import { ClientError } from '@renderer/api/client-error';

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The message to show next to a field. The core prefixes messages with the field path
 * ('title: must not be empty') so they read well in a toast; beside the field that is noise.
 */
export function fieldMessage(error: unknown): string {
  const message = errorMessage(error);
  if (error instanceof ClientError && error.field && message.startsWith(`${error.field}: `)) {
    return message.slice(error.field.length + 2);
  }
  return message;
}

/** An error a form found before calling the core, shaped like the core's own. */
export function invalidField(field: string, message: string): ClientError {
  return new ClientError({ code: 'VALIDATION_FAILED', message, field });
}
