import { useEffect } from 'react';
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

/** The scope of the question out, if one is. */
let asking: BoardScope | null = null;
/** The scope to ask for once the answer on its way is in (an event or a new scope came meanwhile). */
let askNext: BoardScope | null = null;
/** Resolves once the questions going on first gave a first look (true) or could not (false). */
let firstShown: Promise<boolean> = Promise.resolve(false);

function sameScope(a: BoardScope | null | undefined, b: BoardScope): boolean {
  return a != null && a.projectId === b.projectId && a.showClosed === b.showClosed;
}

/** The scope the first look is, or will be once the questions out are answered, of. */
function scopeWanted(): BoardScope | null {
  return askNext ?? asking ?? useFirstLookStore.getState().firstLook?.scope ?? null;
}

/**
 * Asks the host for the board of `scope` unless the lists are already held; one question at a
 * time, the last one asked for while it was out follows it. Resolves true once a first look is
 * held (the first answer of the questions going on), false when none will be. Failures are not
 * reported: the lists' own loads report theirs, and the board waits for them.
 */
export function loadBoardFirstLook(scope: BoardScope): Promise<boolean> {
  if (boardHeld()) return Promise.resolve(false);
  if (asking) {
    askNext = scope;
    return firstShown;
  }
  asking = scope;
  let shown: (held: boolean) => void = () => {};
  firstShown = new Promise((resolve) => (shown = resolve));
  void (async () => {
    try {
      for (let next: BoardScope | null = scope; next !== null; next = askNext) {
        const asked: BoardScope = next;
        asking = asked;
        askNext = null;
        const answer = await invoke('queue.board', {
          ...(asked.projectId !== null ? { projectId: asked.projectId } : {}),
          includeClosed: asked.showClosed,
          cardsPerLane: cardsPerLane(),
        });
        if (boardHeld()) {
          dropBoardFirstLook();
          return;
        }
        useFirstLookStore.setState({ firstLook: { scope: asked, result: toQueueBoard(answer) } });
        shown(true);
      }
    } catch {
      // The lists' loads say what went wrong; the board waits for them.
    } finally {
      asking = null;
      askNext = null;
      // A promise settles once: after a first look was shown, this changes nothing.
      shown(false);
    }
  })();
  return firstShown;
}

/**
 * A task or run changed: the first look on show (or on its way) is read again, as it cannot be
 * patched (it lacks most cards). Nothing is asked once the lists are in.
 */
export function refreshBoardFirstLook(): void {
  const scope = scopeWanted();
  if (scope && !boardHeld()) void loadBoardFirstLook(scope);
}

/** The page's project or open/closed scope changed before the lists are in: its first look. */
export function showBoardFirstLookOf(scope: BoardScope): void {
  if (!boardHeld() && !sameScope(scopeWanted(), scope)) void loadBoardFirstLook(scope);
}

export function dropBoardFirstLook(): void {
  if (useFirstLookStore.getState().firstLook !== null) useFirstLookStore.setState({ firstLook: null });
}

/**
 * The first look for the filter, or null: none was read for its project and scope, or the filter
 * narrows the board further (the host's board has every task in scope).
 */
export function useBoardFirstLook(filter: QueueFilter): QueueBoard | null {
  const { projectId, showClosed } = filter;
  const narrowed = isNarrowed(filter);
  useEffect(() => {
    if (!narrowed) showBoardFirstLookOf({ projectId, showClosed });
  }, [projectId, showClosed, narrowed]);
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
  return sameScope(firstLook.scope, filter) ? firstLook.result : null;
}
