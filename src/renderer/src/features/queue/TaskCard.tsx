import { memo } from 'react';
import type { RunChain, TaskRow } from '@shared/contract';
import { isActiveDispatch, isReleasedRun } from '@shared/domain/dispatch';
import { isActiveChain } from '@shared/domain/iterate';
import { explainError } from '@renderer/components/error-advice';
import { Popover, usePopoverClose } from '@renderer/components/Popover';
import { PriorityBadge } from '@renderer/components/PriorityBadge';
import { RunClock } from '@renderer/components/RunClock';
import { ReleasedBadge } from '@renderer/components/RunStatusBadge';
import { iterationLabel } from '@renderer/features/iterate/iterate-form';
import { TaskPullRequests } from '@renderer/features/pull-requests/TaskPullRequests';
import { hrefForRun, hrefForTask } from '@renderer/lib/route';
import { useChain } from '@renderer/stores/chains';
import type { Card, LaneId } from '@renderer/stores/lanes';
import { RUN_STATUS_LABELS, outcomeLine, phaseLabel, unreachableLine } from '@renderer/stores/run-labels';
import { updateTask } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';
import { useBoardActions } from './board-context';
import { RunButton } from './RunButton';

export interface TaskCardProps {
  card: Card;
  lane: LaneId;
  /** The one card of the board reachable with Tab (the others by arrow keys). */
  tabbable: boolean;
}

/** What the card says about the task's latest run (and its chain's eval), in one line. */
function statusLine(card: Card, chain: RunChain | undefined): string {
  const { task, run } = card;
  if (!run) return task.status === 'closed' ? 'Closed without a run' : 'Not run yet';
  if (chain?.status === 'evaluating') return `Running the eval: ${chain.evalCommand}`;
  if (isActiveDispatch(run.status)) return phaseLabel(run);
  if (isReleasedRun(run)) return unreachableLine(run);
  const outcome = outcomeLine(run);
  const status = RUN_STATUS_LABELS[run.status];
  return outcome.toLowerCase().startsWith(status.toLowerCase()) ? outcome : `${status}: ${outcome}`;
}

/** A canceled run is no success, and an unreachable one is not plain running: each its own look. */
function outcomeClass(run: Card['run']): string {
  if (!run) return '';
  if (isReleasedRun(run)) return ' card-unreachable';
  return run.status === 'canceled' ? ' card-canceled' : '';
}

/**
 * A task on the board. The title is a link to the task page stretched over the whole card; the
 * run's controls sit above it.
 */
export const TaskCard = memo(function TaskCard({ card, lane, tabbable }: TaskCardProps) {
  const { task, run } = card;
  const { projectNames } = useBoardActions();
  const active = run !== undefined && isActiveDispatch(run.status);
  // Its runner cannot be reached: the run is watched, and neither run again nor given up from here.
  const unreachable = run !== undefined && isReleasedRun(run);
  const projectName = projectNames?.get(task.projectId) ?? null;
  const closed = task.status === 'closed';
  // The chain (run until the eval passes) the latest run belongs to, once seen here.
  const chain = useChain(run?.chainId ?? null);
  const chainActive = chain !== undefined && isActiveChain(chain.status);
  const line = statusLine(card, chain);
  const iteration = run ? iterationLabel(run, chain, active) : '';

  return (
    <article
      className={`card card-${lane}${closed ? ' card-closed' : ''}${outcomeClass(run)}`}
      data-task-id={task.id}
    >
      <div className="card-top">
        <PriorityBadge priority={task.priority} />
        {projectName ? <span className="card-project">{projectName}</span> : null}
        {closed ? <span className="badge badge-muted">Closed</span> : null}
        {iteration ? <span className="badge badge-accent card-iteration">{iteration}</span> : null}
        <span className="spacer" />
        <TaskPullRequests taskId={task.id} title={task.title} />
        {run && active ? <RunClock run={run} /> : null}
      </div>
      <a
        className="card-link"
        href={hrefForTask(task.id)}
        data-card-link={task.id}
        tabIndex={tabbable ? 0 : -1}
        title={task.title}
      >
        {task.title}
      </a>
      <div
        className={`card-status${run ? ` card-status-${unreachable ? 'unreachable' : run.status}` : ''}`}
        title={run?.errorText || line}
      >
        {line}
      </div>
      <div className="card-foot">
        {unreachable ? <ReleasedBadge /> : null}
        <span className="spacer" />
        {run && (active || unreachable) ? (
          <a className="button button-small card-action" href={hrefForRun(run.id)}>
            View run
          </a>
        ) : chainActive ? (
          // Its eval runs: the task page shows it, and cancels it.
          <a className="button button-small card-action" href={hrefForTask(task.id)}>
            View eval
          </a>
        ) : closed ? null : (
          <RunButton task={task} again={run !== undefined} />
        )}
        <CardMenu task={task} runId={run?.id ?? null} />
      </div>
    </article>
  );
});

function CardMenu({ task, runId }: { task: TaskRow; runId: string | null }) {
  return (
    <Popover
      label={`Actions for “${task.title}”`}
      className="menu"
      triggerClassName="button button-small button-ghost card-more"
      triggerContent={<span aria-hidden="true">⋯</span>}
      triggerLabel={`More actions for ${task.title}`}
      triggerTitle="More actions"
    >
      <CardMenuItems task={task} runId={runId} />
    </Popover>
  );
}

function CardMenuItems({ task, runId }: { task: TaskRow; runId: string | null }) {
  const { editTask, deleteTask } = useBoardActions();
  const close = usePopoverClose();
  const closed = task.status === 'closed';

  function toggleClosed(): void {
    updateTask({ id: task.id, status: closed ? 'open' : 'closed' })
      .then(() => showToast('info', closed ? `Reopened “${task.title}”.` : `Closed “${task.title}”.`))
      .catch((error: unknown) => showToast('error', explainError(error)));
  }

  return (
    <div className="menu-items">
      {runId ? (
        <a className="menu-item" href={hrefForRun(runId)} onClick={close}>
          Open latest run
        </a>
      ) : null}
      <button
        type="button"
        className="menu-item"
        onClick={() => {
          close();
          editTask(task);
        }}
      >
        Edit task
      </button>
      <button
        type="button"
        className="menu-item"
        onClick={() => {
          close();
          toggleClosed();
        }}
      >
        {closed ? 'Reopen task' : 'Close task'}
      </button>
      <button
        type="button"
        className="menu-item menu-item-danger"
        onClick={() => {
          close();
          deleteTask(task);
        }}
      >
        Delete task…
      </button>
    </div>
  );
}
