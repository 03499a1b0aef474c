import type { Dispatch, TaskRow } from '@shared/contract';
import { LANES, LANE_ORDER, insertSorted, laneOf, type LaneCard, type LaneId } from '@shared/domain/lane';

export { LANES, LANE_ORDER, laneOf, type LaneId } from '@shared/domain/lane';

export const LANE_LABELS: Record<LaneId, string> = {
  backlog: 'Backlog',
  queued: 'Queued',
  preparing: 'Preparing',
  running: 'Running',
  attention: 'Needs attention',
  done: 'Done',
};

/** A task on the board with its latest run (undefined: never run). */
export type Card = LaneCard<TaskRow, Dispatch>;

export type Board = Readonly<Record<LaneId, readonly Card[]>>;

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
  tasks: Iterable<TaskRow>,
  latest: ReadonlyMap<string, Dispatch>,
  include: (task: TaskRow) => boolean,
  previous?: Board,
): Board {
  const before: ReadonlyMap<string, Card> = previous ? cardsByTask(previous) : new Map();

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

/** Each board's cards by task id, found once per board (on demand) and handed on by patchBoard. */
const cardIndex = new WeakMap<Board, Map<string, Card>>();

function cardsByTask(board: Board): Map<string, Card> {
  let index = cardIndex.get(board);
  if (!index) {
    index = new Map<string, Card>();
    for (const lane of LANES) for (const card of board[lane]) index.set(card.task.id, card);
    cardIndex.set(board, index);
  }
  return index;
}

/**
 * buildBoard for a board that differs from `previous` only in the tasks named by `taskIds` (their
 * task or latest run changed, or they came or went), at the cost of those tasks and of the lanes
 * they leave or join rather than of sorting every task: their cards are taken out and merged
 * back in order; every other card, and every lane none of them was in or went to, is kept.
 */
export function patchBoard(
  previous: Board,
  taskIds: Iterable<string>,
  tasks: Readonly<Record<string, TaskRow>>,
  latest: ReadonlyMap<string, Dispatch>,
  include: (task: TaskRow) => boolean,
): Board {
  // The index moves on to the new board rather than being copied (thousands of entries per
  // patch): boards are patched from the newest one, and an older one builds its index again.
  const index = cardsByTask(previous);
  const leaving: Partial<Record<LaneId, Set<Card>>> = {};
  const joining: Partial<Record<LaneId, Card[]>> = {};
  for (const id of taskIds) {
    const old = index.get(id);
    const task = tasks[id];
    const shown = task !== undefined && include(task);
    const run = shown ? latest.get(id) : undefined;
    if (old && shown && old.task === task && old.run === run) continue;
    if (old) {
      (leaving[laneOf(old.task, old.run)] ??= new Set()).add(old);
      index.delete(id);
    }
    if (shown) {
      const card: Card = { task, run };
      (joining[laneOf(task, run)] ??= []).push(card);
      index.set(id, card);
    }
  }
  const edited: Partial<Record<LaneId, Card[]>> = {};
  for (const lane of LANES) {
    const gone = leaving[lane];
    const added = joining[lane];
    if (!gone && !added) continue;
    const kept = gone ? previous[lane].filter((card) => !gone.has(card)) : previous[lane];
    edited[lane] = mergeSorted(kept, added ?? [], LANE_ORDER[lane]);
  }
  if (Object.keys(edited).length === 0) return previous;
  const board: Board = { ...previous, ...edited };
  cardIndex.delete(previous);
  cardIndex.set(board, index);
  return board;
}

/**
 * The sorted `cards` with `added` put in order: a few are inserted one by one, more are sorted
 * and merged in one pass. Never changes `cards`.
 */
function mergeSorted(cards: readonly Card[], added: Card[], order: (a: Card, b: Card) => number): Card[] {
  if (added.length <= 8) {
    const out = cards.slice();
    for (const card of added) insertSorted(out, card, order);
    return out;
  }
  added.sort(order);
  const out: Card[] = new Array<Card>(cards.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < cards.length && j < added.length) {
    out[k++] = order(cards[i]!, added[j]!) <= 0 ? cards[i++]! : added[j++]!;
  }
  while (i < cards.length) out[k++] = cards[i++]!;
  while (j < added.length) out[k++] = added[j++]!;
  return out;
}

/** The cards in each lane. */
export function laneTotals(board: Board): Record<LaneId, number> {
  return Object.fromEntries(LANES.map((lane) => [lane, board[lane].length])) as Record<LaneId, number>;
}

/** Where a task is on the board, or null when it is not shown. */
export function findCard(board: Board, taskId: string): { lane: LaneId; index: number } | null {
  for (const lane of LANES) {
    const index = board[lane].findIndex((card) => card.task.id === taskId);
    if (index >= 0) return { lane, index };
  }
  return null;
}
