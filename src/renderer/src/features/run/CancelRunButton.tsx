import type { Dispatch } from '@shared/contract';
import { CancelButton } from '@renderer/components/CancelButton';
import { cancelRun } from '@renderer/stores/run-actions';

/** Cancels the active run of the run's task or review, stopping its remote processes. */
export function CancelRunButton({
  run,
  small = false,
}: {
  run: Pick<Dispatch, 'kind' | 'taskId' | 'reviewId'>;
  small?: boolean;
}) {
  return <CancelButton cancel={() => cancelRun(run)} done="Run canceled." label="Cancel run" small={small} />;
}
