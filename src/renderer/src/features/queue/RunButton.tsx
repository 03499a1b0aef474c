import { useId, useState } from 'react';
import type { IterateInput, Runner, TaskRow } from '@shared/contract';
import { AGENTS, type AgentKind } from '@shared/domain/dispatch';
import { explainError } from '@renderer/components/error-advice';
import { Popover, usePopoverClose } from '@renderer/components/Popover';
import { defaultIterate } from '@renderer/features/iterate/iterate-form';
import { RunUntilPassesEntries } from '@renderer/features/iterate/RunUntilPassesEntries';
import { pullRequestToContinue } from '@renderer/features/task/run-choice';
import { pick } from '@renderer/lib/pick';
import { runsOf } from '@renderer/stores/dispatch-state';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { usePullRequestStatusStore } from '@renderer/stores/pull-request-status';
import { queueRun } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';
import { AGENT_LABELS } from '../runners/runner-form';
import { useBoardActions } from './board-context';

/**
 * Run on the default runner with its default agent in one click; the arrow beside it opens a
 * small panel to pick another runner or agent, or to run until an eval passes.
 */
export function RunButton({ task, again }: { task: TaskRow; again: boolean }) {
  const { runners, revealCard, evalCommands, runUntilPasses, choosePullRequest } = useBoardActions();
  const [pending, setPending] = useState(false);
  const runner = runners[0];
  const label = again ? 'Run again' : 'Run';
  const evalCommand = evalCommands.get(task.projectId) ?? '';

  async function queue(runnerId: string, agent: AgentKind, iterate?: IterateInput): Promise<void> {
    setPending(true);
    try {
      await queueRun({ taskId: task.id, runnerId, agent, ...(iterate ? { iterate } : {}) });
      // The card moves to the Queued lane: follow it there.
      revealCard(task.id);
    } catch (error) {
      showToast('error', `Could not run “${task.title}”: ${explainError(error)}`);
    } finally {
      setPending(false);
    }
  }

  /** A plain run of a task with an open pull request asks first: continue it, or a new one? */
  function run(runnerId: string, agent: AgentKind): void {
    // Read when pressed: the card does not re-render for every run or status change.
    const runs = runsOf(useDispatchesStore.getState().byId, task.id);
    const url = pullRequestToContinue(runs, usePullRequestStatusStore.getState().byUrl);
    if (url === null) void queue(runnerId, agent);
    else choosePullRequest({ task, url, startNew: () => void queue(runnerId, agent) });
  }

  if (!runner) {
    return (
      <button
        type="button"
        className="button button-small"
        disabled
        title="Add a runner first (Runners page)"
      >
        {label}
      </button>
    );
  }

  return (
    <span className="split-button">
      <button
        type="button"
        className="button button-small split-main"
        disabled={pending}
        title={`Run on ${runner.name} with ${AGENT_LABELS[runner.defaultAgent]}`}
        onClick={() => run(runner.id, runner.defaultAgent)}
      >
        {pending ? 'Queuing…' : label}
      </button>
      <Popover
        label={`Run “${task.title}”`}
        className="run-options"
        triggerClassName="button button-small split-more"
        triggerContent={<span aria-hidden="true">▾</span>}
        triggerLabel="Choose runner and agent"
        triggerTitle="Choose runner and agent"
        disabled={pending}
      >
        <RunOptions
          runners={runners}
          evalCommand={evalCommand}
          onRun={run}
          onRunDefaultEval={(runnerId, agent) => void queue(runnerId, agent, defaultIterate(evalCommand))}
          onChooseEval={(chosen, agent) =>
            runUntilPasses({ task, runner: chosen, agent, onQueued: () => revealCard(task.id) })
          }
        />
      </Popover>
    </span>
  );
}

function RunOptions({
  runners,
  evalCommand,
  onRun,
  onRunDefaultEval,
  onChooseEval,
}: {
  runners: readonly Runner[];
  evalCommand: string;
  onRun(runnerId: string, agent: AgentKind): void;
  onRunDefaultEval(runnerId: string, agent: AgentKind): void;
  onChooseEval(runner: Runner, agent: AgentKind): void;
}) {
  const id = useId();
  const close = usePopoverClose();
  const [runnerId, setRunnerId] = useState(runners[0]?.id ?? '');
  // The agent follows the runner's default until the user picks one.
  const [agent, setAgent] = useState<AgentKind | null>(null);
  const runner = runners.find((r) => r.id === runnerId) ?? runners[0];
  const chosenAgent = agent ?? runner?.defaultAgent ?? 'codex';

  return (
    <form
      className="run-options-form"
      onSubmit={(event) => {
        event.preventDefault();
        close();
        if (runner) onRun(runner.id, chosenAgent);
      }}
    >
      <label className="field-label" htmlFor={`${id}-runner`}>
        Runner
      </label>
      <select
        id={`${id}-runner`}
        data-autofocus
        value={runner?.id ?? ''}
        onChange={(event) => setRunnerId(event.target.value)}
      >
        {runners.map((r) => (
          <option key={r.id} value={r.id}>
            {r.isDefault ? `${r.name} (default)` : r.name}
          </option>
        ))}
      </select>
      <label className="field-label" htmlFor={`${id}-agent`}>
        Agent
      </label>
      <select
        id={`${id}-agent`}
        value={chosenAgent}
        onChange={(event) => setAgent(pick(AGENTS, event.target.value) ?? null)}
      >
        {AGENTS.map((a) => (
          <option key={a} value={a}>
            {AGENT_LABELS[a]}
          </option>
        ))}
      </select>
      <div className="run-options-actions">
        <button type="button" className="button button-small" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary">
          Run
        </button>
      </div>
      {runner ? (
        <RunUntilPassesEntries
          look="menu"
          evalCommand={evalCommand}
          onRunDefault={() => {
            close();
            onRunDefaultEval(runner.id, chosenAgent);
          }}
          onChoose={() => {
            close();
            onChooseEval(runner, chosenAgent);
          }}
        />
      ) : null}
    </form>
  );
}
