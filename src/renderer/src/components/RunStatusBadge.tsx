import type { DispatchStatus } from '@shared/domain/dispatch';
import { RUN_STATUS_LABELS } from '@renderer/stores/run-labels';

export function RunStatusBadge({ status }: { status: DispatchStatus }) {
  return <span className={`badge status-${status}`}>{RUN_STATUS_LABELS[status]}</span>;
}

/** A run released as blocked because its runner could not be reached; it is still watched. */
export function ReleasedBadge() {
  return (
    <span
      className="badge badge-released"
      title="Released: its runner could not be reached. Sortie keeps watching it and shows the real outcome when the runner answers."
    >
      Released
    </span>
  );
}
