import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 4 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

async function setPrelude(extra: string) {
  const r = f.runner;
  await f.call('runners.upsert', {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    user: r.user,
    auth: { kind: 'keyFile', keyPath: f.sshd.userKey.privateKeyPath },
    workspaceRoot: r.workspaceRoot,
    registryPath: r.registryPath,
    maxConcurrent: r.maxConcurrent,
    shellPrelude: `${r.shellPrelude}\n${extra}`,
  });
}

it('launches several runs of one project at once on a fresh runner without them tripping over the checkout', async () => {
  f.outcome('success');
  const tasks = await Promise.all(['One', 'Two', 'Three'].map((t) => f.newTask(`Parallel ${t}`)));
  const queued = await Promise.all(tasks.map((t) => f.call('dispatches.queue', { taskId: t.id })));
  const done = await Promise.all(queued.map((d) => f.waitFor(d.id, [...FINAL], 60_000)));
  expect(done.map((d) => [d.status, d.errorText])).toEqual(done.map(() => ['succeeded', '']));
  expect(new Set(done.map((d) => d.pullRequestUrl)).size).toBe(3);
});

it('survives a slow shell prelude in the launcher', async () => {
  f.outcome('success');
  // Only the launcher (run as launch.sh) is slowed down, so the test stays quick.
  await setPrelude('case $0 in *launch.sh) sleep 3 ;; esac');
  try {
    const task = await f.newTask('Slow prelude');
    const queued = await f.call('dispatches.queue', { taskId: task.id });
    const done = await f.waitFor(queued.id, [...FINAL], 60_000);
    expect(done.status, done.errorText).toBe('succeeded');
  } finally {
    await setPrelude('');
  }
});

it('reaches the real outcome even when the prelude turns on set -e', async () => {
  f.outcome('exit-nonzero');
  await setPrelude('set -euo pipefail');
  try {
    const task = await f.newTask('Strict prelude');
    const queued = await f.call('dispatches.queue', { taskId: task.id });
    const done = await f.waitFor(queued.id, [...FINAL], 60_000);
    expect(done.status).toBe('failed');
    expect(done.summary).toMatch(/exited with status 1/);
  } finally {
    await setPrelude('');
  }
});
