import type { Dispatch } from '@shared/contract';
import { ReleasedBadge, RunStatusBadge } from '@renderer/components/RunStatusBadge';

/** A run's status, and "Released" when it was set aside because its runner could not be reached. */
export function RunBadge({ run }: { run: Pick<Dispatch, 'status' | 'released'> }) {
  return (
    <span className="run-badges">
      <RunStatusBadge status={run.status} />
      {run.released ? <ReleasedBadge /> : null}
    </span>
  );
}
