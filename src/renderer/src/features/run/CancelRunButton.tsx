import type { Dispatch } from '@shared/contract';
import { isReleasedRun } from '@shared/domain/dispatch';
import { CancelButton } from '@renderer/components/CancelButton';
import { cancelRun } from '@renderer/stores/run-actions';

/**
 * Cancels this run, stopping its remote processes; for a run
 * whose runner cannot be reached, gives up on it (it is stopped when the runner answers again).
 */
export function CancelRunButton({
  run,
  small = false,
}: {
  run: Pick<Dispatch, 'id' | 'kind' | 'status' | 'released'>;
  small?: boolean;
}) {
  const released = isReleasedRun(run);
  return (
    <CancelButton
      cancel={() => cancelRun(run)}
      done={released ? 'Gave up on the run.' : 'Run canceled.'}
      label={released ? 'Give up on run' : 'Cancel run'}
      confirmTitle={released ? 'Give up on this run?' : 'Cancel this run?'}
      confirmBody={
        released ? (
          <p>
            Its runner cannot be reached, so the agent may still be working there. Sortie marks the run
            canceled now and stops its processes when the runner answers again; its slot is freed.
          </p>
        ) : (
          <p>
            Sortie stops the agent and its processes on the runner; what it committed stays on its branch. You
            can {run.kind === 'review' ? 'review the pull request again' : 'run the task again'} later.
          </p>
        )
      }
      small={small}
    />
  );
}
