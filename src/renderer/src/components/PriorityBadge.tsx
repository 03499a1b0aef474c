import type { TaskPriority } from '@shared/domain/task';

const LABELS: Record<TaskPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return (
    <span className={`badge priority-${priority}`} title={`${LABELS[priority]} priority`}>
      {LABELS[priority]}
    </span>
  );
}
