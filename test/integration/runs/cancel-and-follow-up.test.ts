import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isRunning } from '../../support/processes';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

const alive = (pid: string): boolean => isRunning(Number(pid.trim()));

it('cancels a running agent: the run is canceled and no agent process is left on the runner', async () => {
  f.outcome('hang');
  const task = await f.newTask('Hang forever');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const running = await f.waitFor(queued.id, ['running']);
  const runDir = f.remotePath(running.runDir);
  const pids = await waitForFile(join(runDir, 'agent.pid'));
  const launcher = f.sshd.runAsUser(['cat', join(runDir, 'launcher.pid')]);
  expect(alive(pids)).toBe(true);
  const canceled = await f.call('dispatches.cancel', { dispatchId: queued.id });
  expect(canceled.status, `${canceled.summary} ${canceled.errorText}`).toBe('canceled');
  expect(alive(pids)).toBe(false);
  expect(alive(launcher)).toBe(false);
  expect(f.sshd.runAsUser(['cat', join(runDir, 'status.txt')]).trim()).toBe('canceled');
  // Nothing left running anywhere that still points at this run (the runner is this machine).
  const leftovers = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(running.id));
  expect(leftovers).toEqual([]);
});

it('cancels a run during preparation: it stops quietly and never launches', async () => {
  f.outcome('success');
  const task = await f.newTask('Cancel early');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(queued.id, ['preparing'], 10_000);
  const canceled = await f.call('dispatches.cancel', { dispatchId: queued.id });
  expect(canceled.status).toBe('canceled');
  await f.core.services.runs.scheduler.idle();
  const after = f.core.repos.dispatches.get(queued.id)!;
  expect(after.status).toBe('canceled');
  expect(() => f.sshd.runAsUser(['test', '-e', join(f.remotePath(after.runDir), 'agent.pid')])).toThrow();
});

it('cancels the run it is given: never a newer run of the same task, and never one that has ended', async () => {
  f.outcome('success');
  const task = await f.newTask('Two runs');
  const first = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(first.id, ['succeeded']);
  f.outcome('hang');
  const second = await f.call('dispatches.followUp', { taskId: task.id, request: 'Carry on.' });
  await f.waitFor(second.id, ['running']);
  // The first run has ended: nothing to cancel, and the follow-up going on is left alone.
  await expect(f.call('dispatches.cancel', { dispatchId: first.id })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('has ended (succeeded)'),
  });
  expect(f.core.repos.dispatches.get(second.id)!.status).toBe('running');
  await expect(f.call('dispatches.cancel', { dispatchId: 'dsp_00000000000000000000' })).rejects.toMatchObject(
    {
      code: 'NOT_FOUND',
    },
  );
  expect((await f.call('dispatches.cancel', { dispatchId: second.id })).status).toBe('canceled');
});

it('follows up on the same branch, worktree, PR and agent; an empty request is refused', async () => {
  f.outcome('success');
  const task = await f.newTask('Add metrics');
  const first = await f.call('dispatches.queue', { taskId: task.id, agent: 'claude' });
  const done = await f.waitFor(first.id, [...FINAL]);
  expect(done.status, done.errorText).toBe('succeeded');

  await expect(f.call('dispatches.followUp', { taskId: task.id, request: '   ' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
    field: 'request',
  });
  const follow = await f.call('dispatches.followUp', {
    taskId: task.id,
    request: 'Also export a counter.\nThanks',
  });
  expect(follow).toMatchObject({
    branch: done.branch,
    worktreePath: done.worktreePath,
    pullRequestUrl: done.pullRequestUrl,
    agent: 'claude',
    baseDispatchId: done.id,
    followUpRequest: 'Also export a counter.\nThanks',
  });
  expect(follow.runDir).not.toBe(done.runDir);
  const second = await f.waitFor(follow.id, [...FINAL]);
  expect(second.status, second.errorText).toBe('succeeded');
  expect(second.pullRequestUrl).toBe(done.pullRequestUrl);
  const detail = await f.call('dispatches.get', { id: follow.id });
  expect(detail.prompt).toContain('Also export a counter.');
  expect(detail.prompt).toContain(done.pullRequestUrl!);
  const taskDetail = await f.call('tasks.get', { id: task.id });
  expect(taskDetail.followUps.map((x) => x.request)).toEqual(['Also export a counter.\nThanks']);
  const log = f.sshd
    .runAsUser(['git', '-C', f.remotePath(done.worktreePath), 'log', '--oneline'])
    .trim()
    .split('\n');
  expect(log.length).toBeGreaterThanOrEqual(3);
});

it('discards history only when no run is active', async () => {
  f.outcome('hang');
  const task = await f.newTask('Discard me');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(queued.id, ['running']);
  await expect(f.call('dispatches.discardHistory', { taskId: task.id })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  await f.call('dispatches.cancel', { dispatchId: queued.id });
  expect(await f.call('dispatches.discardHistory', { taskId: task.id })).toEqual({ removed: 1 });
  expect(await f.call('dispatches.history', { taskId: task.id })).toEqual([]);
});

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    try {
      return f.sshd.runAsUser(['cat', path]);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${path} never appeared`);
}
