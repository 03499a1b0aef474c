import type { Dispatch, Task } from '@shared/contract';
import { isReleasedRun } from '@shared/domain/dispatch';
import { PRIORITY_RANK } from '@shared/domain/task';

/** The queue's columns, left to right: where a task stands with its latest run. */
export const LANES = ['backlog', 'queued', 'preparing', 'running', 'attention', 'done'] as const;
export type LaneId = (typeof LANES)[number];

export const LANE_LABELS: Record<LaneId, string> = {
  backlog: 'Backlog',
  queued: 'Queued',
  preparing: 'Preparing',
  running: 'Running',
  attention: 'Needs attention',
  done: 'Done',
};

/** A task on the board with its latest run (undefined: never run). */
export interface Card {
  readonly task: Task;
  readonly run: Dispatch | undefined;
}

export type Board = Readonly<Record<LaneId, readonly Card[]>>;

/**
 * A closed task is done whatever its runs did. An open one goes by its latest run: none yet is
 * backlog; a released run (its runner unreachable, its agent maybe still working) stays running;
 * blocked and failed need attention; succeeded and canceled are done.
 */
export function laneOf(task: Task, run: Dispatch | undefined): LaneId {
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

/**
 * An empty lane shrinks to a narrow strip with its name and count, so the lanes with cards get
 * the width (the board fits 1024 px while work is in few lanes). The backlog never shrinks: it
 * holds the new-task input.
 */
export function isCollapsedLane(lane: LaneId, count: number): boolean {
  return count === 0 && lane !== 'backlog';
}

/** Lanes a little wider than the rest while they hold cards: the work going on, and its results. */
const WIDE_LANES: ReadonlySet<LaneId> = new Set(['running', 'done']);

/** The board's grid columns for these lane sizes (the board scrolls sideways past its width). */
export function laneColumns(counts: Readonly<Record<LaneId, number>>): string {
  return LANES.map((lane) =>
    isCollapsedLane(lane, counts[lane])
      ? 'var(--lane-collapsed-width)'
      : WIDE_LANES.has(lane)
        ? 'minmax(200px,1.3fr)'
        : 'minmax(172px,1fr)',
  ).join(' ');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byPriority = (a: Card, b: Card) => PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority];
const byTaskId = (a: Card, b: Card) => cmp(a.task.id, b.task.id);
const started = (c: Card) => c.run?.startedAt ?? c.run?.createdAt ?? c.task.createdAt;
const finished = (c: Card) => c.run?.finishedAt ?? c.run?.updatedAt ?? c.task.updatedAt;

/**
 * Order within each lane. Waiting lanes go as the scheduler picks (priority, then age); working
 * lanes oldest first, so cards keep their place while runs progress; finished lanes newest
 * first, where the latest outcome matters most.
 */
export const LANE_ORDER: Record<LaneId, (a: Card, b: Card) => number> = {
  backlog: (a, b) => byPriority(a, b) || cmp(a.task.createdAt, b.task.createdAt) || byTaskId(a, b),
  queued: (a, b) => byPriority(a, b) || cmp(a.run?.createdAt ?? '', b.run?.createdAt ?? '') || byTaskId(a, b),
  preparing: (a, b) => cmp(started(a), started(b)) || byTaskId(a, b),
  running: (a, b) => cmp(started(a), started(b)) || byTaskId(a, b),
  attention: (a, b) => cmp(finished(b), finished(a)) || byTaskId(a, b),
  done: (a, b) => cmp(finished(b), finished(a)) || byTaskId(a, b),
};

export function emptyBoard(): Record<LaneId, Card[]> {
  return { backlog: [], queued: [], preparing: [], running: [], attention: [], done: [] };
}

/** Lanes changed by more cards than this are sorted again rather than patched. */
const PATCH_LIMIT = 64;

/**
 * Sorts the tasks that pass `include` into lanes. Given the previous board, cards whose task and
 * run did not change keep their object, lanes whose cards did not change keep their array (so
 * memoized lanes and cards skip rendering when one run moves among thousands), and a lane that
 * gained a few cards has them inserted in place instead of being sorted again.
 */
export function buildBoard(
  tasks: Iterable<Task>,
  latest: ReadonlyMap<string, Dispatch>,
  include: (task: Task) => boolean,
  previous?: Board,
): Board {
  const before = new Map<string, Card>();
  if (previous) for (const lane of LANES) for (const card of previous[lane]) before.set(card.task.id, card);

  // A kept card is in the lane it was in: the lane follows from the task and its run alone.
  const stayed = Object.fromEntries(LANES.map((lane) => [lane, new Set<Card>()])) as Record<
    LaneId,
    Set<Card>
  >;
  const added = emptyBoard();
  for (const task of tasks) {
    if (!include(task)) continue;
    const run = latest.get(task.id);
    const kept = before.get(task.id);
    const lane = laneOf(task, run);
    if (kept && kept.task === task && kept.run === run) stayed[lane].add(kept);
    else added[lane].push({ task, run });
  }

  const lanes = emptyBoard();
  for (const lane of LANES) {
    const old = previous?.[lane] ?? [];
    const order = LANE_ORDER[lane];
    const unchanged = stayed[lane].size === old.length;
    if (unchanged && added[lane].length === 0) {
      lanes[lane] = old as Card[];
    } else if (added[lane].length <= PATCH_LIMIT) {
      const cards = unchanged ? old.slice() : old.filter((card) => stayed[lane].has(card));
      for (const card of added[lane]) insertSorted(cards, card, order);
      lanes[lane] = cards;
    } else {
      lanes[lane] = [...stayed[lane], ...added[lane]].sort(order);
    }
  }
  return lanes;
}

/** Inserts `card` into the sorted `cards` after any equal ones. */
function insertSorted(cards: Card[], card: Card, order: (a: Card, b: Card) => number): void {
  let low = 0;
  let high = cards.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order(cards[mid]!, card) <= 0) low = mid + 1;
    else high = mid;
  }
  cards.splice(low, 0, card);
}

export function boardSize(board: Board): number {
  return LANES.reduce((sum, lane) => sum + board[lane].length, 0);
}

/** Where a task is on the board, or null when it is not shown. */
export function findCard(board: Board, taskId: string): { lane: LaneId; index: number } | null {
  for (const lane of LANES) {
    const index = board[lane].findIndex((card) => card.task.id === taskId);
    if (index >= 0) return { lane, index };
  }
  return null;
}

/**
 * buildBoard with its previous result remembered, for a component to keep in state: each call
 * reuses what did not change since the last one.
 */
export function createBoardBuilder() {
  let previous: Board | undefined;
  return (tasks: Iterable<Task>, latest: ReadonlyMap<string, Dispatch>, include: (task: Task) => boolean) => {
    previous = buildBoard(tasks, latest, include, previous);
    return previous;
  };
}
