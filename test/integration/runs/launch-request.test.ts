import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { LAUNCH_PHASES } from '@shared/domain/dispatch';
import { setGhLatency } from '../../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';
import { until } from '../../support/until';

// A launch is one supervised request (start-run.sh): every phase still shows as it starts, a
// cancel stops the phase in progress on the runner, and the agent starts only on Sortie's word.
let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture();
});
afterAll(async () => {
  await f.close();
});

/** Seconds the fake gh waits: a number no other test's processes sleep, so they are told apart. */
const GH_LATENCY = 41;

/** The gh processes of the runner's user that are waiting out the fake latency. */
function slowGhCalls(): number {
  try {
    return f.sshd
      .runAsUser(['pgrep', '-f', '-a', `slee[p] ${GH_LATENCY}`])
      .split('\n')
      .filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

it('cancels a launch in the middle of a phase: the step on the runner stops at once and no agent starts', async () => {
  f.outcome('success');
  setGhLatency(f.sshd, GH_LATENCY, f.homes);
  try {
    const task = await f.newTask('Cancel while gh is slow');
    const queued = await f.call('dispatches.queue', { taskId: task.id });
    const checking = await f.waitFor(queued.id, ['preparing'], 10_000);
    expect(
      await until(() => f.core.repos.dispatches.get(checking.id)!.phase === 'check-github', 10_000),
    ).toBe(true);
    expect(await until(() => slowGhCalls() > 0, 5_000)).toBe(true);
    const started = Date.now();
    const canceled = await f.call('dispatches.cancel', { dispatchId: queued.id });
    expect(canceled.status).toBe('canceled');
    await f.core.services.runs.scheduler.idle();
    // The launch's request ended long before gh's 41 s: its process group was stopped.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await until(() => slowGhCalls() === 0, 5_000)).toBe(true);
    const after = f.core.repos.dispatches.get(queued.id)!;
    expect(after.status).toBe('canceled');
    expect(() => f.sshd.runAsUser(['test', '-e', join(f.remotePath(after.runDir), 'launch.sh')])).toThrow();
  } finally {
    setGhLatency(f.sshd, null, f.homes);
  }
});

it('shows each remote phase as the runner reaches it, one request for all of them', async () => {
  f.outcome('hang');
  const task = await f.newTask('Count the requests');
  const host = f.core.pool.host(f.runner);
  const names: string[] = [];
  const original = host.run.bind(host);
  host.run = (script, ...rest) => {
    names.push(typeof script === 'string' ? script : script.name);
    return original(script, ...rest);
  };
  const phases: string[] = [];
  const off = f.core.bus.subscribe((name, payload) => {
    const dispatch = (payload as { dispatch?: Dispatch }).dispatch;
    if (name === 'dispatch.updated' && dispatch?.taskId === task.id && dispatch.status === 'preparing')
      if (phases.at(-1) !== dispatch.phase) phases.push(dispatch.phase);
  });
  let queued: Dispatch;
  try {
    queued = await f.call('dispatches.queue', { taskId: task.id });
    await f.waitFor(queued.id, ['running']);
  } finally {
    off();
    host.run = original;
  }
  // Every phase in order, a project run records its checkout in the registry.
  expect(phases, JSON.stringify(phases)).toEqual([...LAUNCH_PHASES]);
  expect(names.filter((name) => name === 'start-run')).toHaveLength(1);
  expect(names.filter((name) => name !== 'start-run' && name !== 'poll-runs')).toEqual([]);
  await f.call('dispatches.cancel', { dispatchId: queued.id });
});

it('fails the run in the phase that failed, in the words of its step', async () => {
  f.outcome('success');
  f.sshd.runAsUser(['touch', join(f.homes.ghHome, 'logged-out')]);
  try {
    const task = await f.newTask('Logged out');
    const queued = await f.call('dispatches.queue', { taskId: task.id });
    const failed = await f.waitFor(queued.id, ['failed'], 20_000);
    expect(failed.summary).toMatch(/checking github/i);
    expect(failed.errorText).toMatch(/gh auth login/);
  } finally {
    f.sshd.runAsUser(['rm', '-f', join(f.homes.ghHome, 'logged-out')]);
  }
});
