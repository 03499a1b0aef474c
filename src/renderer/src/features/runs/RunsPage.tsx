import { EmptyState } from '@renderer/components/EmptyState';
import { PageHeader } from '@renderer/components/PageHeader';
import { formatTime } from '@renderer/lib/format';
import { hrefFor } from '@renderer/lib/route';
import { useDispatchesStore, useRecentDispatches } from '@renderer/stores/dispatches';
import { useTasksStore } from '@renderer/stores/tasks';

export function RunsPage() {
  const runs = useRecentDispatches();
  const status = useDispatchesStore((c) => c.status);
  const tasks = useTasksStore((c) => c.byId);

  return (
    <div className="page">
      <PageHeader title="Runs" />
      {runs.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Agent</th>
              <th scope="col">Summary</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>{tasks[run.taskId]?.title ?? <span className="mono muted">{run.taskId}</span>}</td>
                <td>
                  <span className={`badge status-${run.status}`}>{run.status}</span>
                </td>
                <td>{run.agent}</td>
                <td>{run.pullRequestUrl ?? run.summary}</td>
                <td>{formatTime(run.startedAt ?? run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : status === 'ready' || status === 'error' ? (
        <EmptyState title="No runs yet">
          A run is an agent working on one task on one of your runners. Queue a task on the{' '}
          <a href={hrefFor('queue')}>Queue</a> and start it; its progress shows up here.
        </EmptyState>
      ) : (
        <p className="muted loading">Loading runs…</p>
      )}
    </div>
  );
}
