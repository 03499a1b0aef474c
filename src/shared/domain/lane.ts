import { isReleasedRun, type DispatchStatus } from './dispatch';
import { PRIORITY_RANK, type TaskPriority, type TaskStatus } from './task';

/**
 * The queue's lanes, defined once for the window (which sorts the tasks it holds) and the host
 * (which answers `queue.board`, the board's first look before the window holds every task).
 */

/** The queue's columns, left to right: where a task stands with its latest run. */
export const LANES = ['backlog', 'queued', 'preparing', 'running', 'attention', 'done'] as const;
export type LaneId = (typeof LANES)[number];

/** What of a task decides its lane and place. */
export interface LaneTask {
  readonly id: string;
  readonly priority: TaskPriority;
  readonly status: TaskStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What of its latest run decides a task's lane and place. */
export interface LaneRun {
  readonly id: string;
  readonly status: DispatchStatus;
  readonly released: boolean;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
}

/** A task on the board with its latest run (undefined: never run). */
export interface LaneCard<T extends LaneTask = LaneTask, R extends LaneRun = LaneRun> {
  readonly task: T;
  readonly run: R | undefined;
}

/** Later wins: createdAt, then id (ids of one kind sort by creation time too). */
export function isNewerRun(
  a: Pick<LaneRun, 'id' | 'createdAt'>,
  b: Pick<LaneRun, 'id' | 'createdAt'>,
): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

/**
 * A closed task is done whatever its runs did. An open one goes by its latest run: none yet is
 * backlog; a released run (its runner unreachable, its agent maybe still working) stays running;
 * blocked and failed need attention; succeeded and canceled are done.
 */
export function laneOf(task: Pick<LaneTask, 'status'>, run: LaneRun | undefined): LaneId {
  if (task.status === 'closed') return 'done';
  if (!run) return 'backlog';
  if (isReleasedRun(run)) return 'running';
  switch (run.status) {
    case 'queued':
      return 'queued';
    case 'preparing':
      return 'preparing';
    case 'running':
      return 'running';
    case 'blocked':
    case 'failed':
      return 'attention';
    case 'succeeded':
    case 'canceled':
      return 'done';
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Order = (a: LaneCard, b: LaneCard) => number;

const byPriority: Order = (a, b) => PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority];
const byTaskId: Order = (a, b) => cmp(a.task.id, b.task.id);
const started = (c: LaneCard) => c.run?.startedAt ?? c.run?.createdAt ?? c.task.createdAt;
const finished = (c: LaneCard) => c.run?.finishedAt ?? c.run?.updatedAt ?? c.task.updatedAt;

/**
 * Order within each lane. Waiting lanes go as the scheduler picks (priority, then age); working
 * lanes oldest first, so cards keep their place while runs progress; finished lanes newest
 * first, where the latest outcome matters most.
 */
export const LANE_ORDER: Record<LaneId, Order> = {
  backlog: (a, b) => byPriority(a, b) || cmp(a.task.createdAt, b.task.createdAt) || byTaskId(a, b),
  queued: (a, b) => byPriority(a, b) || cmp(a.run?.createdAt ?? '', b.run?.createdAt ?? '') || byTaskId(a, b),
  preparing: (a, b) => cmp(started(a), started(b)) || byTaskId(a, b),
  running: (a, b) => cmp(started(a), started(b)) || byTaskId(a, b),
  attention: (a, b) => cmp(finished(b), finished(a)) || byTaskId(a, b),
  done: (a, b) => cmp(finished(b), finished(a)) || byTaskId(a, b),
};

/** Inserts `card` into the sorted `cards` after any equal ones. */
export function insertSorted<C>(cards: C[], card: C, order: (a: C, b: C) => number): void {
  let low = 0;
  let high = cards.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order(cards[mid]!, card) <= 0) low = mid + 1;
    else high = mid;
  }
  cards.splice(low, 0, card);
}
