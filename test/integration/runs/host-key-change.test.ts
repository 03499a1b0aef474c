import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

// The runner's host key changes: runs fail with HOST_KEY_MISMATCH until the key is forgotten,
// and the next run then succeeds with nothing restarted.
const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;
let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture();
});
afterAll(() => f.close());

async function runToEnd(title: string): Promise<Dispatch> {
  const task = await f.newTask(title);
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  return f.waitFor(queued.id, [...FINAL], 60_000);
}

it('fails runs with HOST_KEY_MISMATCH after the key changed, and runs again once the key is forgotten', async () => {
  f.outcome('success');
  const before = await runToEnd('Before the change');
  expect(before.status, before.errorText).toBe('succeeded');

  const fresh = await f.sshd.restartWithNewHostKey();
  const refused = await runToEnd('While the key differs');
  expect(refused.status).toBe('failed');
  expect(refused.errorText).toContain(fresh.fingerprint);
  const page = await f.call('dispatches.events', { dispatchId: refused.id });
  const notes = page.events.filter((e) => e.kind === 'note').map((e) => JSON.stringify(e.data));
  expect(notes.join('\n')).toContain('HOST_KEY_MISMATCH');
  expect(f.core.pool.health(f.runner.id)).toMatchObject({ state: 'failing', code: 'HOST_KEY_MISMATCH' });

  const { removedEntries } = await f.call('runners.forgetHostKey', {
    id: f.runner.id,
  });
  expect(removedEntries).toBeGreaterThan(0);
  const after = await runToEnd('After forgetting the key');
  expect(after.status, after.errorText).toBe('succeeded');
  expect(f.core.pool.health(f.runner.id).state).toBe('ok');
});
