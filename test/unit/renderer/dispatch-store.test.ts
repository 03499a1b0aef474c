import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installClient } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import type { Transport } from '@renderer/api/transport';
import { emptyCollection } from '@renderer/stores/collection';
import {
  applyRunUpdate,
  isStaleRun,
  mergeRunLists,
  removeRuns,
  runsOf,
} from '@renderer/stores/dispatch-state';
import {
  applyDispatch,
  latestRuns,
  loadDispatches,
  removeDispatches,
  useDispatchesStore,
} from '@renderer/stores/dispatches';
import { useTasksStore } from '@renderer/stores/tasks';
import type { Dispatch, Envelope } from '@shared/contract';
import { PAGE_LIMIT_MAX } from '@shared/contract/paging';
import { at, id } from './fixtures';
import { run, runId } from './run-fixtures';

describe('applying run updates', () => {
  const queued = run(1, 1);
  const preparing = run(1, 1, { status: 'preparing', phase: 'prepare-worktree', updatedAt: at(2) });
  const running = run(1, 1, { status: 'running', updatedAt: at(3) });
  const succeeded = run(1, 1, { status: 'succeeded', updatedAt: at(4), pullRequestUrl: 'https://x/pull/1' });

  it('keeps the newest version whatever order updates arrive in', () => {
    let c = emptyCollection<Dispatch>();
    for (const update of [queued, running, preparing, succeeded, queued, running])
      c = applyRunUpdate(c, update);
    expect(c.byId[queued.id]).toBe(succeeded);
  });

  it('breaks a same-millisecond tie by the state machine: never back to where a run cannot return', () => {
    const done = run(1, 1, { status: 'succeeded', updatedAt: at(3) });
    const stillRunning = run(1, 1, { status: 'running', updatedAt: at(3) });
    expect(isStaleRun(done, stillRunning)).toBe(true);
    expect(isStaleRun(stillRunning, done)).toBe(false);
    // A released (blocked) run may go back to running: same time, both directions allowed.
    const released = run(1, 1, { status: 'blocked', released: true, updatedAt: at(3) });
    expect(isStaleRun(released, stillRunning)).toBe(false);
    // The same status at the same time: the later arrival wins (e.g. a new summary).
    expect(isStaleRun(stillRunning, { ...stillRunning, summary: 'more' })).toBe(false);
  });

  it('drops the runs the core removed, held or not, and never takes them back', () => {
    let c = applyRunUpdate(emptyCollection<Dispatch>(), run(1, 1));
    c = applyRunUpdate(c, run(2, 2));
    c = removeRuns(c, [runId(2), runId(3)]);
    expect(Object.keys(c.byId)).toEqual([runId(1)]);
    c = applyRunUpdate(c, run(3, 2, { status: 'canceled', updatedAt: at(9) }));
    c = applyRunUpdate(c, run(2, 2, { status: 'succeeded', updatedAt: at(9) }));
    expect(Object.keys(c.byId)).toEqual([runId(1)]);
  });

  it('merges the active and the recent list, the fresher copy winning', () => {
    const merged = mergeRunLists([running], [preparing, run(2, 2)]);
    expect(merged.map((r) => r.id).sort()).toEqual([runId(1), runId(2)]);
    expect(merged.find((r) => r.id === runId(1))).toBe(running);
  });

  it("lists one task's runs newest first", () => {
    const byId = Object.fromEntries([run(1, 1), run(5, 1), run(3, 2), run(4, 1)].map((r) => [r.id, r]));
    expect(runsOf(byId, id('tsk', 1)).map((r) => r.id)).toEqual([runId(5), runId(4), runId(1)]);
  });
});

describe('dispatch store', () => {
  let replies: { active: Dispatch[]; recent: Dispatch[] };
  let hold: Promise<void> | null;
  /** Calls after this many wait for `hold`; the ones before answer at once. */
  let holdAfter: number;
  const calls: unknown[] = [];

  beforeEach(() => {
    replies = { active: [], recent: [] };
    hold = null;
    holdAfter = 0;
    calls.length = 0;
    const transport: Transport = {
      async invoke(channel, input) {
        calls.push(input);
        if (hold && calls.length > holdAfter) await hold;
        if (channel !== 'dispatches.list') {
          return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } } as Envelope<unknown>;
        }
        // A page as the core cuts one; this cursor is the next index (cursors are opaque).
        const { activeOnly, newestOfEachTask, limit, cursor } = input as {
          activeOnly?: boolean;
          newestOfEachTask?: boolean;
          limit: number;
          cursor?: string;
        };
        const list = activeOnly ? replies.active : replies.recent;
        const start = cursor === undefined ? 0 : Number(cursor);
        if (newestOfEachTask) {
          // The runs newer than none of their task's, walked on from the cursor.
          const items: Dispatch[] = [];
          let next = start;
          for (; next < list.length && items.length < limit; next++) {
            if (list.findIndex((r) => r.taskId === list[next]!.taskId) === next) items.push(list[next]!);
          }
          return { ok: true, value: { items, nextCursor: next < list.length ? String(next) : null } };
        }
        const end = start + limit;
        return {
          ok: true,
          value: { items: list.slice(start, end), nextCursor: end < list.length ? String(end) : null },
        };
      },
      on: () => () => {},
      onEventsMissed: () => () => {},
    };
    installClient(createClient(transport));
    useDispatchesStore.setState(emptyCollection<Dispatch>(), true);
    useTasksStore.setState(emptyCollection(), true);
  });

  it('loads every active run and the most recent ones, a page at a time', async () => {
    const old = run(1, 1, { status: 'running', updatedAt: at(50) });
    replies = { active: [old], recent: [run(9, 2, { status: 'succeeded' }), run(8, 3)] };
    await loadDispatches();
    expect(calls).toEqual([
      { activeOnly: true, limit: PAGE_LIMIT_MAX },
      { newestOfEachTask: false, limit: PAGE_LIMIT_MAX },
    ]);
    expect(Object.keys(useDispatchesStore.getState().byId).sort()).toEqual([runId(1), runId(8), runId(9)]);
  });

  it('asks for the active and the recent runs at once, not one after the other', async () => {
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    replies = { active: [run(1, 1, { status: 'running' })], recent: [run(2, 2)] };
    const loading = loadDispatches();
    // Neither list has answered, and both were asked for.
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(useDispatchesStore.getState().status).toBe('loading');
    release();
    await loading;
    expect(Object.keys(useDispatchesStore.getState().byId).sort()).toEqual([runId(1), runId(2)]);
  });

  it('shows each page as it arrives, follows the cursors, and past the recent runs reads only each task’s newest', async () => {
    replies.recent = Array.from({ length: 5600 }, (_, i) => run(6000 - i, 1 + (i % 7)));
    // A task whose only run is older than the 5,000 recent ones: its run decides its lane.
    replies.recent[5300] = run(700, 99, { status: 'failed' });
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    // The active list (one page) and the first page of recent runs answer; the second waits.
    holdAfter = 2;
    const loading = loadDispatches();
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    // Shown while the next page is still on its way (gathered pages show within 300 ms).
    await vi.waitFor(() =>
      expect(Object.keys(useDispatchesStore.getState().byId)).toHaveLength(PAGE_LIMIT_MAX),
    );
    expect(useDispatchesStore.getState().status).toBe('loading');
    release();
    await loading;
    // 5,000 recent runs in full pages, then the rest walked for each task's newest run only.
    const pages = 5000 / PAGE_LIMIT_MAX;
    const asked = calls.slice(1) as { cursor?: string; newestOfEachTask: boolean }[];
    expect(asked.map((call) => call.cursor)).toEqual([
      undefined,
      ...Array.from({ length: pages }, (_, i) => String((i + 1) * PAGE_LIMIT_MAX)),
    ]);
    expect(asked.map((call) => call.newestOfEachTask)).toEqual([...Array<boolean>(pages).fill(false), true]);
    expect(Object.keys(useDispatchesStore.getState().byId)).toHaveLength(5001);
    expect(latestRuns(useDispatchesStore.getState().byId).get(id('tsk', 99))?.status).toBe('failed');
    expect(useDispatchesStore.getState().status).toBe('ready');
  });

  it('keeps an event that arrived while the list was loading over the older listed copy', async () => {
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    replies.recent = [run(1, 1)];
    const loading = loadDispatches();
    applyDispatch(runId(1), run(1, 1, { status: 'running', updatedAt: at(5) }));
    release();
    await loading;
    expect(useDispatchesStore.getState().byId[runId(1)]?.status).toBe('running');
  });

  it('applies events out of order and moves the task to the lane of its latest run', () => {
    applyDispatch(runId(2), run(2, 1, { status: 'running', updatedAt: at(6) }));
    applyDispatch(runId(1), run(1, 1, { status: 'failed', updatedAt: at(3) }));
    applyDispatch(runId(2), run(2, 1, { status: 'preparing', updatedAt: at(4) }));
    const { byId } = useDispatchesStore.getState();
    expect(byId[runId(2)]?.status).toBe('running');
    expect(latestRuns(byId).get(id('tsk', 1))?.id).toBe(runId(2));
    // Computed once per store version.
    expect(latestRuns(byId)).toBe(latestRuns(byId));
  });

  it('forgets the runs the core removed, and ignores late events for them', () => {
    applyDispatch(runId(1), run(1, 1));
    applyDispatch(runId(2), run(2, 2));
    removeDispatches([runId(1), runId(3)]);
    expect(Object.keys(useDispatchesStore.getState().byId)).toEqual([runId(2)]);
    applyDispatch(runId(3), run(3, 1, { status: 'canceled' }));
    applyDispatch(runId(1), run(1, 1, { status: 'canceled', updatedAt: at(9) }));
    expect(Object.keys(useDispatchesStore.getState().byId)).toEqual([runId(2)]);
  });

  it('leaves removed runs out of a list reply that predates their removal', async () => {
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    replies.recent = [run(1, 1), run(2, 2)];
    const loading = loadDispatches();
    removeDispatches([runId(1)]);
    release();
    await loading;
    expect(Object.keys(useDispatchesStore.getState().byId)).toEqual([runId(2)]);
  });
});
