import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventPage } from '@shared/contract';
import { createRunEventsStore } from '@renderer/stores/run-events';
import { agent, events, pageOf, RUN_ID } from './run-view-fixtures';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A stand-in core holding `stored`; records every page asked for. */
function fakeCore(initial: RunEvent[], pageSize = 3) {
  const stored = [...initial];
  const asked: number[] = [];
  const store = createRunEventsStore({
    pageSize,
    yieldBetweenPages: () => Promise.resolve(),
    fetchPage: async (_id, afterSeq, limit) => {
      asked.push(afterSeq);
      return pageOf(stored, afterSeq, limit);
    },
  });
  const seqs = () => store.useStore.getState().logs[RUN_ID]?.events.map((e) => e.seq);
  return { stored, asked, store, seqs };
}

describe('run events store', () => {
  it('reads a long history page by page when a run is opened', async () => {
    const core = fakeCore(events(1, 8));
    core.store.open(RUN_ID);
    expect(core.store.useStore.getState().logs[RUN_ID]?.fetching).toBe(true);
    await core.store.settled(RUN_ID);
    expect(core.asked).toEqual([0, 3, 6]);
    expect(core.seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const log = core.store.useStore.getState().logs[RUN_ID]!;
    expect(log.loaded).toBe(true);
    expect(log.fetching).toBe(false);
  });

  it('merges live events without duplicates and ignores runs not open', async () => {
    const core = fakeCore(events(1, 2));
    core.store.receive(RUN_ID, [agent(1)]);
    expect(core.store.useStore.getState().logs[RUN_ID]).toBeUndefined();
    core.store.open(RUN_ID);
    await core.store.settled(RUN_ID);
    core.stored.push(agent(3), agent(4));
    core.store.receive(RUN_ID, [agent(3)]);
    core.store.receive(RUN_ID, [agent(3), agent(4)]);
    expect(core.seqs()).toEqual([1, 2, 3, 4]);
    expect(core.asked).toEqual([0]);
  });

  it('fetches the missing stretch when a live event arrives after a hole', async () => {
    const core = fakeCore(events(1, 2));
    core.store.open(RUN_ID);
    await core.store.settled(RUN_ID);
    // 3..5 were sent while this window was not listening; 6 arrives live.
    core.stored.push(...events(3, 6));
    core.store.receive(RUN_ID, [agent(6)]);
    await core.store.settled(RUN_ID);
    expect(core.asked).toEqual([0, 2, 6]);
    expect(core.seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(core.store.useStore.getState().logs[RUN_ID]!.cursor).toBe(6);
  });

  it('keeps events that arrive while the history is still loading, in seq order', async () => {
    const stored = events(1, 4);
    const reply = deferred<RunEventPage>();
    let calls = 0;
    const store = createRunEventsStore({
      pageSize: 10,
      yieldBetweenPages: () => Promise.resolve(),
      fetchPage: (_id, afterSeq, limit) => {
        calls += 1;
        return calls === 1 ? reply.promise : Promise.resolve(pageOf(stored, afterSeq, limit));
      },
    });
    store.open(RUN_ID);
    stored.push(agent(5), agent(6));
    store.receive(RUN_ID, [agent(6)]);
    store.receive(RUN_ID, [agent(5)]);
    reply.resolve(pageOf(events(1, 4), 0, 10));
    await store.settled(RUN_ID);
    expect(store.useStore.getState().logs[RUN_ID]!.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.useStore.getState().logs[RUN_ID]!.cursor).toBe(6);
  });

  it('shares one log between holders and drops it when the last lets go', async () => {
    const core = fakeCore(events(1, 2));
    const a = core.store.open(RUN_ID);
    const b = core.store.open(RUN_ID);
    await core.store.settled(RUN_ID);
    a();
    a();
    expect(core.seqs()).toEqual([1, 2]);
    b();
    expect(core.store.useStore.getState().logs[RUN_ID]).toBeUndefined();
  });

  it('does not apply a page read for a log that was dropped and opened again', async () => {
    const stored = events(1, 4);
    const first = deferred<RunEventPage>();
    const asked: number[] = [];
    const store = createRunEventsStore({
      pageSize: 10,
      yieldBetweenPages: () => Promise.resolve(),
      fetchPage: (_id, afterSeq, limit) => {
        asked.push(afterSeq);
        return asked.length === 1 ? first.promise : Promise.resolve(pageOf(stored, afterSeq, limit));
      },
    });
    store.open(RUN_ID)();
    store.open(RUN_ID);
    // A page that would move the cursor without the events before it.
    first.resolve(pageOf(stored, 2, 10));
    await store.settled(RUN_ID);
    expect(store.useStore.getState().logs[RUN_ID]!.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('records a failed fetch and tries again on request', async () => {
    let fail = true;
    const store = createRunEventsStore({
      yieldBetweenPages: () => Promise.resolve(),
      fetchPage: async (_id, afterSeq, limit) => {
        if (fail) throw new Error('host down');
        return pageOf(events(1, 2), afterSeq, limit);
      },
    });
    store.open(RUN_ID);
    await store.settled(RUN_ID);
    expect(store.useStore.getState().logs[RUN_ID]!.error).toBe('host down');
    fail = false;
    await store.retry(RUN_ID);
    const log = store.useStore.getState().logs[RUN_ID]!;
    expect(log.error).toBe('');
    expect(log.events).toHaveLength(2);
  });

  it('reads what was missed after a reconnect', async () => {
    const core = fakeCore(events(1, 2));
    core.store.open(RUN_ID);
    await core.store.settled(RUN_ID);
    core.stored.push(agent(3));
    core.store.resync();
    await core.store.settled(RUN_ID);
    expect(core.seqs()).toEqual([1, 2, 3]);
  });
});
