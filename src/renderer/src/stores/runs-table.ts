import type { Dispatch, Project, Review, Runner, TaskRow } from '@shared/contract';
import { isActiveDispatch, holdsRunnerSlot, type DispatchStatus } from '@shared/domain/dispatch';
import { reviewLabel } from './review-labels';
import { RUN_STATUS_LABELS, outcomeLine, phaseLabel } from './run-labels';
import { runDurationMs } from './run-time';

type ById<T> = Readonly<Record<string, T>>;

export const RUN_SORT_KEYS = [
  'status',
  'task',
  'project',
  'runner',
  'agent',
  'phase',
  'started',
  'duration',
  'cost',
] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

export type SortDirection = 'asc' | 'desc';

export interface RunSort {
  readonly key: RunSortKey;
  readonly direction: SortDirection;
}

export const DEFAULT_RUN_SORT: RunSort = { key: 'started', direction: 'desc' };

/** One line of the runs table: the run with the names it refers to. */
export interface RunRow {
  readonly run: Dispatch;
  /** null: a review run, or the task is not loaded (closed) or gone. */
  readonly taskTitle: string | null;
  /** A review run's pull request, `owner/repo#N`; null for task runs or a review not held. */
  readonly reviewLabel: string | null;
  readonly projectName: string | null;
  readonly runnerName: string | null;
  /** The phase of an active run, or how a finished one ended. */
  readonly progress: string;
}

export function buildRunRows(
  runs: Iterable<Dispatch>,
  tasks: ById<TaskRow>,
  projects: ById<Project>,
  runners: ById<Runner>,
  reviews: ById<Review> = {},
): RunRow[] {
  const rows: RunRow[] = [];
  for (const run of runs) {
    const review = run.reviewId ? reviews[run.reviewId] : undefined;
    rows.push({
      run,
      taskTitle: run.taskId ? (tasks[run.taskId]?.title ?? null) : null,
      reviewLabel: review ? reviewLabel(review) : null,
      projectName: run.projectId ? (projects[run.projectId]?.name ?? null) : null,
      runnerName: run.runnerId ? (runners[run.runnerId]?.name ?? null) : null,
      progress: isActiveDispatch(run.status) ? phaseLabel(run) : outcomeLine(run),
    });
  }
  return rows;
}

/** Active runs first (the furthest along first), then the ones that need a look. */
const STATUS_RANK: Record<DispatchStatus, number> = {
  running: 0,
  preparing: 1,
  queued: 2,
  blocked: 3,
  failed: 4,
  succeeded: 5,
  canceled: 6,
};

const byText = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Missing names sort last in either direction. */
function textOrLast(a: string | null, b: string | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * byText.compare(a, b);
}

/** Missing numbers sort last in either direction. */
function numberOrLast(a: number | null, b: number | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * (a - b);
}

/** Tokens in and out, for ordering runs that report no cost (Codex) among themselves. */
function tokensOf(run: Dispatch): number | null {
  return run.usage ? run.usage.inputTokens + run.usage.outputTokens : null;
}

function startedAt(run: Dispatch): string {
  return run.startedAt ?? run.createdAt;
}

/**
 * A comparator for the column: ties go to the most recently created run, so the order never
 * depends on how the rows came in.
 */
export function compareRunRows(sort: RunSort, now: number): (a: RunRow, b: RunRow) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const tie = (a: RunRow, b: RunRow) => cmp(b.run.createdAt, a.run.createdAt) || cmp(b.run.id, a.run.id);
  const primary = (a: RunRow, b: RunRow): number => {
    switch (sort.key) {
      case 'status':
        return sign * (STATUS_RANK[a.run.status] - STATUS_RANK[b.run.status]);
      case 'task':
        return textOrLast(a.taskTitle ?? a.reviewLabel, b.taskTitle ?? b.reviewLabel, sign);
      case 'project':
        return textOrLast(a.projectName, b.projectName, sign);
      case 'runner':
        return textOrLast(a.runnerName, b.runnerName, sign);
      case 'agent':
        return sign * cmp(a.run.agent, b.run.agent);
      case 'phase':
        return textOrLast(a.progress || null, b.progress || null, sign);
      case 'started':
        return sign * cmp(startedAt(a.run), startedAt(b.run));
      case 'duration':
        return sign * (runDurationMs(a.run, now) - runDurationMs(b.run, now));
      case 'cost':
        // Reported costs first; then runs with tokens only (Codex), by tokens; then no usage.
        return (
          numberOrLast(a.run.usage?.costUsd ?? null, b.run.usage?.costUsd ?? null, sign) ||
          numberOrLast(tokensOf(a.run), tokensOf(b.run), sign)
        );
    }
  };
  return (a, b) => primary(a, b) || tie(a, b);
}

export function sortRunRows(rows: readonly RunRow[], sort: RunSort, now: number): RunRow[] {
  return [...rows].sort(compareRunRows(sort, now));
}

/** Clicking the sorted column flips it; another column starts in its natural direction. */
export function toggleSort(current: RunSort, key: RunSortKey): RunSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'started' || key === 'duration' || key === 'cost' ? 'desc' : 'asc' };
}

export function statusLabel(status: DispatchStatus): string {
  return RUN_STATUS_LABELS[status];
}

/**
 * How full one runner is: preparing and running runs take its slots, and so do released ones
 * (their agent may still be working there, as the scheduler counts them); queued ones wait.
 */
export interface RunnerLoad {
  readonly runner: Runner;
  readonly busy: number;
  readonly queued: number;
  readonly capacity: number;
}

export function runnerLoads(runners: readonly Runner[], runs: Iterable<Dispatch>): RunnerLoad[] {
  const busy = new Map<string, number>();
  const queued = new Map<string, number>();
  for (const run of runs) {
    if (!run.runnerId) continue;
    if (holdsRunnerSlot(run)) {
      busy.set(run.runnerId, (busy.get(run.runnerId) ?? 0) + 1);
    } else if (run.status === 'queued') {
      queued.set(run.runnerId, (queued.get(run.runnerId) ?? 0) + 1);
    }
  }
  return runners.map((runner) => ({
    runner,
    busy: busy.get(runner.id) ?? 0,
    queued: queued.get(runner.id) ?? 0,
    capacity: runner.maxConcurrent,
  }));
}
