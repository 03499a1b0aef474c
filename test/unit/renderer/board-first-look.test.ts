import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '@shared/contract/errors';
import type { EventName, QueueBoardAnswer } from '@shared/contract';
import { LANES } from '@shared/domain/lane';
import type { Transport } from '@renderer/api/transport';
import { task } from './fixtures';
import { run } from './run-fixtures';

const COUNTS = { backlog: 3000, queued: 2, preparing: 0, running: 1, attention: 1200, done: 800 };

function answer(counts: typeof COUNTS): QueueBoardAnswer {
  const lanes = {} as QueueBoardAnswer['lanes'];
  for (const lane of LANES) lanes[lane] = { count: counts[lane], cards: [] };
  lanes.queued.cards = [{ task: task(1), run: run(1, 1, { status: 'queued' }) }];
  lanes.backlog.cards = [{ task: task(2), run: null }];
  return lanes && { lanes };
}

/**
 * A host whose long lists (tasks and runs) answer only when the test lets them, and whose
 * `queue.board` answers at once with COUNTS (or what the test set since). Every call is recorded.
 */
function fakeHost() {
  const calls: string[] = [];
  let counts = COUNTS;
  const held: (() => void)[] = [];
  /** While set, `queue.board` answers wait too, until releaseBoard. */
  let boardHeld: (() => void)[] | null = null;
  const missed: (() => void)[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const ok = (value: unknown) => ({ ok: true, value }) as Envelope<unknown>;
  const transport: Transport = {
    async invoke(channel, input) {
      calls.push(channel === 'tasks.list' ? `tasks.list ${(input as { order: string }).order}` : channel);
      switch (channel) {
        case 'queue.board':
          if (boardHeld) await new Promise<void>((resolve) => boardHeld!.push(resolve));
          return ok(answer(counts));
        case 'tasks.list':
        case 'dispatches.list': {
          await new Promise<void>((resolve) => held.push(resolve));
          const order = (input as { order?: string }).order;
          return ok({ items: [], nextCursor: null, ...(order ? { total: 0, asOf: null } : {}) });
        }
        case 'queue.get':
          return ok({ paused: false });
        default:
          return { ok: false, error: { code: 'INTERNAL', message: 'not in this test' } } as Envelope<unknown>;
      }
    },
    on: (event: EventName, listener) => {
      listeners.set(event, listener as (payload: unknown) => void);
      return () => listeners.delete(event);
    },
    onEventsMissed: (listener) => {
      missed.push(listener);
      return () => {};
    },
  };
  return {
    transport,
    calls,
    setCounts: (next: typeof COUNTS) => {
      counts = next;
    },
    releaseLists: () => held.splice(0).forEach((resolve) => resolve()),
    holdBoard: () => {
      boardHeld = [];
    },
    releaseBoard: () => {
      const waiting = boardHeld ?? [];
      boardHeld = null;
      waiting.forEach((resolve) => resolve());
    },
    miss: () => missed.forEach((listener) => listener()),
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.(payload),
  };
}

const ALL = { projectId: null, priorities: [], text: '', showClosed: false } as const;

/** A window just opened on the Queue against `host`: every store starts empty. */
async function openWindow(host: ReturnType<typeof fakeHost>) {
  vi.resetModules();
  const { installClient } = await import('@renderer/api');
  const { createClient } = await import('@renderer/api/client');
  const { boardFirstLook, boardHeld } = await import('@renderer/stores/board-first-look');
  const { startSync } = await import('@renderer/stores/sync');
  installClient(createClient(host.transport));
  const stop = startSync();
  return { stop, boardFirstLook, boardHeld, totals: () => boardFirstLook(ALL)?.totals };
}

describe('the board’s first look', () => {
  let stop: (() => void) | null = null;

  beforeEach(() => {
    vi.useFakeTimers();
    // The window's frame clock: a frame every 16 ms.
    vi.stubGlobal('requestAnimationFrame', (draw: (at: number) => void) => setTimeout(() => draw(0), 16));
    vi.stubGlobal('cancelAnimationFrame', (frame: ReturnType<typeof setTimeout>) => clearTimeout(frame));
  });

  afterEach(() => {
    stop?.();
    stop = null;
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('shows the host’s lane counts first, asks for the long lists once it is drawn, and gives way to them', async () => {
    const host = fakeHost();
    const { boardFirstLook, boardHeld, totals, ...window } = await openWindow(host);
    stop = window.stop;
    await vi.advanceTimersByTimeAsync(0);
    // The short lists go at once with the first look; the long ones wait for its frame.
    expect(host.calls[0]).toBe('queue.board');
    expect(host.calls).toContain('queue.get');
    expect(host.calls).not.toContain('tasks.list newest');
    expect(totals()).toEqual(COUNTS);
    expect(boardFirstLook(ALL)?.board.queued.map((card) => card.task.id)).toEqual([task(1).id]);
    expect(boardFirstLook(ALL)?.firstLook).toBe(true);
    // A narrowed board, or another project, is the window's to sort: no first look for it.
    expect(boardFirstLook({ ...ALL, text: 'flaky' })).toBeNull();
    expect(boardFirstLook({ ...ALL, projectId: 'prj_00000000000000000001' })).toBeNull();

    await vi.advanceTimersByTimeAsync(20);
    expect(host.calls).toContain('tasks.list newest');
    expect(host.calls).toContain('dispatches.list');
    expect(boardHeld()).toBe(false);

    host.releaseLists();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(boardHeld()).toBe(true);
    expect(totals()).toBeUndefined();
  });

  it('asks again when a run or task changes while it shows, one question at a time', async () => {
    const host = fakeHost();
    const { totals, ...window } = await openWindow(host);
    stop = window.stop;
    await vi.advanceTimersByTimeAsync(0);
    const asked = () => host.calls.filter((channel) => channel === 'queue.board').length;
    expect(asked()).toBe(1);

    host.setCounts({ ...COUNTS, backlog: 2999, queued: 3 });
    for (let n = 1; n <= 3; n++)
      host.emit('dispatch.updated', { dispatch: run(100 + n, 2, { status: 'queued' }) });
    await vi.advanceTimersByTimeAsync(40);
    // One frame of events is one question.
    expect(asked()).toBe(2);
    expect(totals()).toMatchObject({ backlog: 2999, queued: 3 });

    host.emit('task.changed', { taskId: task(3).id, task: task(3) });
    await vi.advanceTimersByTimeAsync(40);
    expect(asked()).toBe(3);

    // Once the lists are in, events change the window's own board: nothing is asked.
    host.releaseLists();
    await vi.advanceTimersByTimeAsync(400);
    host.emit('task.changed', { taskId: task(4).id, task: task(4) });
    await vi.advanceTimersByTimeAsync(40);
    expect(asked()).toBe(3);
  });

  it('asks again for an event that came while its first question was out', async () => {
    const host = fakeHost();
    host.holdBoard();
    const { totals, ...window } = await openWindow(host);
    stop = window.stop;
    await vi.advanceTimersByTimeAsync(0);
    host.setCounts({ ...COUNTS, backlog: 2999, queued: 3 });
    host.emit('dispatch.updated', { dispatch: run(100, 2, { status: 'queued' }) });
    await vi.advanceTimersByTimeAsync(20);
    host.releaseBoard();
    await vi.advanceTimersByTimeAsync(20);
    expect(host.calls.filter((channel) => channel === 'queue.board')).toHaveLength(2);
    expect(totals()).toMatchObject({ backlog: 2999, queued: 3 });
  });

  it('reads the long lists once when events were missed while the first look was on its way', async () => {
    const host = fakeHost();
    host.holdBoard();
    const window = await openWindow(host);
    stop = window.stop;
    await vi.advanceTimersByTimeAsync(0);
    // The event stream opens after the first answers: everything is read again.
    host.miss();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.calls).not.toContain('tasks.list newest');
    host.releaseBoard();
    await vi.advanceTimersByTimeAsync(40);
    expect(host.calls.filter((channel) => channel === 'tasks.list newest')).toHaveLength(1);
    expect(host.calls.filter((channel) => channel === 'dispatches.list')).toHaveLength(2);
  });
});
