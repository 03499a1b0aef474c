import { LANES, type LaneId } from './lanes';

export const BOARD_KEYS = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
] as const;
export type BoardKey = (typeof BOARD_KEYS)[number];

export function isBoardKey(key: string): key is BoardKey {
  return (BOARD_KEYS as readonly string[]).includes(key);
}

export interface BoardPosition {
  readonly lane: LaneId;
  readonly index: number;
}

/**
 * Where focus goes from `from` on a key: up and down within a lane, left and right to the
 * nearest lane that has cards (same row, or its last card), Home/End to a lane's ends, Page
 * Up/Down by a screenful. Null when there is nowhere to go.
 */
export function moveOnBoard(
  counts: Readonly<Record<LaneId, number>>,
  from: BoardPosition,
  key: BoardKey,
  pageRows = 1,
): BoardPosition | null {
  const count = counts[from.lane];
  const at = (index: number): BoardPosition | null =>
    count === 0 || index === from.index ? null : { lane: from.lane, index };
  switch (key) {
    case 'ArrowUp':
      return from.index > 0 ? at(Math.min(from.index, count) - 1) : null;
    case 'ArrowDown':
      return from.index + 1 < count ? at(from.index + 1) : null;
    case 'Home':
      return at(0);
    case 'End':
      return at(count - 1);
    case 'PageUp':
      return at(Math.max(0, from.index - pageRows));
    case 'PageDown':
      return at(Math.min(count - 1, from.index + pageRows));
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1;
      for (let i = LANES.indexOf(from.lane) + step; i >= 0 && i < LANES.length; i += step) {
        const lane = LANES[i]!;
        if (counts[lane] > 0) return { lane, index: Math.min(from.index, counts[lane] - 1) };
      }
      return null;
    }
  }
}

/** The first card on the board: where Tab lands before any card had focus. */
export function firstPosition(counts: Readonly<Record<LaneId, number>>): BoardPosition | null {
  const lane = LANES.find((l) => counts[l] > 0);
  return lane ? { lane, index: 0 } : null;
}
