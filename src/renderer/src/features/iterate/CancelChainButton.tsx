import { CancelButton } from '@renderer/components/CancelButton';
import { cancelTaskRun } from '@renderer/stores/run-actions';

/**
 * Ends the task's chain (run until the eval passes): its run is canceled, or its eval stopped,
 * and no iteration follows. The core does both through the task's cancel.
 */
export function CancelChainButton({ taskId, small = false }: { taskId: string; small?: boolean }) {
  return (
    <CancelButton
      cancel={() => cancelTaskRun(taskId)}
      done="Canceled: no more iterations."
      label="Cancel"
      confirmTitle="Stop running until the eval passes?"
      confirmBody={
        <p>
          The current iteration&rsquo;s run is canceled, or its eval stopped, and no iteration follows. The
          work so far stays on the branch.
        </p>
      }
      small={small}
    />
  );
}
