import { useId, useState, type FormEvent } from 'react';
import type { Dispatch, Runner, Task } from '@shared/contract';
import { AGENTS, type AgentKind } from '@shared/domain/dispatch';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { errorMessage } from '@renderer/lib/errors';
import { pick } from '@renderer/lib/pick';
import { hrefFor, hrefForRun } from '@renderer/lib/route';
import { queueRun } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';
import { CancelRunButton } from '@renderer/features/run/CancelRunButton';
import { agentName, runProgress } from '@renderer/features/run/run-text';
import { activeRun, defaultRunnerId, dispatchBlocked } from './task-runs';

export interface DispatchPanelProps {
  task: Task;
  runs: readonly Dispatch[];
  runners: readonly Runner[];
}

/** Starts a run of the task (runner and agent default to the default runner's), or shows the active one. */
export function DispatchPanel({ task, runs, runners }: DispatchPanelProps) {
  const headingId = useId();
  const runnerFieldId = useId();
  const agentFieldId = useId();
  const [runnerChoice, setRunnerChoice] = useState<string | null>(null);
  const [agentChoice, setAgentChoice] = useState<AgentKind | null>(null);
  const [pending, setPending] = useState(false);

  const active = activeRun(runs);
  const runnerId =
    runnerChoice && runners.some((r) => r.id === runnerChoice) ? runnerChoice : defaultRunnerId(runners);
  const runner = runners.find((r) => r.id === runnerId);
  const agent = agentChoice ?? runner?.defaultAgent ?? 'codex';
  const blocked = dispatchBlocked({ task, runs, runnerCount: runners.length });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (blocked || pending || !runner) return;
    setPending(true);
    queueRun({ taskId: task.id, runnerId: runner.id, agent })
      .then(() => showToast('info', `Run queued on ${runner.name}.`))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }

  return (
    <section className="task-card dispatch-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{active ? 'Active run' : 'Run this task'}</h2>
      {active ? (
        <div className="active-run">
          <div className="active-run-status">
            <RunBadge run={active} />
            <span>{runProgress(active)}</span>
          </div>
          <p className="muted">
            {agentName(active.agent)} on {runners.find((r) => r.id === active.runnerId)?.name ?? 'a runner'}
            {active.followUpRequest ? ', answering a follow-up' : ''}
          </p>
          <div className="panel-actions">
            <a className="button button-primary" href={hrefForRun(active.id)}>
              Watch live
            </a>
            <CancelRunButton run={active} />
          </div>
        </div>
      ) : runners.length === 0 ? (
        <p className="muted">
          No runner is set up yet. <a href={hrefFor('runners')}>Add one on the Runners page</a>, then run this
          task.
        </p>
      ) : (
        <form
          className="dispatch-form"
          onSubmit={submit}
          onKeyDown={(e) => {
            // Enter on a select submits too, as it does on a single-line input.
            if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
              e.preventDefault();
              e.currentTarget.requestSubmit();
            }
          }}
        >
          <div className="field-row">
            <div className="field">
              <label className="field-label" htmlFor={runnerFieldId}>
                Runner
              </label>
              <select
                id={runnerFieldId}
                value={runnerId}
                onChange={(e) => {
                  setRunnerChoice(e.target.value);
                  setAgentChoice(null);
                }}
              >
                {runners.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.isDefault ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={agentFieldId}>
                Agent
              </label>
              <select
                id={agentFieldId}
                value={agent}
                onChange={(e) => setAgentChoice(pick(AGENTS, e.target.value) ?? null)}
              >
                {AGENTS.map((a) => (
                  <option key={a} value={a}>
                    {agentName(a)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="panel-actions">
            <button type="submit" className="button button-primary" disabled={Boolean(blocked) || pending}>
              {pending ? 'Queuing…' : 'Start run'}
            </button>
            {blocked ? <span className="muted">{blocked}</span> : null}
          </div>
        </form>
      )}
    </section>
  );
}
