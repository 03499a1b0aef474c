import type { AgentEntryKind } from '@shared/domain/agent-entry';
import type { Dispatch, RunEvent } from '@shared/contract';
import { isActiveDispatch, LAUNCH_PHASE_LABELS, LAUNCH_PHASES } from '@shared/domain/dispatch';
import { launchPhaseLabel } from '@shared/domain/run-entry';

/** What a run's timeline says about one phase of its launch, or about the agent's work after it. */
export interface PhaseStep {
  /** A launch phase name, or 'agent' for the agent's own work. */
  readonly phase: string;
  readonly label: string;
  readonly state: 'done' | 'current' | 'failed' | 'stopped' | 'pending';
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** Up to `now` while current; null when a bound is unknown. */
  readonly durationMs: number | null;
}

export const AGENT_STEP = 'agent';
/** The phase event the core records when the agent has been launched. */
const AGENT_STARTED_PHASE = 'running';

type RunTimes = Pick<Dispatch, 'status' | 'finishedAt' | 'phase' | 'phaseStartedAt'>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function ms(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function span(start: string | null, end: string | null, now: number | null): number | null {
  const a = ms(start);
  const b = end === null ? now : ms(end);
  if (a === null || b === null) return null;
  return Math.max(0, b - a);
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return (ms(b) ?? 0) > (ms(a) ?? 0) ? b : a;
}

/**
 * The run's launch phases with their durations, read from its 'phase' events: a phase lasts
 * from its event to the next phase's event; the last one until the agent started (the core's
 * 'running' phase event), else its first output, the run's end, or (still going) now. While the
 * run prepares, the phases still to come are listed as pending; once the agent runs, a last step
 * stands for its work.
 */
export function buildPhaseTimeline(events: readonly RunEvent[], run: RunTimes, now: number): PhaseStep[] {
  const marked = events
    .filter((e) => e.kind === 'phase')
    .map((e) => ({ phase: text(e.data.phase), label: text(e.data.label), at: e.at, seq: e.seq }));
  const agentMark = marked.find((p) => p.phase === AGENT_STARTED_PHASE);
  const phases = marked.filter((p) => p.phase !== AGENT_STARTED_PHASE);
  // Seen live before the phase event was read (or with the event trimmed): the run says which.
  if (phases.length === 0 && run.phase && run.phaseStartedAt) {
    phases.push({ phase: run.phase, label: '', at: run.phaseStartedAt, seq: Number.MAX_SAFE_INTEGER });
  }
  const active = isActiveDispatch(run.status);
  const lastPhase = phases.at(-1);
  const firstAgent = lastPhase ? events.find((e) => e.kind === 'agent' && e.seq > lastPhase.seq) : undefined;
  const failure = events.find((e) => e.kind === 'note' && e.data.level === 'error' && text(e.data.phase));
  const agentStarted = agentMark !== undefined || firstAgent !== undefined || run.status === 'running';
  const stillPreparing = active && !agentStarted;

  const steps: PhaseStep[] = phases.map((p, i) => {
    const next = phases[i + 1];
    const label = launchPhaseLabel(p.phase, p.label);
    if (next) {
      return {
        phase: p.phase,
        label,
        state: 'done',
        startedAt: p.at,
        endedAt: next.at,
        durationMs: span(p.at, next.at, null),
      };
    }
    if (stillPreparing) {
      return {
        phase: p.phase,
        label,
        state: 'current',
        startedAt: p.at,
        endedAt: null,
        durationMs: span(p.at, null, now),
      };
    }
    const endedAt = agentMark?.at ?? firstAgent?.at ?? (active ? null : run.finishedAt);
    const failedHere = failure !== undefined && text(failure.data.phase) === p.phase;
    const state = failedHere
      ? 'failed'
      : !agentStarted && (run.status === 'canceled' || run.status === 'blocked' || run.status === 'failed')
        ? 'stopped'
        : 'done';
    return { phase: p.phase, label, state, startedAt: p.at, endedAt, durationMs: span(p.at, endedAt, null) };
  });

  if (active && !agentStarted) {
    const reached = new Set(phases.map((p) => p.phase));
    const lastIndex = lastPhase
      ? LAUNCH_PHASES.indexOf(lastPhase.phase as (typeof LAUNCH_PHASES)[number])
      : -1;
    for (const phase of LAUNCH_PHASES.slice(lastIndex + 1)) {
      if (reached.has(phase)) continue;
      steps.push({
        phase,
        label: LAUNCH_PHASE_LABELS[phase],
        state: 'pending',
        startedAt: null,
        endedAt: null,
        durationMs: null,
      });
    }
    steps.push({
      phase: AGENT_STEP,
      label: 'Agent at work',
      state: 'pending',
      startedAt: null,
      endedAt: null,
      durationMs: null,
    });
  } else if (agentStarted) {
    const startedAt = agentMark?.at ?? firstAgent?.at ?? steps.at(-1)?.endedAt ?? null;
    // The remote records the end to the second: the work lasted at least to its last output.
    const lastAgent = events.findLast((e) => e.kind === 'agent');
    const endedAt = active ? null : latest(run.finishedAt, lastAgent?.at ?? null);
    const state = active
      ? 'current'
      : run.status === 'succeeded'
        ? 'done'
        : run.status === 'failed'
          ? 'failed'
          : 'stopped';
    steps.push({
      phase: AGENT_STEP,
      label: 'Agent at work',
      state,
      startedAt,
      endedAt,
      durationMs: span(startedAt, endedAt, active ? now : null),
    });
  }
  return steps;
}

export type { AgentEntryKind };
export { describeEvent, formatDuration, type EntryView } from '@shared/domain/run-entry';
