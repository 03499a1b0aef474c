import type { Dispatch } from '@shared/contract';
import { isReleasedRun } from '@shared/domain/dispatch';
import { CancelButton } from '@renderer/components/CancelButton';
import { cancelRun } from '@renderer/stores/run-actions';

/**
 * Cancels the active run of the run's task or review, stopping its remote processes; for a run
 * whose runner cannot be reached, gives up on it (it is stopped when the runner answers again).
 */
export function CancelRunButton({
  run,
  small = false,
}: {
  run: Pick<Dispatch, 'kind' | 'taskId' | 'reviewId' | 'status' | 'released'>;
  small?: boolean;
}) {
  if (isReleasedRun(run)) {
    return (
      <CancelButton
        cancel={() => cancelRun(run)}
        done="Gave up on the run."
        label="Give up on run"
        confirmTitle="Give up on this run?"
        confirmBody={
          <p>
            Its runner cannot be reached, so the agent may still be working there. Sortie marks the run
            canceled now and stops its processes when the runner answers again; its slot is freed.
          </p>
        }
        small={small}
      />
    );
  }
  return (
    <CancelButton
      cancel={() => cancelRun(run)}
      done="Run canceled."
      label="Cancel run"
      confirmTitle="Cancel this run?"
      confirmBody={
        <p>
          Sortie stops the agent and its processes on the runner; what it committed stays on its branch. You
          can {run.kind === 'review' ? 'review the pull request again' : 'run the task again'} later.
        </p>
      }
      small={small}
    />
  );
}
