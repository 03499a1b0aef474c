import type { EventPayload } from '@shared/contract';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

// One slot: the next queued run can only start once the run before it has ended.
let f: RunFixture;
const notices: EventPayload<'notification'>[] = [];
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 1 });
  f.core.bus.subscribe((name, payload) => {
    if (name === 'notification') notices.push(payload as EventPayload<'notification'>);
  });
});
afterAll(() => f.close());

const noticesOf = (dispatchId: string) => notices.filter((n) => n.dispatchId === dispatchId);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a run the monitor finds failed frees its slot for the next queued run and is announced once', async () => {
  f.outcome('failed');
  const first = await f.call('dispatches.queue', { taskId: (await f.newTask('Fails first')).id });
  const second = await f.call('dispatches.queue', { taskId: (await f.newTask('Fails next')).id });

  const firstDone = await f.waitFor(first.id, ['succeeded', 'failed', 'blocked', 'canceled']);
  expect(firstDone.status, firstDone.errorText).toBe('failed');
  const secondDone = await f.waitFor(second.id, ['succeeded', 'failed', 'blocked', 'canceled']);
  expect(secondDone.status, secondDone.errorText).toBe('failed');
  // The second run waited for the first one's slot.
  expect(Date.parse(secondDone.startedAt!)).toBeGreaterThanOrEqual(Date.parse(firstDone.finishedAt!));

  // Polls go on after a run ends (and its later updates are heard by every window): still one notice.
  await f.core.services.runs.monitor.tick();
  await pause(300);
  expect(noticesOf(first.id)).toEqual([
    expect.objectContaining({ level: 'error', title: 'Failed: Fails first' }),
  ]);
  expect(noticesOf(second.id)).toEqual([
    expect.objectContaining({ level: 'error', title: 'Failed: Fails next' }),
  ]);
});

it('a canceled run frees its slot for the next queued run, without a notice', async () => {
  f.outcome('hang');
  const first = await f.call('dispatches.queue', { taskId: (await f.newTask('Hangs')).id });
  await f.waitFor(first.id, ['running']);
  const second = await f.call('dispatches.queue', { taskId: (await f.newTask('Waits its turn')).id });
  await f.core.services.runs.scheduler.idle();
  await pause(300);
  expect(f.core.repos.dispatches.get(second.id)!.status).toBe('queued');

  const canceled = await f.call('dispatches.cancel', { dispatchId: first.id });
  expect(canceled.status).toBe('canceled');
  const started = await f.waitFor(second.id, ['preparing', 'running'], 10_000);
  expect(Date.parse(started.startedAt ?? started.updatedAt)).toBeGreaterThanOrEqual(
    Date.parse(canceled.finishedAt!),
  );
  await f.waitFor(second.id, ['running']);
  await f.call('dispatches.cancel', { dispatchId: second.id });

  await pause(300);
  // The user canceled: that needs no notification.
  expect(noticesOf(first.id)).toEqual([]);
  expect(noticesOf(second.id)).toEqual([]);
});
