import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

async function finishedRun(title: string) {
  f.outcome('success');
  const task = await f.newTask(title);
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const done = await f.waitFor(queued.id, [...FINAL]);
  expect(done.status, done.errorText).toBe('succeeded');
  return { task, run: done };
}

it('closing a task removes its worktree; deleting removes its run directory too', async () => {
  const closed = await finishedRun('Close me');
  await f.call('tasks.update', { id: closed.task.id, status: 'closed' });
  expect(existsSync(f.remotePath(closed.run.worktreePath))).toBe(false);
  expect(existsSync(f.remotePath(closed.run.runDir))).toBe(true);
  const deleted = await finishedRun('Delete me');
  await f.call('tasks.delete', { id: deleted.task.id });
  expect(existsSync(f.remotePath(deleted.run.worktreePath))).toBe(false);
  expect(existsSync(f.remotePath(deleted.run.runDir))).toBe(false);
});

it('closing and deleting a task with the runner unreachable succeed locally, with the reason on the runs', async () => {
  f.outcome('hang');
  const task = await f.newTask('Close while offline');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(queued.id, ['running']);
  await f.sshd.stop();
  try {
    const closed = await f.call('tasks.update', { id: task.id, status: 'closed' });
    expect(closed.status).toBe('closed');
    const run = f.core.repos.dispatches.get(queued.id)!;
    expect(run.status).toBe('canceled');
    expect(run.summary).toMatch(/remote cleanup was skipped/);
    expect(run.errorText.length).toBeGreaterThan(0);
    const other = await f.newTask('Delete while offline');
    await f.call('tasks.delete', { id: other.id });
    await expect(f.call('tasks.get', { id: other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  } finally {
    await f.sshd.start();
  }
  // The agent the offline close could not stop is cleaned up by the next cleanup.
  const result = await f.call('maintenance.cleanup', {});
  expect(result.runnersSkipped).toEqual([]);
});

it('cleanup keeps open tasks, cleans closed ones and removes orphans, with counts', async () => {
  const open = await finishedRun('Keep me');
  const toClose = await finishedRun('Close later');
  // Closed directly in the database, as an older version might have left it: its worktree remains.
  f.core.repos.tasks.update(toClose.task.id, { status: 'closed' });
  const project = `${f.runner.workspaceRoot}/projects/api`;
  const orphan = 'dsp_0000000000000orphan1';
  f.sshd.runAsUser(['mkdir', '-p', f.remotePath(`${project}/worktrees/${orphan}`)]);
  f.sshd.runAsUser(['mkdir', '-p', f.remotePath(`${project}/runs/${orphan}`)]);
  // A folder no run of Sortie's would have: never removed.
  f.sshd.runAsUser(['mkdir', '-p', f.remotePath(`${project}/worktrees/notes`)]);
  const result = await f.call('maintenance.cleanup', {});
  expect(result.closedTasksCleaned).toBeGreaterThanOrEqual(1);
  expect(result.worktreesRemoved).toBeGreaterThanOrEqual(2);
  expect(result.runDirectoriesRemoved).toBeGreaterThanOrEqual(1);
  expect(existsSync(f.remotePath(open.run.worktreePath))).toBe(true);
  expect(existsSync(f.remotePath(open.run.runDir))).toBe(true);
  expect(existsSync(f.remotePath(toClose.run.worktreePath))).toBe(false);
  expect(existsSync(f.remotePath(`${project}/runs/${orphan}`))).toBe(false);
  expect(existsSync(f.remotePath(`${project}/worktrees/${orphan}`))).toBe(false);
  expect(existsSync(f.remotePath(`${project}/worktrees/notes`))).toBe(true);
});

it('reset is refused while a run is active and for /, $HOME and an empty root, and otherwise empties the workspace', async () => {
  f.outcome('hang');
  const task = await f.newTask('Blocks reset');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(queued.id, ['running']);
  await expect(f.call('maintenance.reset', {})).rejects.toMatchObject({ code: 'CONFLICT' });
  await f.call('dispatches.cancel', { dispatchId: queued.id });

  const base = {
    id: f.runner.id,
    name: f.runner.name,
    host: f.runner.host,
    port: f.runner.port,
    user: f.runner.user,
    shellPrelude: f.runner.shellPrelude,
  };
  // Roots that are no workspace are refused when the runner is saved, and nothing changes.
  for (const root of ['/', '~', '$HOME', '~/..', '/home/../']) {
    await expect(
      f.call('runners.upsert', {
        ...base,
        auth: { kind: 'keyFile', keyPath: f.sshd.userKey.privateKeyPath },
        workspaceRoot: root,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'workspaceRoot' });
  }
  // The home directory spelled out in full, or a folder holding it, is caught on the runner itself.
  for (const root of [f.sshd.home, dirname(f.sshd.home)]) {
    await f.call('runners.upsert', {
      ...base,
      auth: { kind: 'keyFile', keyPath: f.sshd.userKey.privateKeyPath },
      workspaceRoot: root,
    });
    await expect(f.call('maintenance.reset', {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  }
  expect(f.sshd.runAsUser(['ls', '-A', f.sshd.home]).trim()).not.toBe('');
  await expect(f.call('maintenance.reset', { runnerId: 'rnr_00000000000000000099' })).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });
  await expect(f.call('runners.upsert', { ...base, workspaceRoot: '' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  });

  await f.call('runners.upsert', {
    ...base,
    auth: { kind: 'keyFile', keyPath: f.sshd.userKey.privateKeyPath },
    workspaceRoot: f.runner.workspaceRoot,
    registryPath: f.runner.registryPath,
  });
  const reset = await f.call('maintenance.reset', {});
  expect(reset.workspaceEntriesRemoved).toBeGreaterThanOrEqual(1);
  expect(reset.registryRemoved).toBe(true);
  expect(f.sshd.runAsUser(['ls', '-A', f.remotePath(f.runner.workspaceRoot)]).trim()).toBe('');
});
