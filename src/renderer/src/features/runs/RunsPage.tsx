import { memo, useMemo, useState } from 'react';
import { isActiveDispatch, isCancellableDispatch } from '@shared/domain/dispatch';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { explainError } from '@renderer/components/error-advice';
import { PageHeader } from '@renderer/components/PageHeader';
import { SubmittedReviewLink } from '@renderer/components/PullRequestLink';
import { RunClock } from '@renderer/components/RunClock';
import { useNow } from '@renderer/components/use-now';
import { ReleasedBadge, RunStatusBadge } from '@renderer/components/RunStatusBadge';
import { PullRequestWithStatus } from '@renderer/features/pull-requests/TaskPullRequests';
import { formatTime, plural } from '@renderer/lib/format';
import { hrefFor, hrefForReview, hrefForRun, navigateFromRow } from '@renderer/lib/route';
import { loadDispatches, useDispatchesStore } from '@renderer/stores/dispatches';
import { useProjectsStore } from '@renderer/stores/projects';
import { submittedReview } from '@renderer/stores/review-labels';
import { useReviewsStore } from '@renderer/stores/reviews';
import { cancelRun } from '@renderer/stores/run-actions';
import { useRunnersStore, useSortedRunners } from '@renderer/stores/runners';
import {
  RUN_SORT_KEYS,
  buildRunRows,
  runnerLoads,
  sortRunRows,
  type RunRow,
  type RunSort,
  type RunSortKey,
} from '@renderer/stores/runs-table';
import { useTasksStore } from '@renderer/stores/tasks';
import { isSettled } from '@renderer/stores/collection';
import { showToast } from '@renderer/stores/ui';
import { AGENT_LABELS } from '../runners/runner-form';
import { RunnerStrip } from './RunnerStrip';
import { UsageSummary } from './UsageSummary';
import { RunCost } from './RunCost';
import { RunsTabs } from './RunsTabs';
import { useClosedTaskTitles } from './use-closed-task-titles';
import { setActiveOnly, sortRunsBy, useRunsViewStore } from './runs-view';

const PAGE_SIZE = 200;

const COLUMN_LABELS: Record<RunSortKey, string> = {
  status: 'Status',
  // Review runs show their pull request here, marked "Review".
  task: 'Task',
  project: 'Project',
  runner: 'Runner',
  agent: 'Agent',
  phase: 'Phase',
  started: 'Started',
  duration: 'Duration',
  cost: 'Cost',
};

export function RunsPage() {
  const runsById = useDispatchesStore((c) => c.byId);
  const status = useDispatchesStore((c) => c.status);
  const tasks = useTasksStore((c) => c.byId);
  const tasksRemoved = useTasksStore((c) => c.removed);
  const projects = useProjectsStore((c) => c.byId);
  const reviews = useReviewsStore((c) => c.byId);
  const runnersById = useRunnersStore((c) => c.byId);
  const runners = useSortedRunners();
  const runnersStatus = useRunnersStore((c) => c.status);
  const { sort, activeOnly } = useRunsViewStore();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [canceling, setCanceling] = useState<RunRow | null>(null);
  // Sorting by duration reads the clock when the rows change, not every second.
  const now = useNow(false);

  const all = useMemo(() => Object.values(runsById), [runsById]);
  const activeCount = useMemo(() => all.filter((run) => isActiveDispatch(run.status)).length, [all]);
  const rows = useMemo(() => {
    const runs = activeOnly ? all.filter((run) => isActiveDispatch(run.status)) : all;
    return sortRunRows(buildRunRows(runs, tasks, projects, runnersById, reviews), sort, now);
  }, [all, activeOnly, tasks, projects, runnersById, reviews, sort, now]);
  const loads = useMemo(() => runnerLoads(runners, all), [runners, all]);

  const missingTitles = useMemo(
    () => all.some((run) => run.taskId !== null && !(run.taskId in tasks) && !tasksRemoved.has(run.taskId)),
    [all, tasks, tasksRemoved],
  );
  useClosedTaskTitles(missingTitles);

  const visible = rows.slice(0, limit);
  const loaded = isSettled(status);

  return (
    <div className="page page-wide">
      <PageHeader title="Runs" />
      <RunsTabs current="runs" />
      {runners.length > 0 ? (
        <RunnerStrip loads={loads} />
      ) : runnersStatus === 'ready' ? (
        <div className="notice notice-info notice-inline" role="note" aria-label="No runner yet">
          <span>
            <span className="strong">No runner yet.</span> Runs need a machine to work on.
          </span>
          <a className="button button-small" href={hrefFor('runners')}>
            Add a runner
          </a>
        </div>
      ) : null}
      {status === 'error' ? (
        <div className="notice notice-danger notice-inline" role="alert">
          <span>
            <span className="strong">Could not load the runs.</span> Check that Sortie is still running, then
            try again.
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              loadDispatches().catch((error: unknown) => showToast('error', explainError(error)))
            }
          >
            Try again
          </button>
        </div>
      ) : null}
      {all.length > 0 ? (
        <>
          <div className="table-toolbar">
            <span className="muted">
              {plural(activeCount, 'active run')} · {plural(all.length, 'run')} in all
            </span>
            <label className="toggle">
              <input
                type="checkbox"
                checked={activeOnly}
                onChange={(event) => setActiveOnly(event.target.checked)}
              />
              Active only
            </label>
          </div>
          <UsageSummary runs={all} projects={projects} now={now} />
          {rows.length > 0 ? (
            <div className="table-frame">
              <table className="table runs-table">
                <thead>
                  <tr>
                    {RUN_SORT_KEYS.map((key) => (
                      <SortHeader key={key} column={key} sort={sort} />
                    ))}
                    <th scope="col">Pull request</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((row) => (
                    <RunTableRow key={row.run.id} row={row} onCancel={setCanceling} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No active runs">
              Nothing is queued or running. Start a task from the <a href={hrefFor('queue')}>Queue</a>.
            </EmptyState>
          )}
          {rows.length > limit ? (
            <div className="table-more">
              <span className="muted">
                Showing {visible.length.toLocaleString()} of {rows.length.toLocaleString()}
              </span>
              <button
                type="button"
                className="button button-small"
                onClick={() => setLimit((n) => n + PAGE_SIZE)}
              >
                Show {Math.min(PAGE_SIZE, rows.length - limit)} more
              </button>
            </div>
          ) : null}
        </>
      ) : loaded ? (
        <EmptyState
          title="No runs yet"
          action={
            <a className="button button-primary" href={hrefFor('queue')}>
              Go to the queue
            </a>
          }
        >
          A run is an agent working on one task, or reviewing one pull request, on one of your runners. Press
          Run on a task in the Queue, or start a review on the Reviews page; its progress shows up here.
        </EmptyState>
      ) : (
        <p className="muted loading">Loading runs…</p>
      )}
      {canceling ? (
        <ConfirmDialog
          title="Cancel this run?"
          confirmLabel="Cancel run"
          dismissLabel="Keep running"
          onClose={() => setCanceling(null)}
          onConfirm={async () => {
            await cancelRun(canceling.run);
            showToast('info', `Canceled the run of ${runName(canceling)}.`);
          }}
        >
          <p>
            The run of {runName(canceling)} is {canceling.run.status}
            {canceling.runnerName ? ` on ${canceling.runnerName}` : ''}. Sortie stops the agent and its
            processes on the runner. You can{' '}
            {canceling.run.kind === 'review' ? 'review the pull request again' : 'run the task again'} later.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function SortHeader({ column, sort }: { column: RunSortKey; sort: RunSort }) {
  const sorted = sort.key === column;
  const ariaSort = sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => sortRunsBy(column)}>
        {COLUMN_LABELS[column]}
        <span className="sort-mark" aria-hidden="true">
          {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/** What a row's run works on, in a sentence: “the task title”, or the pull request it reviews. */
function runName(row: RunRow): string {
  if (row.run.kind === 'review') return `the review of ${row.reviewLabel ?? 'a pull request'}`;
  return `“${row.taskTitle ?? row.run.taskId ?? 'a task'}”`;
}

/** What the run works on: its task (opening the run), or the pull request it reviews (opening the review). */
function RunSubject({ row }: { row: RunRow }) {
  const { run } = row;
  if (run.kind === 'review') {
    return (
      <>
        <span className="badge badge-accent run-kind">Review</span>{' '}
        <a
          href={run.reviewId ? hrefForReview(run.reviewId) : hrefFor('reviews')}
          className="mono"
          title={`Open the review of ${row.reviewLabel ?? 'this pull request'}`}
        >
          {row.reviewLabel ?? 'Deleted review'}
        </a>
      </>
    );
  }
  const title = row.taskTitle ?? 'Untitled task';
  return (
    <a href={hrefForRun(run.id)} title={`Open the run of ${title}`}>
      {row.taskTitle ?? <span className="mono muted">{run.taskId}</span>}
    </a>
  );
}

const RunTableRow = memo(function RunTableRow({
  row,
  onCancel,
}: {
  row: RunRow;
  onCancel(row: RunRow): void;
}) {
  const { run } = row;
  const active = isActiveDispatch(run.status);
  const title =
    run.kind === 'review'
      ? `the review of ${row.reviewLabel ?? 'a pull request'}`
      : (row.taskTitle ?? 'Untitled task');
  const submitted = run.kind === 'review' ? submittedReview(run) : null;
  return (
    <tr
      className={`run-row${active ? ' run-row-active' : ''}`}
      onClick={(event) => navigateFromRow(event, hrefForRun(run.id))}
    >
      <td className="nowrap">
        <RunStatusBadge status={run.status} />
        {run.released ? <ReleasedBadge /> : null}
      </td>
      <td className="run-task">
        <RunSubject row={row} />
      </td>
      <td>{row.projectName ?? <span className="muted">—</span>}</td>
      <td className="nowrap">
        {row.runnerName ?? <span className="muted">{run.runnerId ? 'Removed' : '—'}</span>}
      </td>
      <td className="nowrap">{AGENT_LABELS[run.agent]}</td>
      <td className="run-phase" title={run.errorText || row.progress}>
        <span className={active ? undefined : 'muted'}>{row.progress}</span>
      </td>
      <td className="nowrap">{formatTime(run.startedAt)}</td>
      <td className="num nowrap">
        <RunClock run={run} />
      </td>
      <td className="num nowrap">
        <RunCost run={run} />
      </td>
      <td className="nowrap">
        {run.pullRequestUrl ? (
          <PullRequestWithStatus url={run.pullRequestUrl} context={title} variant="compact" />
        ) : null}
        {submitted ? (
          <SubmittedReviewLink url={submitted} of={row.reviewLabel ?? 'the pull request'} />
        ) : null}
      </td>
      <td className="nowrap">
        {isCancellableDispatch(run) ? (
          <button
            type="button"
            className="button button-small button-danger-quiet"
            aria-label={`Cancel run of ${title}`}
            onClick={() => onCancel(row)}
          >
            Cancel
          </button>
        ) : null}
      </td>
    </tr>
  );
});
