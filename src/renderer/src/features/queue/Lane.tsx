import { memo, useEffect, useId, useLayoutEffect, type ReactNode } from 'react';
import { useWindowedList } from '@renderer/components/use-windowed-list';
import { LANE_LABELS, isCollapsedLane, type Card, type LaneId } from '@renderer/stores/lanes';
import { RENDER_ALL_ROWS } from './bench-build';
import { TaskCard } from './TaskCard';

/** Height of one card with the gap below it; the CSS gives .card this height minus the gap. */
export const CARD_ROW_HEIGHT = 124;

export interface LaneHandle {
  scrollToIndex(index: number): void;
  /** Cards that fit in the lane's viewport. */
  viewportRows(): number;
}

export interface LaneProps {
  lane: LaneId;
  cards: readonly Card[];
  /** Tasks in the lane: its cards, or more while the board is the host's first look. */
  total: number;
  /** The task whose card is the board's Tab stop, when it is in this lane. */
  tabbableId: string | null;
  register(lane: LaneId, handle: LaneHandle | null): void;
  /** Above the list (the backlog's one-line task input). */
  header?: ReactNode;
  /** Shown when the lane has no cards. */
  empty: ReactNode;
}

/**
 * Each lane's viewport height when last measured: coming back to the Queue, the lanes render the
 * cards in view at once instead of a first few and then the rest.
 */
const laneHeights = new Map<LaneId, number>();

/** One column of the board; only the cards in view are in the DOM. */
export const Lane = memo(function Lane({
  lane,
  cards,
  total,
  tabbableId,
  register,
  header,
  empty,
}: LaneProps) {
  const headingId = useId();
  const list = useWindowedList<HTMLDivElement>(cards.length, CARD_ROW_HEIGHT, {
    disabled: RENDER_ALL_ROWS,
    initialHeight: laneHeights.get(lane),
  });
  const { scrollToIndex, viewportRows, viewportHeight } = list;

  useLayoutEffect(() => {
    if (viewportHeight > 0) laneHeights.set(lane, viewportHeight);
  }, [lane, viewportHeight]);

  useEffect(() => {
    register(lane, { scrollToIndex, viewportRows: () => viewportRows });
    return () => register(lane, null);
  }, [register, lane, scrollToIndex, viewportRows]);

  const { start, end, totalHeight } = list.range;
  const label = LANE_LABELS[lane];
  const collapsed = isCollapsedLane(lane, total);
  return (
    <section
      className={`lane lane-${lane}${collapsed ? ' lane-collapsed' : ''}`}
      aria-labelledby={headingId}
      data-lane={lane}
    >
      <h2 className="lane-header">
        <span className="lane-title" id={headingId}>
          {label}
        </span>
        <span className="lane-count" aria-label={`${total} tasks`}>
          {total.toLocaleString()}
        </span>
      </h2>
      {header}
      <div className="lane-scroll" ref={list.ref}>
        {cards.length === 0 ? (
          <div className="lane-empty">{empty}</div>
        ) : (
          <ul className="lane-list" aria-label={`${label} tasks`} style={{ height: totalHeight }}>
            {cards.slice(start, end).map((card, i) => (
              <li
                key={card.task.id}
                className="lane-item"
                style={{ transform: `translateY(${(start + i) * CARD_ROW_HEIGHT}px)` }}
                aria-setsize={total}
                aria-posinset={start + i + 1}
              >
                <TaskCard card={card} lane={lane} tabbable={card.task.id === tabbableId} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
});
