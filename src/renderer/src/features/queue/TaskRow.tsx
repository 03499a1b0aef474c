import { memo, useState } from 'react';
import type { Task } from '@shared/contract';
import { PriorityBadge } from '@renderer/components/PriorityBadge';
import { errorMessage } from '@renderer/lib/errors';
import { formatTime } from '@renderer/lib/format';
import { updateTask } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';

export interface TaskRowProps {
  task: Task;
  /** Shown when the list spans projects. */
  projectName: string | null;
  onEdit(task: Task): void;
  onDelete(task: Task): void;
}

export const TaskRow = memo(function TaskRow({ task, projectName, onEdit, onDelete }: TaskRowProps) {
  const [pending, setPending] = useState(false);
  const closed = task.status === 'closed';

  function toggleClosed(): void {
    setPending(true);
    updateTask({ id: task.id, status: closed ? 'open' : 'closed' })
      .then(() => showToast('info', closed ? `Reopened “${task.title}”.` : `Closed “${task.title}”.`))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }

  return (
    <li className={`task-row${closed ? ' task-closed' : ''}`}>
      <PriorityBadge priority={task.priority} />
      <div className="task-main">
        <button type="button" className="task-title" onClick={() => onEdit(task)}>
          {task.title}
        </button>
        <div className="task-meta">
          {projectName ? <span className="task-project">{projectName}</span> : null}
          {closed ? <span className="badge badge-muted">Closed</span> : null}
          <span>Created {formatTime(task.createdAt)}</span>
          {task.summary ? <span className="task-summary">{firstLine(task.summary)}</span> : null}
        </div>
      </div>
      <div className="row-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => onEdit(task)}
          aria-label={`Edit ${task.title}`}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={toggleClosed}
          disabled={pending}
          aria-label={`${closed ? 'Reopen' : 'Close'} ${task.title}`}
        >
          {closed ? 'Reopen' : 'Close'}
        </button>
        <button
          type="button"
          className="button button-small button-danger-quiet"
          onClick={() => onDelete(task)}
          aria-label={`Delete ${task.title}`}
        >
          Delete
        </button>
      </div>
    </li>
  );
});

function firstLine(markdown: string): string {
  const line = markdown.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^[#>*\-\s]+/, '').slice(0, 160);
}
