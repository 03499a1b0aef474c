import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { isBoardKey, moveOnBoard, firstPosition } from '@renderer/stores/board-nav';
import { LANES, findCard, laneColumns, type Board as BoardData, type LaneId } from '@renderer/stores/lanes';
import { hasModifier } from '@renderer/lib/keys';
import { BoardContext, type BoardActions } from './board-context';
import { Lane, type LaneHandle } from './Lane';

export interface BoardProps {
  board: BoardData;
  /** Tasks in each lane (more than its cards while the board is the host's first look). */
  totals: Readonly<Record<LaneId, number>>;
  actions: Omit<BoardActions, 'revealCard'>;
  /** The backlog's one-line task input. */
  backlogHeader: ReactNode;
  /** What each empty lane says. */
  empty: Readonly<Record<LaneId, ReactNode>>;
}

/**
 * The lanes side by side. One card is the Tab stop; arrow keys move focus up and down a lane
 * and across lanes, Home/End and Page Up/Down within one, Enter opens the task.
 */
export function Board({ board, totals, actions, backlogHeader, empty }: BoardProps) {
  const ref = useRef<HTMLDivElement>(null);
  const handles = useRef<Partial<Record<LaneId, LaneHandle>>>({});
  const [activeId, setActiveId] = useState<string | null>(null);
  // Latest board for callbacks that must not change identity with every event.
  const boardRef = useRef(board);
  useLayoutEffect(() => {
    boardRef.current = board;
  }, [board]);

  const register = useCallback((lane: LaneId, handle: LaneHandle | null) => {
    if (handle) handles.current[lane] = handle;
    else delete handles.current[lane];
  }, []);

  /** Focuses the card once it is rendered (scrolling may have just brought it in). */
  const focusCard = useCallback((taskId: string) => {
    let frames = 0;
    const attempt = () => {
      const link = ref.current?.querySelector<HTMLElement>(`[data-card-link="${taskId}"]`);
      if (link) link.focus({ preventScroll: true });
      else if (frames++ < 10) requestAnimationFrame(attempt);
    };
    attempt();
  }, []);

  const revealCard = useCallback(
    (taskId: string) => {
      // Only when the user was working on the board: never steal focus from elsewhere.
      const focused = document.activeElement;
      const wasOnBoard = focused === document.body || (focused && ref.current?.contains(focused));
      const at = findCard(boardRef.current, taskId);
      if (!at || !wasOnBoard) return;
      setActiveId(taskId);
      handles.current[at.lane]?.scrollToIndex(at.index);
      focusCard(taskId);
    },
    [focusCard],
  );

  // The Tab stop: the last card focused while it is still shown, else the first card.
  const counts = useMemo(
    () => Object.fromEntries(LANES.map((lane) => [lane, board[lane].length])) as Record<LaneId, number>,
    [board],
  );
  const activePosition = activeId ? findCard(board, activeId) : null;
  const first = firstPosition(counts);
  const tabStop = activePosition ?? first;
  const tabbableId = tabStop ? (board[tabStop.lane][tabStop.index]?.task.id ?? null) : null;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const taskId = (event.target as HTMLElement).dataset?.cardLink;
    if (!taskId || !isBoardKey(event.key) || hasModifier(event.nativeEvent) || event.shiftKey) return;
    const from = findCard(board, taskId);
    if (!from) return;
    event.preventDefault();
    const pageRows = handles.current[from.lane]?.viewportRows() ?? 1;
    const to = moveOnBoard(counts, from, event.key, pageRows);
    if (!to) return;
    const card = board[to.lane][to.index];
    if (!card) return;
    setActiveId(card.task.id);
    handles.current[to.lane]?.scrollToIndex(to.index);
    focusCard(card.task.id);
  }

  function onFocus(event: FocusEvent<HTMLDivElement>): void {
    const taskId = (event.target as HTMLElement).dataset?.cardLink;
    if (taskId && taskId !== activeId) setActiveId(taskId);
  }

  const context = useMemo<BoardActions>(() => ({ ...actions, revealCard }), [actions, revealCard]);

  return (
    <BoardContext.Provider value={context}>
      <div
        className="board"
        ref={ref}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        style={{ gridTemplateColumns: laneColumns(totals) }}
      >
        {LANES.map((lane) => (
          <Lane
            key={lane}
            lane={lane}
            cards={board[lane]}
            total={totals[lane]}
            tabbableId={tabStop?.lane === lane ? tabbableId : null}
            register={register}
            header={lane === 'backlog' ? backlogHeader : undefined}
            empty={empty[lane]}
          />
        ))}
      </div>
    </BoardContext.Provider>
  );
}
