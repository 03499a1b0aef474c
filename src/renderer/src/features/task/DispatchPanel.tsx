import { useId, useState, type FormEvent } from 'react';
import type { Dispatch, Runner, Task } from '@shared/contract';
import { isReleasedRun } from '@shared/domain/dispatch';
import { ChainEvaluating, RunUntilPassesActions } from '@renderer/features/iterate/RunUntilPassesActions';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { RunnerAgentFields, useRunnerAgentChoice } from '@renderer/features/run/RunnerAgentFields';
import { errorMessage } from '@renderer/lib/errors';
import { submitOnSelectEnter } from '@renderer/lib/form-keys';
import { hrefFor, hrefForRun } from '@renderer/lib/route';
import { useActiveChainOf } from '@renderer/stores/chains';
import { requestFollowUpFocus } from '@renderer/stores/follow-up-focus';
import { usePullRequestStatusStore } from '@renderer/stores/pull-request-status';
import { queueRun } from '@renderer/stores/run-actions';
import { unreachableLine } from '@renderer/stores/run-labels';
import { showToast } from '@renderer/stores/ui';
import { CancelRunButton } from '@renderer/features/run/CancelRunButton';
import { agentName, runProgress } from '@renderer/features/run/run-text';
import { PullRequestChoiceDialog } from './PullRequestChoiceDialog';
import { pullRequestToContinue } from './run-choice';
import { activeRun, dispatchBlocked } from './task-runs';

export interface DispatchPanelProps {
  task: Task;
  runs: readonly Dispatch[];
  runners: readonly Runner[];
}

/** Starts a run of the task (runner and agent default to the default runner's), or shows the active one. */
export function DispatchPanel({ task, runs, runners }: DispatchPanelProps) {
  const headingId = useId();
  const choice = useRunnerAgentChoice(runners);
  const [pending, setPending] = useState(false);
  /** The open pull request Start run asks about: continue it, or start a new one? */
  const [openPullRequest, setOpenPullRequest] = useState<string | null>(null);

  const active = activeRun(runs);
  const { runner, agent } = choice;
  // A chain (run until the eval passes) between two runs, while its eval runs.
  const chain = useActiveChainOf(task.id);
  const evaluating = !active && chain !== undefined;
  const blocked =
    dispatchBlocked({ task, runs, runnerCount: runners.length }) ||
    (evaluating ? 'The eval is running.' : '');

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (blocked || pending || !runner) return;
    const url = pullRequestToContinue(runs, usePullRequestStatusStore.getState().byUrl);
    if (url === null) startRun();
    else setOpenPullRequest(url);
  }

  function startRun(): void {
    if (!runner) return;
    setPending(true);
    queueRun({ taskId: task.id, runnerId: runner.id, agent })
      .then(() => showToast('info', `Run queued on ${runner.name}.`))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }

  return (
    <section className="task-card dispatch-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {active
          ? isReleasedRun(active)
            ? 'Runner unreachable'
            : 'Active run'
          : evaluating
            ? 'Running the eval'
            : 'Run this task'}
      </h2>
      {active ? (
        <div className="active-run">
          <div className="active-run-status">
            <RunBadge run={active} />
            <span>{isReleasedRun(active) ? unreachableLine(active) : runProgress(active)}</span>
          </div>
          <p className="muted">
            {agentName(active.agent)} on {runners.find((r) => r.id === active.runnerId)?.name ?? 'a runner'}
            {active.followUpRequest ? ', answering a follow-up' : ''}
            {chain ? `, iteration ${chain.iteration}/${chain.maxIterations} until the eval passes` : ''}
          </p>
          <div className="panel-actions">
            <a className="button button-primary" href={hrefForRun(active.id)}>
              Watch live
            </a>
            <CancelRunButton run={active} />
          </div>
        </div>
      ) : evaluating ? (
        <ChainEvaluating chain={chain} />
      ) : runners.length === 0 ? (
        <p className="muted">
          No runner is set up yet. <a href={hrefFor('runners')}>Add one on the Runners page</a>, then run this
          task.
        </p>
      ) : (
        <>
          <form className="dispatch-form" onSubmit={submit} onKeyDown={submitOnSelectEnter}>
            <div className="field-row">
              <RunnerAgentFields runners={runners} choice={choice} />
            </div>
            <div className="panel-actions">
              <button type="submit" className="button button-primary" disabled={Boolean(blocked) || pending}>
                {pending ? 'Queuing…' : 'Start run'}
              </button>
              {blocked ? <span className="muted">{blocked}</span> : null}
            </div>
          </form>
          {/* Outside the form: its dialog's own form must not submit this one. */}
          {runner ? (
            <RunUntilPassesActions
              task={task}
              runner={runner}
              agent={agent}
              disabled={Boolean(blocked) || pending}
            />
          ) : null}
        </>
      )}
      {openPullRequest !== null ? (
        <PullRequestChoiceDialog
          taskTitle={task.title}
          url={openPullRequest}
          onClose={() => setOpenPullRequest(null)}
          onStartNew={startRun}
          onContinue={() => requestFollowUpFocus(task.id)}
        />
      ) : null}
    </section>
  );
}
