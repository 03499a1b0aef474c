import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AgentOutcome } from '../../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 4 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

async function runWith(outcome: AgentOutcome, agent: 'codex' | 'claude') {
  f.outcome(outcome);
  const task = await f.newTask(`Outcome ${outcome} with ${agent}`);
  const queued = await f.call('dispatches.queue', { taskId: task.id, agent });
  // The launcher reads the outcome when the agent starts; wait for that before the next test changes it.
  return f.waitFor(queued.id, [...FINAL]);
}

it.each(['codex', 'claude'] as const)(
  '%s: a blocked agent leaves the run blocked with its explanation',
  async (agent) => {
    const done = await runWith('blocked', agent);
    expect(done.status).toBe('blocked');
    expect(done.summary.length).toBeGreaterThan(0);
    expect(done.released).toBe(false);
  },
);

it.each(['codex', 'claude'] as const)(
  '%s: a failed agent leaves the run failed with its summary',
  async (agent) => {
    const done = await runWith('failed', agent);
    expect(done.status).toBe('failed');
    expect(done.summary.length).toBeGreaterThan(0);
  },
);

it.each(['codex', 'claude'] as const)(
  '%s: an agent that exits non-zero fails the run with its stderr',
  async (agent) => {
    const done = await runWith('exit-nonzero', agent);
    expect(done.status).toBe('failed');
    expect(done.errorText.length).toBeGreaterThan(0);
    expect(done.summary).toMatch(/exited with status/);
  },
);

it.each(['codex', 'claude'] as const)('%s: a crashed agent fails the run', async (agent) => {
  const done = await runWith('crash', agent);
  expect(done.status).toBe('failed');
});

it.each(['codex', 'claude'] as const)(
  '%s: a malformed result fails the run and says the result could not be read',
  async (agent) => {
    const done = await runWith('malformed', agent);
    expect(done.status).toBe('failed');
    expect(done.summary).toMatch(/result could not be read/);
    expect(done.errorText.length).toBeGreaterThan(0);
  },
);

it('reads a megabyte of agent output completely before closing the run', async () => {
  const done = await runWith('big-output', 'codex');
  expect(done.status, done.errorText).toBe('succeeded');
  const size = Number(
    f.sshd.runAsUser(['stat', '-c', '%s', `${f.remotePath(done.runDir)}/events.jsonl`]).trim(),
  );
  expect(size).toBeGreaterThan(1_000_000);
  expect(f.core.repos.dispatches.getOutputOffset(done.id)).toBe(size);
});

it('refuses to launch the same run twice', async () => {
  const done = await runWith('success', 'codex');
  const host = f.core.pool.host(f.core.repos.runners.get(f.runner.id)!);
  const again = await host.run('launch-run', [f.runner.workspaceRoot, done.runDir, done.worktreePath]);
  expect(again.exitCode).toBe(3);
  expect(again.stderr.toString()).toMatch(/already launched/);
});

it('refuses to queue without a shell prelude, for a closed task, or for an incomplete project', async () => {
  const task = await f.newTask('Prerequisites');
  await f.call('runners.upsert', { ...strip(f.runner), shellPrelude: '' });
  await expect(f.call('dispatches.queue', { taskId: task.id })).rejects.toMatchObject({
    code: 'RUNNER_NOT_CONFIGURED',
  });
  await f.call('runners.upsert', strip(f.runner));
  // A repository URL that is not GitHub's is refused when the project is saved…
  await expect(
    f.call('projects.upsert', {
      id: f.project.id,
      name: 'api',
      repoUrl: 'https://gitlab.com/acme/api',
      gitUrl: f.project.gitUrl,
    }),
  ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'repoUrl' });
  // …and a project without one cannot be run.
  await f.call('projects.upsert', { id: f.project.id, name: 'api', repoUrl: '', gitUrl: f.project.gitUrl });
  await expect(f.call('dispatches.queue', { taskId: task.id })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  });
  await f.call('projects.upsert', {
    id: f.project.id,
    name: 'api',
    repoUrl: f.project.repoUrl,
    gitUrl: f.project.gitUrl,
  });
  await f.call('tasks.update', { id: task.id, status: 'closed' });
  await expect(f.call('dispatches.queue', { taskId: task.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  expect(await f.call('dispatches.history', { taskId: task.id })).toEqual([]);
});

function strip(runner: RunFixture['runner']) {
  const { id, name, host, port, user, shellPrelude, maxConcurrent } = runner;
  return {
    id,
    name,
    host,
    port,
    user,
    shellPrelude,
    maxConcurrent,
    auth:
      runner.auth.kind === 'keyFile'
        ? { kind: 'keyFile' as const, keyPath: runner.auth.keyPath }
        : { kind: 'agent' as const },
  };
}
