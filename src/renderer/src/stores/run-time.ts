import type { Dispatch } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';

/**
 * A duration as a developer reads it at a glance: 45s, 3m 05s, 1h 02m, 2d 3h. Negative values
 * (a clock a little behind the core's) read as 0s.
 */
export function formatElapsed(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86_400);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export type RunClockKind = 'waiting' | 'working' | 'took';

/**
 * What a run's clock shows: how long it has waited for a slot (queued), how long it has been
 * working (preparing, running), or how long it took (finished). `ticking` says whether it
 * changes with `now`.
 */
export function runClock(run: Dispatch, now: number): { kind: RunClockKind; ms: number; ticking: boolean } {
  const created = time(run.createdAt) ?? now;
  if (run.status === 'queued') return { kind: 'waiting', ms: now - created, ticking: true };
  const started = time(run.startedAt) ?? created;
  if (isActiveDispatch(run.status)) return { kind: 'working', ms: now - started, ticking: true };
  const ended = time(run.finishedAt) ?? time(run.updatedAt) ?? now;
  return { kind: 'took', ms: ended - started, ticking: false };
}

/** Duration for sorting: finished runs by what they took, active ones by how long so far. */
export function runDurationMs(run: Dispatch, now: number): number {
  const clock = runClock(run, now);
  return clock.kind === 'waiting' ? 0 : clock.ms;
}

export interface RunCountdown {
  kind: 'result-grace' | 'max-run-time';
  /** What happens when it is up, as the run page says it. */
  label: string;
  /** Until then; 0 once it is due (Sortie is stopping the run). */
  ms: number;
}

/**
 * The moments a running run is stopped at, soonest first: when its agent wrote a result but goes
 * on (the grace period) and its maximum run time.
 */
export function runCountdowns(run: Dispatch, now: number): RunCountdown[] {
  if (run.status !== 'running') return [];
  const countdowns: RunCountdown[] = [];
  const grace = time(run.graceEndsAt);
  if (grace !== null) {
    countdowns.push({
      kind: 'result-grace',
      label: 'Result written; the agent is stopped in',
      ms: Math.max(0, grace - now),
    });
  }
  const deadline = time(run.deadlineAt);
  if (deadline !== null) {
    countdowns.push({ kind: 'max-run-time', label: 'Times out in', ms: Math.max(0, deadline - now) });
  }
  return countdowns.sort((a, b) => a.ms - b.ms);
}
