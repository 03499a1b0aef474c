import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { emptyCollection } from '@renderer/stores/collection';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { createFrameBatcher, type ScheduleFlush } from '@renderer/stores/frame-batch';
import { receiveDispatchUpdate } from '@renderer/stores/sync';
import { at } from './fixtures';
import { run, runId } from './run-fixtures';

/** A scheduler the test runs by hand: each call is one pending frame. */
function manualFrames(): { schedule: ScheduleFlush; runFrame(): void; pending(): number } {
  let frames: (() => void)[] = [];
  return {
    schedule: (flush) => frames.push(flush),
    runFrame() {
      const due = frames;
      frames = [];
      for (const flush of due) flush();
    },
    pending: () => frames.length,
  };
}

describe('frame batcher', () => {
  it('hands a sink every item of a frame in one call, in arrival order', () => {
    const frames = manualFrames();
    const batch = createFrameBatcher(frames.schedule);
    const calls: number[][] = [];
    const sink = (items: number[]) => calls.push(items);
    for (let i = 0; i < 100; i++) batch.add(sink, i);
    expect(calls).toEqual([]);
    expect(frames.pending()).toBe(1);
    frames.runFrame();
    expect(calls).toEqual([Array.from({ length: 100 }, (_, i) => i)]);
    // Nothing queued: the next frame is not even asked for.
    frames.runFrame();
    expect(calls).toHaveLength(1);
    expect(frames.pending()).toBe(0);
  });

  it('calls the sinks in the order of their first item, each once', () => {
    const frames = manualFrames();
    const batch = createFrameBatcher(frames.schedule);
    const seen: string[] = [];
    const tasks = (items: string[]) => seen.push(`tasks:${items.join(',')}`);
    const runs = (items: string[]) => seen.push(`runs:${items.join(',')}`);
    batch.add(runs, 'r1');
    batch.add(tasks, 't1');
    batch.add(runs, 'r2');
    frames.runFrame();
    expect(seen).toEqual(['runs:r1,r2', 'tasks:t1']);
  });

  it('applies at once on flush (for an event that must come after the queued ones)', () => {
    const frames = manualFrames();
    const batch = createFrameBatcher(frames.schedule);
    const calls: string[][] = [];
    batch.add((items: string[]) => calls.push(items), 'a');
    batch.flush();
    expect(calls).toEqual([['a']]);
    frames.runFrame();
    expect(calls).toEqual([['a']]);
  });

  it('keeps the other sinks going when one throws', () => {
    const frames = manualFrames();
    const batch = createFrameBatcher(frames.schedule);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const applied: number[] = [];
    batch.add(() => {
      throw new Error('broken');
    }, 1);
    batch.add((items: number[]) => applied.push(...items), 2);
    frames.runFrame();
    expect(applied).toEqual([2]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});

describe('dispatch.updated events', () => {
  let frames: FrameRequestCallback[] = [];

  beforeEach(() => {
    frames = [];
    // The window's frames, run by hand (the timer fallback is for windows that get none).
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    useDispatchesStore.setState(emptyCollection<Dispatch>(), true);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function runFrame(): void {
    const due = frames;
    frames = [];
    for (const callback of due) callback(performance.now());
  }

  it('makes one store update per frame for 100 events, with every run in it', () => {
    let updates = 0;
    const stop = useDispatchesStore.subscribe(() => updates++);
    for (let i = 1; i <= 100; i++) receiveDispatchUpdate({ dispatch: run(i, i) });
    expect(updates).toBe(0);
    runFrame();
    stop();
    expect(updates).toBe(1);
    expect(Object.keys(useDispatchesStore.getState().byId)).toHaveLength(100);
  });

  it('keeps their order: the last update of a run within a frame is the one held', () => {
    const queued = run(1, 1, { status: 'queued', updatedAt: at(1) });
    const preparing = { ...queued, status: 'preparing' as const, updatedAt: at(1) };
    const running = { ...queued, status: 'running' as const, updatedAt: at(2) };
    receiveDispatchUpdate({ dispatch: queued });
    receiveDispatchUpdate({ dispatch: preparing });
    receiveDispatchUpdate({ dispatch: running });
    runFrame();
    expect(useDispatchesStore.getState().byId[runId(1)]?.status).toBe('running');
  });
});
