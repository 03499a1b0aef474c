import { useId, useState } from 'react';
import type { Dispatch, FollowUpRequest, Task } from '@shared/contract';
import { hasWorktreeToShow, isActiveDispatch, isCancellableDispatch } from '@shared/domain/dispatch';
import { isActiveChain } from '@shared/domain/iterate';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { Markdown } from '@renderer/components/Markdown';
import { PriorityBadge } from '@renderer/components/PriorityBadge';
import { TaskAutomationSection } from '@renderer/features/automation/TaskAutomationSection';
import { RunChains } from '@renderer/features/iterate/RunChains';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { errorMessage } from '@renderer/lib/errors';
import { formatTime, plural } from '@renderer/lib/format';
import { hrefFor, hrefForRun, navigate } from '@renderer/lib/route';
import { dropChainsOfTask } from '@renderer/stores/chains';
import { useProject } from '@renderer/stores/projects';
import { discardRunHistory } from '@renderer/stores/run-actions';
import { useRunnersStore, useSortedRunners } from '@renderer/stores/runners';
import { deleteTask, updateTask } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';
import { DispatchPanel } from './DispatchPanel';
import { FollowUpComposer } from './FollowUpComposer';
import { ChangesView } from '@renderer/features/changes/ChangesView';
import { TerminalsSection } from '@renderer/features/terminal/TerminalsSection';
import { RunHistory } from './RunHistory';
import { activeRun } from './task-runs';
import { TaskUsage } from './TaskUsage';
import { useTaskPage } from './use-task';

type TaskDialog = 'delete' | 'discard' | null;

function FollowUps({
  followUps,
  runs,
}: {
  followUps: readonly FollowUpRequest[];
  runs: readonly Dispatch[];
}) {
  const headingId = useId();
  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Follow-up requests</h2>
      <ol className="follow-ups">
        {followUps.map((f) => {
          // The run that answers it: the first one asked with this text after it was made.
          const answer = [...runs]
            .reverse()
            .find((r) => r.followUpRequest === f.request && r.createdAt >= f.createdAt);
          return (
            <li key={f.id} className="follow-up">
              <div className="follow-up-head">
                <time dateTime={f.createdAt}>{formatTime(f.createdAt)}</time>
                {answer ? (
                  <a href={hrefForRun(answer.id)} className="follow-up-run">
                    <RunBadge run={answer} />
                  </a>
                ) : null}
              </div>
              <p className="prewrap">{f.request}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function TaskActions({ task, onAsk }: { task: Task; onAsk(dialog: TaskDialog): void }) {
  const [pending, setPending] = useState(false);
  const closed = task.status === 'closed';
  function toggle(): void {
    setPending(true);
    updateTask({ id: task.id, status: closed ? 'open' : 'closed' })
      .then(() => showToast('info', closed ? 'Task reopened.' : 'Task closed.'))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }
  return (
    <>
      <button type="button" className="button" onClick={toggle} disabled={pending}>
        {pending ? 'Saving…' : closed ? 'Reopen task' : 'Close task'}
      </button>
      <button type="button" className="button button-danger-quiet" onClick={() => onAsk('delete')}>
        Delete task
      </button>
    </>
  );
}

/** One task: its text, follow-ups and run history, and what can be done with it. */
export function TaskPage({ taskId }: { taskId: string }) {
  const { task, followUps, runs, chains, loading, missing, error, reload } = useTaskPage(taskId);
  const project = useProject(task?.projectId ?? null);
  const runners = useSortedRunners();
  const runnersById = useRunnersStore((c) => c.byId);
  const [dialog, setDialog] = useState<TaskDialog>(null);
  const summaryId = useId();
  const noteId = useId();
  const historyId = useId();

  if (missing) {
    return (
      <div className="page">
        <EmptyState
          title="This task does not exist"
          action={<a href={hrefFor('queue')}>Back to the queue</a>}
        >
          It may have been deleted.
        </EmptyState>
      </div>
    );
  }
  if (!task) {
    return (
      <div className="page">
        {error ? (
          <EmptyState title="Could not load this task">{error}</EmptyState>
        ) : loading ? (
          <p className="muted loading">Loading the task…</p>
        ) : null}
      </div>
    );
  }

  const closed = task.status === 'closed';
  const finishedRuns = runs.filter((r) => !isActiveDispatch(r.status)).length;
  // The task's branch, as its latest run with a worktree has it (newest first).
  const branchRun = runs.find((r) => hasWorktreeToShow(r) && r.branch !== '');
  // A chain running its eval has no active run, but its run must stay.
  const running = activeRun(runs) !== undefined || chains.some((chain) => isActiveChain(chain.status));
  return (
    <div className="page task-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={hrefFor('queue')}>Queue</a>
        <span aria-hidden="true">/</span>
        <span>{project?.name ?? 'Project'}</span>
      </nav>
      <header className="page-header">
        <h1 className="page-title">{task.title}</h1>
        <PriorityBadge priority={task.priority} />
        {closed ? <span className="badge badge-muted">Closed</span> : null}
        <div className="page-actions">
          <TaskActions task={task} onAsk={setDialog} />
        </div>
      </header>
      <p className="task-page-meta muted">
        Created {formatTime(task.createdAt)}
        {task.source !== 'app' ? ` from the ${task.source === 'tray' ? 'tray' : 'API'}` : ''}
        {closed && task.closedAt ? ` · closed ${formatTime(task.closedAt)}` : ''}
      </p>

      <div className="task-layout">
        <div className="task-main-column">
          <section className="task-section task-card" aria-labelledby={summaryId}>
            <h2 id={summaryId}>Summary</h2>
            {task.summary.trim() ? (
              <Markdown source={task.summary} headingOffset={2} className="task-summary-text" />
            ) : (
              <p className="muted">No summary.</p>
            )}
          </section>
          {task.note.trim() ? (
            <section className="task-section" aria-labelledby={noteId}>
              <h2 id={noteId}>Original note</h2>
              <blockquote className="task-note prewrap">{task.note}</blockquote>
            </section>
          ) : null}
          {chains.length > 0 ? <RunChains chains={chains} runs={runs} /> : null}
          {followUps.length > 0 ? <FollowUps followUps={followUps} runs={runs} /> : null}
          <TaskAutomationSection task={task} runs={runs} />
          {branchRun ? <ChangesView runId={branchRun.id} live={isCancellableDispatch(branchRun)} /> : null}
          {branchRun ? <TerminalsSection runId={branchRun.id} /> : null}
          <section className="task-section" aria-labelledby={historyId}>
            <div className="section-heading">
              <h2 id={historyId}>Run history</h2>
              <span className="muted">{plural(runs.length, 'run')}</span>
              <TaskUsage runs={runs} />
              <div className="spacer" />
              {finishedRuns > 0 ? (
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => setDialog('discard')}
                  disabled={running}
                  title={running ? 'Cancel the active run or wait for it to finish first.' : undefined}
                >
                  Discard history
                </button>
              ) : null}
            </div>
            {runs.length > 0 ? (
              <RunHistory runs={runs} runners={runnersById} />
            ) : (
              <p className="muted task-empty-runs">No runs yet. Start one to hand this task to an agent.</p>
            )}
          </section>
        </div>
        <aside className="task-side-column" aria-label="Actions">
          <DispatchPanel task={task} runs={runs} runners={runners} />
          <FollowUpComposer task={task} runs={runs} />
        </aside>
      </div>

      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete this task?"
          confirmLabel="Delete task"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await deleteTask(task.id);
            showToast('info', `Deleted “${task.title}”.`);
            navigate(hrefFor('queue'));
          }}
        >
          <p>
            “{task.title}” will be deleted with its run history
            {runs.length > 0 ? ', and its worktrees and run directories on the runners are removed' : ''}.
            This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'discard' ? (
        <ConfirmDialog
          title="Discard the run history?"
          confirmLabel="Discard history"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const removed = await discardRunHistory(task.id);
            dropChainsOfTask(task.id, 'finished');
            reload();
            showToast('info', `Discarded ${plural(removed, 'run')}.`);
          }}
        >
          <p>
            The {plural(finishedRuns, 'finished run')} of this task will be forgotten, with their output.
            Branches and pull requests stay as they are.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
