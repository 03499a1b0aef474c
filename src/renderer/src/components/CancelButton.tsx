import { useState } from 'react';
import { errorMessage } from '@renderer/lib/errors';
import { showToast } from '@renderer/stores/ui';

/** A quiet danger button that runs a cancel, says `done` when it worked and the error when not. */
export function CancelButton({
  cancel,
  done,
  label,
  small = false,
}: {
  cancel: () => Promise<unknown>;
  done: string;
  label: string;
  small?: boolean;
}) {
  const [pending, setPending] = useState(false);
  function run(): void {
    setPending(true);
    cancel()
      .then(() => showToast('info', done))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }
  return (
    <button
      type="button"
      className={`button button-danger-quiet${small ? ' button-small' : ''}`}
      onClick={run}
      disabled={pending}
    >
      {pending ? 'Canceling…' : label}
    </button>
  );
}
