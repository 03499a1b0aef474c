import { useState } from 'react';
import type { Dispatch } from '@shared/contract';
import { errorMessage } from '@renderer/lib/errors';
import { cancelRun } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';

/** Cancels the active run of the run's task or review, stopping its remote processes. */
export function CancelRunButton({
  run,
  small = false,
}: {
  run: Pick<Dispatch, 'kind' | 'taskId' | 'reviewId'>;
  small?: boolean;
}) {
  const [pending, setPending] = useState(false);
  function cancel(): void {
    setPending(true);
    cancelRun(run)
      .then(() => showToast('info', 'Run canceled.'))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }
  return (
    <button
      type="button"
      className={`button button-danger-quiet${small ? ' button-small' : ''}`}
      onClick={cancel}
      disabled={pending}
    >
      {pending ? 'Canceling…' : 'Cancel run'}
    </button>
  );
}
