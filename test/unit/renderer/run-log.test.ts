import { describe, expect, it } from 'vitest';
import {
  applyLive,
  applyPage,
  EMPTY_RUN_LOG,
  firstAfter,
  hasGap,
  mergeEvents,
} from '@renderer/stores/run-log';
import { agent, events, pageOf } from './run-view-fixtures';

const seqs = (list: readonly { seq: number }[]) => list.map((e) => e.seq);

describe('run log merging', () => {
  it('appends newer events without copying the order', () => {
    const merged = mergeEvents(events(1, 3), [agent(5), agent(4), agent(4)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops duplicates and slots older events in by seq', () => {
    const existing = mergeEvents([], [agent(1), agent(4), agent(6)]);
    const merged = mergeEvents(existing, [agent(4), agent(2), agent(6), agent(5)]);
    expect(seqs(merged)).toEqual([1, 2, 4, 5, 6]);
    // Nothing new: the same array back, so nothing re-renders.
    expect(mergeEvents(merged, [agent(2), agent(5)])).toBe(merged);
  });

  it('reads pages up to the end and moves the cursor over holes the core trimmed', () => {
    const stored = [agent(1), agent(2), ...events(40, 45)];
    let log = applyPage(EMPTY_RUN_LOG, pageOf(stored, 0, 4, true), 4);
    expect(seqs(log.events)).toEqual([1, 2, 40, 41]);
    expect(log.cursor).toBe(41);
    expect(log.loaded).toBe(false);
    expect(log.trimmed).toBe(true);
    log = applyPage(log, pageOf(stored, log.cursor, 4), 4);
    expect(seqs(log.events)).toEqual([1, 2, 40, 41, 42, 43, 44, 45]);
    expect(log.cursor).toBe(45);
    // A full page: there may be more.
    expect(log.loaded).toBe(false);
    log = applyPage(log, pageOf(stored, log.cursor, 4), 4);
    expect(log.cursor).toBe(45);
    expect(log.loaded).toBe(true);
    expect(log.trimmed).toBe(true);
  });

  it('appends contiguous live events and advances the cursor', () => {
    const log = applyPage(EMPTY_RUN_LOG, pageOf(events(1, 3), 0, 10), 10);
    const { log: next, gap } = applyLive(log, [agent(4), agent(5)]);
    expect(gap).toBe(false);
    expect(next.cursor).toBe(5);
    expect(seqs(next.events)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ignores live events it already has', () => {
    const log = applyPage(EMPTY_RUN_LOG, pageOf(events(1, 5), 0, 10), 10);
    const result = applyLive(log, [agent(3), agent(5)]);
    expect(result.log).toBe(log);
    expect(result.gap).toBe(false);
  });

  it('reports a hole before live events, and closes it once the page after the cursor comes', () => {
    const stored = events(1, 9);
    const log = applyPage(EMPTY_RUN_LOG, pageOf(events(1, 3), 0, 10), 10);
    const { log: withGap, gap } = applyLive(log, [agent(7), agent(8)]);
    expect(gap).toBe(true);
    expect(withGap.cursor).toBe(3);
    expect(hasGap(withGap)).toBe(true);
    const filled = applyPage(withGap, pageOf(stored, withGap.cursor, 10), 10);
    expect(seqs(filled.events)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(filled.cursor).toBe(9);
    expect(hasGap(filled)).toBe(false);
  });

  it('keeps live events that arrive before the first page, in order', () => {
    const { log, gap } = applyLive(EMPTY_RUN_LOG, [agent(3)]);
    expect(gap).toBe(true);
    const loaded = applyPage(log, pageOf(events(1, 2), 0, 10), 10);
    expect(seqs(loaded.events)).toEqual([1, 2, 3]);
    expect(loaded.cursor).toBe(3);
  });

  it('finds the first event after a seq', () => {
    const list = [agent(2), agent(4), agent(9)];
    expect(firstAfter(list, 0)).toBe(0);
    expect(firstAfter(list, 2)).toBe(1);
    expect(firstAfter(list, 5)).toBe(2);
    expect(firstAfter(list, 9)).toBe(3);
  });
});
