import { useState } from 'react';
import { errorMessage } from '@renderer/lib/errors';
import { cancelTaskRun } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';

/**
 * Ends the task's chain (run until the eval passes): its run is canceled, or its eval stopped,
 * and no iteration follows. The core does both through the task's cancel.
 */
export function CancelChainButton({ taskId, small = false }: { taskId: string; small?: boolean }) {
  const [pending, setPending] = useState(false);
  function cancel(): void {
    setPending(true);
    cancelTaskRun(taskId)
      .then(() => showToast('info', 'Canceled: no more iterations.'))
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
      {pending ? 'Canceling…' : 'Cancel'}
    </button>
  );
}
