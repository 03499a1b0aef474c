import { describe, expect, it } from 'vitest';
import { firstPosition, isBoardKey, moveOnBoard } from '@renderer/stores/board-nav';
import type { LaneId } from '@renderer/stores/lanes';

const counts: Record<LaneId, number> = {
  backlog: 5,
  queued: 0,
  preparing: 0,
  running: 2,
  attention: 0,
  done: 9,
};

describe('board keyboard navigation', () => {
  it('moves up and down within a lane and stops at its ends', () => {
    expect(moveOnBoard(counts, { lane: 'backlog', index: 2 }, 'ArrowDown')).toEqual({
      lane: 'backlog',
      index: 3,
    });
    expect(moveOnBoard(counts, { lane: 'backlog', index: 2 }, 'ArrowUp')).toEqual({
      lane: 'backlog',
      index: 1,
    });
    expect(moveOnBoard(counts, { lane: 'backlog', index: 4 }, 'ArrowDown')).toBeNull();
    expect(moveOnBoard(counts, { lane: 'backlog', index: 0 }, 'ArrowUp')).toBeNull();
  });

  it('moves across lanes to the nearest one with cards, keeping the row when it can', () => {
    expect(moveOnBoard(counts, { lane: 'backlog', index: 1 }, 'ArrowRight')).toEqual({
      lane: 'running',
      index: 1,
    });
    expect(moveOnBoard(counts, { lane: 'backlog', index: 4 }, 'ArrowRight')).toEqual({
      lane: 'running',
      index: 1,
    });
    expect(moveOnBoard(counts, { lane: 'running', index: 0 }, 'ArrowRight')).toEqual({
      lane: 'done',
      index: 0,
    });
    expect(moveOnBoard(counts, { lane: 'done', index: 8 }, 'ArrowLeft')).toEqual({
      lane: 'running',
      index: 1,
    });
    expect(moveOnBoard(counts, { lane: 'done', index: 0 }, 'ArrowRight')).toBeNull();
    expect(moveOnBoard(counts, { lane: 'backlog', index: 0 }, 'ArrowLeft')).toBeNull();
  });

  it('jumps to the ends and by pages', () => {
    expect(moveOnBoard(counts, { lane: 'done', index: 4 }, 'Home')).toEqual({ lane: 'done', index: 0 });
    expect(moveOnBoard(counts, { lane: 'done', index: 4 }, 'End')).toEqual({ lane: 'done', index: 8 });
    expect(moveOnBoard(counts, { lane: 'done', index: 4 }, 'PageDown', 3)).toEqual({
      lane: 'done',
      index: 7,
    });
    expect(moveOnBoard(counts, { lane: 'done', index: 7 }, 'PageDown', 3)).toEqual({
      lane: 'done',
      index: 8,
    });
    expect(moveOnBoard(counts, { lane: 'done', index: 2 }, 'PageUp', 3)).toEqual({ lane: 'done', index: 0 });
    expect(moveOnBoard(counts, { lane: 'done', index: 0 }, 'Home')).toBeNull();
  });

  it('recovers when the lane shrank under the focused card', () => {
    expect(moveOnBoard(counts, { lane: 'running', index: 6 }, 'ArrowUp')).toEqual({
      lane: 'running',
      index: 1,
    });
  });

  it('knows its keys and where Tab lands first', () => {
    expect(isBoardKey('ArrowLeft')).toBe(true);
    expect(isBoardKey('Enter')).toBe(false);
    expect(firstPosition(counts)).toEqual({ lane: 'backlog', index: 0 });
    expect(firstPosition({ ...counts, backlog: 0 })).toEqual({ lane: 'running', index: 0 });
    expect(
      firstPosition({ backlog: 0, queued: 0, preparing: 0, running: 0, attention: 0, done: 0 }),
    ).toBeNull();
  });
});
