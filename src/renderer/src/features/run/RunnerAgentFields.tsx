import { useId, useState, type ReactNode } from 'react';
import type { Runner } from '@shared/contract';
import { AGENTS, type AgentKind } from '@shared/domain/dispatch';
import { defaultRunnerId } from '@renderer/features/task/task-runs';
import { pick } from '@renderer/lib/pick';
import { agentName } from './run-text';

/** The runner and agent a new run (of a task or a review) goes to, as picked in `RunnerAgentFields`. */
export interface RunnerAgentChoice {
  /** The picked runner while it exists, else the default one ('' without runners). */
  readonly runnerId: string;
  readonly runner: Runner | undefined;
  /** The picked agent, else the runner's default one. */
  readonly agent: AgentKind;
  /** Picks a runner; the agent goes back to that runner's default. */
  chooseRunner(runnerId: string): void;
  chooseAgent(agent: AgentKind | null): void;
}

export function useRunnerAgentChoice(runners: readonly Runner[]): RunnerAgentChoice {
  const [runnerChoice, setRunnerChoice] = useState<string | null>(null);
  const [agentChoice, setAgentChoice] = useState<AgentKind | null>(null);
  const runnerId =
    runnerChoice && runners.some((r) => r.id === runnerChoice) ? runnerChoice : defaultRunnerId(runners);
  const runner = runners.find((r) => r.id === runnerId);
  return {
    runnerId,
    runner,
    agent: agentChoice ?? runner?.defaultAgent ?? 'codex',
    chooseRunner(id) {
      setRunnerChoice(id);
      setAgentChoice(null);
    },
    chooseAgent: setAgentChoice,
  };
}

/** The Runner and Agent selects of a form that starts a run; two `.field`s for the caller's row. */
export function RunnerAgentFields({
  runners,
  choice,
}: {
  runners: readonly Runner[];
  choice: RunnerAgentChoice;
}) {
  return (
    <>
      <SelectField
        label="Runner"
        value={choice.runnerId}
        disabled={runners.length === 0}
        onChange={choice.chooseRunner}
      >
        {runners.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
            {r.isDefault ? ' (default)' : ''}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Agent"
        value={choice.agent}
        onChange={(value) => choice.chooseAgent(pick(AGENTS, value) ?? null)}
      >
        {AGENTS.map((a) => (
          <option key={a} value={a}>
            {agentName(a)}
          </option>
        ))}
      </SelectField>
    </>
  );
}

function SelectField({
  label,
  value,
  disabled,
  onChange,
  children,
}: {
  label: string;
  value: string;
  disabled?: boolean;
  onChange(value: string): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
