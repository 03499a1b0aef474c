import { create } from 'zustand';
import { BOARD_CARDS_PER_LANE_MAX, type QueueBoardAnswer } from '@shared/contract';
import { invoke } from '@renderer/api';
import { isSettled } from './collection';
import { useDispatchesStore } from './dispatches';
import { LANES, emptyBoard, type Card, type LaneId } from './lanes';
import type { QueueBoard } from './queue-board';
import { isNarrowed, type QueueFilter } from './queue-filter';
import { useTasksStore } from './tasks';

/**
 * The board's first look: until the window holds every task and run (thousands of them take the
 * host and the window a few hundred milliseconds to send and read), the Queue shows the host's
 * own board (`queue.board`): each lane's count and its first cards, one short answer. Events that
 * come meanwhile ask for it again; once the lists are in, the window's own board takes over.
 */

/** Which tasks a first look is of: the board's project and open/closed scope. */
export interface BoardScope {
  readonly projectId: string | null;
  readonly showClosed: boolean;
}

interface FirstLook {
  readonly scope: BoardScope;
  readonly result: QueueBoard;
}

const useFirstLookStore = create<{ readonly firstLook: FirstLook | null }>()(() => ({ firstLook: null }));

/**
 * Cards asked for per lane: two views of the tallest lane (cards are over 100 px tall), so a lane
 * scrolled a little before the lists are in still shows cards.
 */
function cardsPerLane(): number {
  const rows = Math.ceil((globalThis.innerHeight || 1000) / 100) * 2;
  return Math.min(BOARD_CARDS_PER_LANE_MAX, Math.max(20, rows));
}

/** Whether the window holds every task and run the board is drawn from: no first look is needed. */
export function boardHeld(): boolean {
  return isSettled(useTasksStore.getState().status) && isSettled(useDispatchesStore.getState().status);
}

function toQueueBoard(answer: QueueBoardAnswer): QueueBoard {
  const board = emptyBoard();
  const totals = {} as Record<LaneId, number>;
  let shown = 0;
  for (const lane of LANES) {
    const { count, cards } = answer.lanes[lane];
    board[lane] = cards.map((card): Card => ({ task: card.task, run: card.run ?? undefined }));
    totals[lane] = count;
    shown += count;
  }
  return { board, totals, shown, inProject: shown, firstLook: true };
}

let asking = false;
/** The scope to ask for once the answer on its way is in (an event or a new scope came meanwhile). */
let askNext: BoardScope | null = null;

/**
 * Asks the host for the board of `scope` unless the lists are already held; one question at a
 * time, the last one asked for while it was out follows it. Resolves true once a first look is
 * held. Failures are not reported: the lists' own loads report theirs, and the board waits for them.
 */
export async function loadBoardFirstLook(scope: BoardScope): Promise<boolean> {
  if (boardHeld()) return false;
  if (asking) {
    askNext = scope;
    return false;
  }
  asking = true;
  try {
    for (let next: BoardScope | null = scope; next !== null;) {
      const asked: BoardScope = next;
      askNext = null;
      const answer = await invoke('queue.board', {
        ...(asked.projectId !== null ? { projectId: asked.projectId } : {}),
        includeClosed: asked.showClosed,
        cardsPerLane: cardsPerLane(),
      });
      if (boardHeld()) {
        dropBoardFirstLook();
        return false;
      }
      useFirstLookStore.setState({ firstLook: { scope: asked, result: toQueueBoard(answer) } });
      next = askNext;
    }
    return true;
  } catch {
    // The lists' loads say what went wrong; the board waits for them.
    return false;
  } finally {
    asking = false;
  }
}

/** A task or run changed: a first look on show is read again (it cannot be patched: it lacks most cards). */
export function refreshBoardFirstLook(): void {
  const held = useFirstLookStore.getState().firstLook;
  if (held && !boardHeld()) void loadBoardFirstLook(held.scope);
}

export function dropBoardFirstLook(): void {
  if (useFirstLookStore.getState().firstLook !== null) useFirstLookStore.setState({ firstLook: null });
}

/**
 * The first look for the filter, or null: none was read for its project and scope, or the filter
 * narrows the board further (the host's board has every task in scope).
 */
export function useBoardFirstLook(filter: QueueFilter): QueueBoard | null {
  return firstLookFor(
    useFirstLookStore((s) => s.firstLook),
    filter,
  );
}

/** The first look held now for the filter, or null (see useBoardFirstLook). */
export function boardFirstLook(filter: QueueFilter): QueueBoard | null {
  return firstLookFor(useFirstLookStore.getState().firstLook, filter);
}

function firstLookFor(firstLook: FirstLook | null, filter: QueueFilter): QueueBoard | null {
  if (!firstLook || isNarrowed(filter)) return null;
  const { scope } = firstLook;
  const same = scope.projectId === filter.projectId && scope.showClosed === filter.showClosed;
  return same ? firstLook.result : null;
}
