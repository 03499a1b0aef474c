import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Project } from '@shared/contract';
import { legacyProjectWorkspace, projectWorkspace } from '../../../src/main/core/remote/workspace/layout';
import { createUpstreamRepo } from '../../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 4 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;
const root = () => f.remotePath(f.runner.workspaceRoot);
const asUser = (...cmd: string[]) => f.sshd.runAsUser(cmd);
const host = () => f.core.pool.host(f.core.repos.runners.get(f.runner.id)!);

/** A file in the remote user's home that no Sortie operation may ever touch. */
function plantHomeMarker(): string {
  const marker = join(f.sshd.home, 'KEEP-ME.txt');
  asUser('bash', '-c', 'printf keep >"$1"', 'bash', marker);
  return marker;
}

async function runToEnd(title: string, project?: Project): Promise<Dispatch> {
  const task = await f.call('tasks.create', { projectId: (project ?? f.project).id, title });
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  return f.waitFor(queued.id, [...FINAL], 60_000);
}

describe('an agent that reports a worktree outside its own', () => {
  it.each([
    ['the home directory', '~'],
    ['/', '/'],
    ['..', '..'],
    ['another project folder', 'OTHER'],
  ])('claiming %s: close, delete, cleanup and reset remove only its own worktree', async (_what, claim) => {
    const homeMarker = plantHomeMarker();
    // Another project's folder inside the same workspace, with a file of its own.
    const other = projectWorkspace(root(), 'web');
    asUser('mkdir', '-p', other.checkout);
    asUser('bash', '-c', 'printf mine >"$1/README"', 'bash', other.checkout);
    f.reportWorktree(claim === 'OTHER' ? other.checkout : claim);
    f.outcome('success');
    try {
      const done = await runToEnd(`Report ${claim}`);
      expect(done.status, done.errorText).toBe('succeeded');
      // Shown as information; Sortie's own path is what it works with.
      expect(done.reportedWorktreePath).toBe(claim === 'OTHER' ? other.checkout : claim);
      expect(done.worktreePath).toBe(projectWorkspace(f.runner.workspaceRoot, 'api').worktree(done.id));
      const ownWorktree = f.remotePath(done.worktreePath);
      expect(existsSync(ownWorktree)).toBe(true);

      await f.call('tasks.update', { id: done.taskId!, status: 'closed' });
      expect(existsSync(ownWorktree)).toBe(false);
      await f.call('maintenance.cleanup', {});
      await f.call('tasks.delete', { id: done.taskId! });
      expect(existsSync(f.remotePath(done.runDir))).toBe(false);

      expect(readFileSync(homeMarker, 'utf8')).toBe('keep');
      expect(readFileSync(join(other.checkout, 'README'), 'utf8')).toBe('mine');
      expect(existsSync(join(f.sshd.home, '.ssh'))).toBe(true);
    } finally {
      f.reportWorktree(null);
    }
  });

  it('reset empties the workspace root and nothing beside it', async () => {
    const homeMarker = plantHomeMarker();
    await runToEnd('Before the reset');
    const reset = await f.call('maintenance.reset', {});
    expect(reset.workspaceEntriesRemoved).toBeGreaterThan(0);
    expect(asUser('ls', '-A', root()).trim()).toBe('');
    expect(readFileSync(homeMarker, 'utf8')).toBe('keep');
  });
});

describe('the runner refuses paths outside the workspace root', () => {
  it('cleanup-task with ~ as a worktree refuses as a whole and removes nothing', async () => {
    const homeMarker = plantHomeMarker();
    const ownRun = join(root(), 'projects', 'api', 'runs', 'dsp_refused');
    asUser('mkdir', '-p', ownRun);
    const result = await host().run('cleanup-task', [
      f.runner.workspaceRoot,
      'delete',
      `${f.runner.workspaceRoot}/projects/api/checkout`,
      '~',
      '--',
      ownRun,
    ]);
    expect(result.exitCode).toBe(65);
    expect(result.stderr.toString()).toMatch(/not inside the workspace root/);
    expect(readFileSync(homeMarker, 'utf8')).toBe('keep');
    expect(existsSync(ownRun)).toBe(true);
  });

  it('a symlink inside the root that leads out is removed as a link, never followed', async () => {
    const homeMarker = plantHomeMarker();
    const worktrees = join(root(), 'projects', 'api', 'worktrees');
    asUser('mkdir', '-p', worktrees);
    const link = join(worktrees, 'dsp_0000000000000000link');
    asUser('ln', '-sfn', f.sshd.home, link);
    // A symlinked project folder of either layout is not walked at all.
    asUser('ln', '-sfn', f.sshd.home, join(root(), 'projects', 'evil'));
    asUser('ln', '-sfn', f.sshd.home, join(root(), 'legacy'));
    // Run directories that are links: to a run still going, and to the home directory.
    f.outcome('hang');
    const task = await f.newTask('Keeps going');
    const going = await f.call('dispatches.queue', { taskId: task.id });
    await f.waitFor(going.id, ['running']);
    const runs = join(root(), 'projects', 'api', 'runs');
    asUser('ln', '-sfn', f.remotePath(going.runDir), join(runs, 'dsp_000000000000000link2'));
    asUser('ln', '-sfn', f.sshd.home, join(runs, 'dsp_000000000000000link3'));
    // A legacy project named like its own run folder: the folder is its checkout.
    const legacyCheckout = join(root(), 'dispatches', 'dispatches');
    asUser('mkdir', '-p', join(legacyCheckout, 'src', 'dsp_0000000000000000src1'));
    asUser('git', 'init', '-q', legacyCheckout);

    const cleanup = await f.call('maintenance.cleanup', {});
    expect(cleanup.runnersSkipped).toEqual([]);
    expect(existsSync(link)).toBe(false);
    expect(readFileSync(homeMarker, 'utf8')).toBe('keep');
    expect(existsSync(join(f.sshd.home, '.ssh'))).toBe(true);
    expect(existsSync(join(f.sshd.home, 'status.txt'))).toBe(false);
    expect(f.core.repos.dispatches.get(going.id)!.status).toBe('running');
    expect(readFileSync(join(f.remotePath(going.runDir), 'status.txt'), 'utf8').trim()).toBe('running');
    expect(existsSync(join(legacyCheckout, 'src', 'dsp_0000000000000000src1'))).toBe(true);
    await f.call('dispatches.cancel', { dispatchId: going.id });
  });

  it('a workspace root that holds the home directory is refused by every script that removes', async () => {
    const homeMarker = plantHomeMarker();
    for (const [script, args] of [
      ['cleanup-orphans', [join(f.sshd.home, '..')]],
      ['reset-workspace', [f.sshd.home, '~/registry.json']],
      ['stop-runs', ['/', 'canceled', join(f.sshd.home, 'x')]],
      ['cleanup-task', [f.sshd.home, 'delete', join(f.sshd.home, 'c'), '--', join(f.sshd.home, 'r')]],
    ] as const) {
      const result = await host().run(script, [...args]);
      expect(result.exitCode, `${script}: ${result.stderr.toString()}`).toBe(65);
    }
    expect(readFileSync(homeMarker, 'utf8')).toBe('keep');
  });
});

describe('stopping a run', () => {
  it('never signals a pid of its run directory that now belongs to another program', async () => {
    // A process of the same user, whose pid a stale launcher.pid happens to name.
    const stranger = Number(asUser('bash', '-c', 'sleep 60 >/dev/null 2>&1 </dev/null & echo $!').trim());
    try {
      const runDir = join(root(), 'projects', 'api', 'runs', 'dsp_stale');
      asUser('mkdir', '-p', runDir);
      for (const file of ['launcher.pid', 'agent.pid'])
        asUser('bash', '-c', 'printf "%s\\n" "$2" >"$1"', 'bash', join(runDir, file), String(stranger));
      await host().runOk('stop-runs', [f.runner.workspaceRoot, 'canceled', runDir]);
      expect(() => process.kill(stranger, 0)).not.toThrow();
      expect(readFileSync(join(runDir, 'status.txt'), 'utf8').trim()).toBe('canceled');
    } finally {
      process.kill(stranger, 'SIGKILL');
    }
  });
});

describe('project names that were folders of the old layout', () => {
  it('runs two tasks each of projects named like Sortie folders, at once, and cleanup keeps every checkout', async () => {
    const names = ['dispatches', 'worktrees', 'review-runs', 'registry.json', 'runs', 'checkout'];
    const projects: Project[] = [];
    for (const name of names) {
      const upstream = createUpstreamRepo(f.sshd, { owner: 'acme', name, baseBranch: 'main' }, f.homes);
      projects.push(
        await f.call('projects.upsert', {
          name,
          repoUrl: upstream.repoUrl,
          gitUrl: upstream.gitUrl,
          baseBranch: 'main',
        }),
      );
    }
    f.outcome('success');
    const runs = await Promise.all(
      projects.flatMap((project) => [1, 2].map((n) => runToEnd(`${project.name} task ${n}`, project))),
    );
    for (const run of runs) expect(run.status, run.errorText).toBe('succeeded');
    const cleanup = await f.call('maintenance.cleanup', {});
    expect(cleanup.runnersSkipped).toEqual([]);
    for (const name of names) {
      const checkout = projectWorkspace(root(), name).checkout;
      expect(existsSync(join(checkout, '.git')), checkout).toBe(true);
    }
    for (const run of runs) {
      expect(existsSync(f.remotePath(run.worktreePath))).toBe(true);
      expect(existsSync(f.remotePath(run.runDir))).toBe(true);
    }
    expect(existsSync(f.remotePath(f.runner.registryPath))).toBe(true);
  });
});

describe('a workspace laid out the earlier way', () => {
  it('is continued by a follow-up, cleaned when its task closes, and its orphans removed', async () => {
    const legacy = legacyProjectWorkspace(f.runner.workspaceRoot, 'api');
    const login = (await host().runOk('github-login', [])).toString().trim();
    await host().runOk('ensure-checkout', [
      f.runner.workspaceRoot,
      f.project.repoUrl,
      'api',
      f.project.gitUrl,
      'main',
      legacy.checkout,
      login,
    ]);
    // A run an earlier Sortie made: its worktree and run directory in the old places.
    const task = await f.newTask('Made by an earlier version');
    const id = 'dsp_00000000000earlier01';
    await host().runOk('prepare-worktree', [
      f.runner.workspaceRoot,
      legacy.checkout,
      'main',
      `sortie/${id}`,
      legacy.worktree(id),
    ]);
    asUser('mkdir', '-p', f.remotePath(legacy.runDir(id)));
    const old = f.core.repos.dispatches.create({
      id,
      taskId: task.id,
      runnerId: f.runner.id,
      agent: 'codex',
      branch: `sortie/${id}`,
      worktreePath: legacy.worktree(id),
      runDir: legacy.runDir(id),
    });
    for (const status of ['preparing', 'running', 'succeeded'] as const)
      f.core.repos.dispatches.update(old.id, { status });
    const orphan = f.remotePath(legacy.runDir('dsp_0000000000000orphan2'));
    asUser('mkdir', '-p', orphan);

    f.outcome('success');
    const followUp = await f.call('dispatches.followUp', {
      taskId: task.id,
      request: 'Carry on where the old run stopped.',
    });
    expect(followUp.worktreePath).toBe(legacy.worktree(id));
    const done = await f.waitFor(followUp.id, [...FINAL], 60_000);
    expect(done.status, done.errorText).toBe('succeeded');

    const cleanup = await f.call('maintenance.cleanup', {});
    expect(cleanup.runDirectoriesRemoved).toBeGreaterThanOrEqual(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(f.remotePath(legacy.worktree(id)))).toBe(true);

    await f.call('tasks.update', { id: task.id, status: 'closed' });
    expect(existsSync(f.remotePath(legacy.worktree(id)))).toBe(false);
    expect(existsSync(join(f.remotePath(legacy.checkout), '.git'))).toBe(true);
  });
});

describe('review workspaces', () => {
  it('cleanup reclaims only folders that are review workspaces no review names, never a legacy project called reviews', async () => {
    const reviews = join(root(), 'reviews');
    const make = (...parts: string[]) => asUser('mkdir', '-p', join(reviews, ...parts));
    make('stale-key', 'checkout');
    make('stale-key', 'runs', 'dsp_0000000000000000run1');
    make('Not_A_Key', 'checkout');
    make('with-notes', 'checkout');
    asUser('bash', '-c', 'printf mine >"$1"', 'bash', join(reviews, 'with-notes', 'notes.txt'));

    const first = await f.call('maintenance.cleanup', {});
    expect(first.runnersSkipped).toEqual([]);
    expect(first.reviewWorkspacesRemoved).toBe(1);
    expect(existsSync(join(reviews, 'stale-key'))).toBe(false);
    // Not named like a key, or holding something that is not a workspace's: not Sortie's to remove.
    expect(existsSync(join(reviews, 'Not_A_Key', 'checkout'))).toBe(true);
    expect(readFileSync(join(reviews, 'with-notes', 'notes.txt'), 'utf8')).toBe('mine');

    // A project of the earlier layout named "reviews" lives in that folder: nothing there is touched.
    asUser('git', 'init', '-q', join(reviews, 'reviews'));
    make('worktrees', 'dsp_0000000000000000wt01');
    make('dispatches', 'dsp_0000000000000000run2');
    make('other-key', 'checkout');
    const second = await f.call('maintenance.cleanup', {});
    expect(second.reviewWorkspacesRemoved).toBe(0);
    for (const kept of [
      'reviews/.git',
      'worktrees/dsp_0000000000000000wt01',
      'dispatches/dsp_0000000000000000run2',
      'other-key/checkout',
    ])
      expect(existsSync(join(reviews, kept)), kept).toBe(true);
    asUser('rm', '-rf', reviews);

    // A reviews folder that is a link leads out of the root: it is not walked.
    const outside = join(f.sshd.home, 'outside-reviews');
    asUser('mkdir', '-p', join(outside, 'linked-key', 'checkout'));
    asUser('ln', '-sfn', outside, reviews);
    const third = await f.call('maintenance.cleanup', {});
    expect(third.reviewWorkspacesRemoved).toBe(0);
    expect(existsSync(join(outside, 'linked-key', 'checkout'))).toBe(true);
    asUser('rm', '-f', reviews);
  });
});
