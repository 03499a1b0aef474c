import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 1 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

it('lets two concurrent queue calls for one task leave exactly one active run', async () => {
  f.outcome('success');
  const task = await f.newTask('Only once');
  const results = await Promise.allSettled([
    f.call('dispatches.queue', { taskId: task.id }),
    f.call('dispatches.queue', { taskId: task.id }),
  ]);
  const fulfilled = results.filter((r) => r.status === 'fulfilled');
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(fulfilled).toHaveLength(1);
  expect(rejected[0]?.reason).toMatchObject({ code: 'CONFLICT' });
  const history = await f.call('dispatches.history', { taskId: task.id });
  expect(history).toHaveLength(1);
  await f.waitFor(history[0]!.id, [...FINAL]);
});

it('runs queued tasks one after another on a runner with one slot, highest priority first', async () => {
  f.outcome('slow');
  const low = await f.newTask('Low', { priority: 'low' });
  const medium = await f.newTask('Medium', { priority: 'medium' });
  const high = await f.newTask('High', { priority: 'high' });
  const starts: string[] = [];
  let busyMax = 0;
  const off = f.core.bus.subscribe((name, payload) => {
    if (name !== 'dispatch.updated') return;
    const { dispatch } = payload as { dispatch: Dispatch };
    if (dispatch.status === 'preparing' && dispatch.phase === 'check-prerequisites')
      starts.push(dispatch.taskId!);
    busyMax = Math.max(busyMax, f.core.repos.dispatches.countBusy(f.runner.id));
  });
  f.core.services.runs.scheduler.pause();
  const queued = [];
  for (const task of [low, medium, high]) queued.push(await f.call('dispatches.queue', { taskId: task.id }));
  expect(queued.map((d) => d.status)).toEqual(['queued', 'queued', 'queued']);
  f.core.services.runs.scheduler.resume();
  for (const d of queued) {
    const done = await f.waitFor(d.id, [...FINAL], 60_000);
    expect(done.status, done.errorText).toBe('succeeded');
  }
  off();
  expect(starts).toEqual([high.id, medium.id, low.id]);
  expect(busyMax).toBe(1);
});

it('starts nothing while paused', async () => {
  f.outcome('success');
  const task = await f.newTask('Paused');
  f.core.services.runs.scheduler.pause();
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await new Promise((r) => setTimeout(r, 500));
  expect(f.core.repos.dispatches.get(queued.id)?.status).toBe('queued');
  f.core.services.runs.scheduler.resume();
  expect((await f.waitFor(queued.id, [...FINAL])).status).toBe('succeeded');
});
