import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Project, TaskRow } from '@shared/contract';
import { invoke } from '@renderer/api';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { RunUntilPassesDialog } from '@renderer/features/iterate/RunUntilPassesDialog';
import { explainError } from '@renderer/components/error-advice';
import { PageHeader } from '@renderer/components/PageHeader';
import { plural } from '@renderer/lib/format';
import { PullRequestChoiceDialog } from '@renderer/features/task/PullRequestChoiceDialog';
import { hrefFor, hrefForTask, navigate } from '@renderer/lib/route';
import { requestFollowUpFocus } from '@renderer/stores/follow-up-focus';
import { loadDispatches, useDispatchesStore } from '@renderer/stores/dispatches';
import type { LaneId } from '@renderer/stores/lanes';
import { useQueueBoard, useRunsHeld } from '@renderer/stores/queue-board';
import { isNarrowed, taskMatcher } from '@renderer/stores/queue-filter';
import { applyQueueState, useQueuePaused } from '@renderer/stores/queue-state';
import { clearQueueFilters, useQueueViewStore } from '@renderer/stores/queue-view';
import { useProjectsStore, useSortedProjects } from '@renderer/stores/projects';
import { loadRunners, useRunnersStore, useSortedRunners } from '@renderer/stores/runners';
import { deleteTask, loadTasks, useOpenTaskCounts, useTasksStore } from '@renderer/stores/tasks';
import { isSettled } from '@renderer/stores/collection';
import { selectQueueProject, setShowClosed, showToast, useUiStore } from '@renderer/stores/ui';
import { Board } from './Board';
import type { BoardActions, PullRequestChoiceRequest, RunUntilPassesRequest } from './board-context';
import { DeleteProjectDialog } from './DeleteProjectDialog';
import { InlineTaskInput } from './InlineTaskInput';
import { ProjectDialog } from './ProjectDialog';
import { QueueToolbar } from './QueueToolbar';
import { TaskDialog } from './TaskDialog';
import { useQueueHotkeys } from './use-queue-hotkeys';

type QueueDialog =
  | { kind: 'project'; project: Project | null }
  | { kind: 'delete-project'; project: Project }
  | { kind: 'task'; task: TaskRow | null }
  | { kind: 'delete-task'; task: TaskRow }
  | { kind: 'run-until-passes'; request: RunUntilPassesRequest }
  | { kind: 'pull-request-choice'; request: PullRequestChoiceRequest }
  | null;

const LANE_HINTS: Record<Exclude<LaneId, 'backlog'>, ReactNode> = {
  queued: <p className="lane-hint">Runs wait here for a free slot on their runner.</p>,
  preparing: <p className="lane-hint">Worktrees being prepared on a runner.</p>,
  running: <p className="lane-hint">Agents at work.</p>,
  attention: <p className="lane-hint">Blocked and failed runs show up here.</p>,
  done: <p className="lane-hint">Finished runs, with their pull requests.</p>,
};

export function QueuePage() {
  const projects = useSortedProjects();
  const projectsStatus = useProjectsStore((c) => c.status);
  const runners = useSortedRunners();
  const runnersStatus = useRunnersStore((c) => c.status);
  const tasksStatus = useTasksStore((c) => c.status);
  const runsStatus = useDispatchesStore((c) => c.status);
  const runsHeld = useRunsHeld();
  const selectedId = useUiStore((s) => s.queueProjectId);
  const showClosed = useUiStore((s) => s.showClosed);
  const priorities = useQueueViewStore((s) => s.priorities);
  const text = useQueueViewStore((s) => s.text);
  const openCounts = useOpenTaskCounts();
  const paused = useQueuePaused();
  const [dialog, setDialog] = useState<QueueDialog>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Behind the build flag (bench-flag.d.ts), so a normal build leaves the hook's module out.
    if (typeof __SORTIE_BENCH_BUILD__ !== 'undefined' && __SORTIE_BENCH_BUILD__) {
      void import('./bench').then((bench) => bench.installBenchHook());
    }
  }, []);

  // A project deleted elsewhere falls back to "All projects".
  const selected = projects.find((p) => p.id === selectedId) ?? null;
  const projectId = selected?.id ?? null;

  const filter = useMemo(
    () => ({ projectId, priorities, text, showClosed }),
    [projectId, priorities, text, showClosed],
  );
  const matcher = useMemo(() => taskMatcher(filter), [filter]);
  // Built in the store, once per change of tasks, runs or filter, whether or not this page is shown.
  const { board, totals, shown, inProject, firstLook } = useQueueBoard(filter);
  const narrowed = isNarrowed({ priorities, text });

  const close = useCallback(() => setDialog(null), []);
  const newProject = useCallback(() => setDialog({ kind: 'project', project: null }), []);
  const newTask = useCallback(() => {
    if (projects.length === 0) {
      showToast('info', 'Add a project first: every task belongs to one.');
      setDialog({ kind: 'project', project: null });
    } else {
      setDialog({ kind: 'task', task: null });
    }
  }, [projects.length]);
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  useQueueHotkeys({ newTask, focusSearch });

  const projectNames = useMemo(
    () => (selected ? null : new Map(projects.map((p) => [p.id, p.name]))),
    [selected, projects],
  );
  const evalCommands = useMemo(
    () =>
      new Map(projects.filter((p) => p.defaultEvalCommand !== '').map((p) => [p.id, p.defaultEvalCommand])),
    [projects],
  );
  const actions = useMemo<Omit<BoardActions, 'revealCard'>>(
    () => ({
      runners,
      projectNames,
      evalCommands,
      editTask: (task) => setDialog({ kind: 'task', task }),
      deleteTask: (task) => setDialog({ kind: 'delete-task', task }),
      runUntilPasses: (request) => setDialog({ kind: 'run-until-passes', request }),
      choosePullRequest: (request) => setDialog({ kind: 'pull-request-choice', request }),
    }),
    [runners, projectNames, evalCommands],
  );

  function toggleClosed(show: boolean): void {
    setShowClosed(show);
    if (show) loadTasks(true).catch((error: unknown) => showToast('error', explainError(error)));
  }

  const onCreated = useCallback(
    (task: TaskRow) => {
      if (!matcher(task)) showToast('info', `Created “${task.title}”; the filters hide it.`);
    },
    [matcher],
  );
  const backlogHeader = useMemo(
    () => <InlineTaskInput project={selected} projects={projects} onCreated={onCreated} />,
    [selected, projects, onCreated],
  );

  // Until the runs were read too, no task's lane is known (useQueueBoard shows none).
  const tasksLoading = !firstLook && (!isSettled(tasksStatus) || !runsHeld);
  const noneShown = shown === 0;
  const noneInProject = inProject === 0;
  const backlogEmpty = useMemo((): ReactNode => {
    if (tasksLoading) return <p className="lane-hint">Loading tasks…</p>;
    if (noneShown && (narrowed || !noneInProject)) {
      return (
        <div className="lane-hint">
          <p>No tasks match the filters.</p>
          {narrowed ? (
            <button type="button" className="button button-small" onClick={clearQueueFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
      );
    }
    if (noneInProject) {
      return (
        <div className="lane-hint lane-first-task">
          <p className="strong">No tasks yet</p>
          <p>A task is one piece of work for an agent. Type a title above and press Enter, or:</p>
          <button type="button" className="button button-small button-primary" onClick={newTask}>
            Create a task
          </button>
        </div>
      );
    }
    return <p className="lane-hint">Every task shown has run. New ones start here.</p>;
  }, [tasksLoading, noneShown, narrowed, noneInProject, newTask]);
  const empty = useMemo(() => ({ ...LANE_HINTS, backlog: backlogEmpty }), [backlogEmpty]);

  const noProjects = projects.length === 0 && isSettled(projectsStatus);
  const noRunners = runners.length === 0 && runnersStatus === 'ready';

  return (
    <div className="page page-board">
      <PageHeader
        title="Queue"
        actions={
          <button type="button" className="button button-primary" onClick={newTask} aria-keyshortcuts="n">
            New task <kbd aria-hidden="true">N</kbd>
          </button>
        }
      />
      <LoadProblems tasks={tasksStatus} runs={runsStatus} runners={runnersStatus} showClosed={showClosed} />
      {noRunners && !noProjects ? (
        <div className="notice notice-info notice-inline" role="note" aria-label="No runner yet">
          <span>
            <span className="strong">No runner yet.</span> Tasks wait in the backlog until there is a machine
            to run them on.
          </span>
          <a className="button button-small" href={hrefFor('runners')}>
            Add a runner
          </a>
        </div>
      ) : null}
      {paused ? <PausedNotice /> : null}
      {noProjects ? (
        <EmptyState
          title="No projects yet"
          action={
            <button type="button" className="button button-primary" onClick={newProject}>
              Add a project
            </button>
          }
        >
          <p>
            A project is a repository your agents work on. Add one, then queue tasks for it; Sortie runs them
            on your runners and reports back with a pull request.
          </p>
          {noRunners ? (
            <p>
              You will also need a runner, a machine the agents work on:{' '}
              <a href={hrefFor('runners')}>Add a runner</a>.
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <QueueToolbar
            projects={projects}
            openCounts={openCounts}
            selected={selected}
            onSelectProject={selectQueueProject}
            priorities={priorities}
            text={text}
            searchInput={searchRef}
            showClosed={showClosed}
            onShowClosed={toggleClosed}
            onAddProject={newProject}
            onEditProject={(project) => setDialog({ kind: 'project', project })}
            onDeleteProject={(project) => setDialog({ kind: 'delete-project', project })}
          />
          <p className="board-summary muted" aria-live="polite">
            {narrowed
              ? `Showing ${shown.toLocaleString()} of ${plural(inProject, 'task')}`
              : plural(shown, showClosed ? 'task' : 'open task')}
            {selected ? ` in ${selected.name}` : ''}
            {narrowed ? (
              <button type="button" className="button button-small button-ghost" onClick={clearQueueFilters}>
                Clear filters
              </button>
            ) : null}
          </p>
          <Board
            board={board}
            totals={totals}
            actions={actions}
            backlogHeader={backlogHeader}
            empty={empty}
          />
        </>
      )}
      {dialog?.kind === 'project' ? (
        <ProjectDialog
          project={dialog.project}
          onClose={close}
          onSaved={(project) => selectQueueProject(project.id)}
        />
      ) : null}
      {dialog?.kind === 'delete-project' ? (
        <DeleteProjectDialog project={dialog.project} onClose={close} />
      ) : null}
      {dialog?.kind === 'task' ? (
        <TaskDialog task={dialog.task} projects={projects} defaultProjectId={projectId} onClose={close} />
      ) : null}
      {dialog?.kind === 'run-until-passes' ? (
        <RunUntilPassesDialog
          task={dialog.request.task}
          defaultEvalCommand={evalCommands.get(dialog.request.task.projectId) ?? ''}
          runner={dialog.request.runner}
          agent={dialog.request.agent}
          onClose={close}
          onQueued={dialog.request.onQueued}
        />
      ) : null}
      {dialog?.kind === 'pull-request-choice' ? (
        <PullRequestChoiceDialog
          taskTitle={dialog.request.task.title}
          url={dialog.request.url}
          onClose={close}
          onStartNew={dialog.request.startNew}
          onContinue={() => {
            // The follow-up composer of the task page takes the focus when it shows.
            requestFollowUpFocus(dialog.request.task.id);
            navigate(hrefForTask(dialog.request.task.id));
          }}
        />
      ) : null}
      {dialog?.kind === 'delete-task' ? (
        <ConfirmDialog
          title="Delete this task?"
          confirmLabel="Delete task"
          onClose={close}
          onConfirm={async () => {
            await deleteTask(dialog.task.id);
            showToast('info', `Deleted “${dialog.task.title}”.`);
          }}
        >
          <p>
            “{dialog.task.title}” will be deleted with its run history, and its worktrees on the runners are
            removed. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** A list that failed to load: say so, what it means, and offer to try again. */
function LoadProblems(props: { tasks: string; runs: string; runners: string; showClosed: boolean }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const failed = [
    props.tasks === 'error' ? 'tasks' : null,
    props.runs === 'error' ? 'runs' : null,
    props.runners === 'error' ? 'runners' : null,
  ].filter((x): x is string => x !== null);
  if (failed.length === 0) return null;

  function retry(): void {
    setPending(true);
    setError(null);
    Promise.all([
      props.tasks === 'error' ? loadTasks(props.showClosed) : null,
      props.runs === 'error' ? loadDispatches() : null,
      props.runners === 'error' ? loadRunners() : null,
    ])
      .catch((failure: unknown) => setError(explainError(failure)))
      .finally(() => setPending(false));
  }

  return (
    <div className="notice notice-danger notice-inline" role="alert">
      <span>
        <span className="strong">Could not load the {failed.join(' and ')}.</span>{' '}
        {failed.includes('runs')
          ? 'Lanes may place tasks wrongly until they load. '
          : 'The board is incomplete until they load. '}
        {error ?? 'Check that Sortie is still running, then try again.'}
      </span>
      <button type="button" className="button button-small" onClick={retry} disabled={pending}>
        {pending ? 'Loading…' : 'Try again'}
      </button>
    </div>
  );
}

function PausedNotice() {
  const [pending, setPending] = useState(false);
  return (
    <div className="notice notice-warn notice-inline" role="note" aria-label="Queue paused">
      <span>
        <span className="strong">The queue is paused.</span> Queued runs wait until it is resumed; running
        ones go on.
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={pending}
        onClick={() => {
          setPending(true);
          invoke('queue.setPaused', { paused: false })
            .then(applyQueueState)
            .catch((error: unknown) =>
              showToast('error', `Could not resume the queue: ${explainError(error)}`),
            )
            .finally(() => setPending(false));
        }}
      >
        Resume
      </button>
    </div>
  );
}
