import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch, Project } from '@shared/contract';
import { readFakeState } from '../../support/fake-cli/github-fixture';
import { isRunning } from '../../support/processes';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

/** A clock the test moves by hand; the runner's own clock keeps real time. */
const offset = { ms: 0 };
const clock = { now: () => new Date(Date.now() + offset.ms) };

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ clock, maxConcurrent: 2 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

/** Waits until the run satisfies `test` (the monitor polls every 150 ms here). */
async function until(id: string, test: (run: Dispatch) => boolean, timeoutMs = 30_000): Promise<Dispatch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = f.core.repos.dispatches.get(id)!;
    if (test(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} never got there: ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids the fake agent recorded (the agent and any child it left) that are still running. */
function livingAgentProcesses(): number[] {
  return readFakeState(f.sshd, f.homes).agentPids.filter(isRunning);
}

it.each(['codex', 'claude'] as const)(
  '%s writes a valid result and never exits: the run succeeds after the grace period, leaving no process',
  async (agent) => {
    f.outcome('linger');
    const task = await f.newTask(`Lingers after answering (${agent})`);
    const queued = await f.call('dispatches.queue', { taskId: task.id, agent });
    const running = await until(queued.id, (run) => run.status === 'running' && run.graceEndsAt !== null);
    expect(running.deadlineAt).not.toBeNull();
    // The result is there but the agent goes on: nothing happens before the grace period is up.
    await new Promise((r) => setTimeout(r, 600));
    expect(f.core.repos.dispatches.get(queued.id)!.status).toBe('running');
    expect(livingAgentProcesses().length).toBeGreaterThan(0);

    offset.ms = Date.parse(running.graceEndsAt!) - Date.now() + 1_000;
    const done = await f.waitFor(queued.id, [...FINAL]);
    offset.ms = 0;
    expect(done.status, done.errorText).toBe('succeeded');
    expect(done.pullRequestUrl).toMatch(/\/pull\/\d+$/);
    expect(done.graceEndsAt).toBeNull();
    expect(f.sshd.runAsUser(['cat', `${f.remotePath(done.runDir)}/status.txt`]).trim()).toBe('completed');
    // The child that ignores TERM is gone too: it got KILL.
    expect(livingAgentProcesses()).toEqual([]);
  },
);

it('a run past its project maximum run time is failed as timed out, leaving no process', async () => {
  await f.call('projects.upsert', { ...projectInput(f.project), maxRunMinutes: 90 });
  f.outcome('hang');
  const task = await f.newTask('Hangs for ever');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const running = await until(queued.id, (run) => run.status === 'running' && run.deadlineAt !== null);
  expect(Date.parse(running.deadlineAt!) - Date.now()).toBeGreaterThan(89 * 60_000);

  offset.ms = Date.parse(running.deadlineAt!) - Date.now() + 1_000;
  const done = await f.waitFor(queued.id, [...FINAL]);
  offset.ms = 0;
  expect(done.status).toBe('failed');
  expect(done.summary).toMatch(/timed out after 90 min/i);
  expect(done.deadlineAt).toBeNull();
  expect(livingAgentProcesses()).toEqual([]);
});

it('a run released while launching whose directory shows it never started can be canceled and frees its slot', async () => {
  // Reconciliation would end it by itself (next test): hold it while the user cancels.
  f.core.services.runs.stop();
  try {
    const stuck = releasedNeverStarted('Released, never started');
    expect(f.core.repos.dispatches.countBusy(f.runner.id)).toBe(1);
    const canceled = await f.call('dispatches.cancel', { dispatchId: stuck.id });
    expect(canceled).toMatchObject({ status: 'canceled', released: false });
    expect(f.core.repos.dispatches.countBusy(f.runner.id)).toBe(0);
  } finally {
    f.core.services.runs.start();
  }
});

it('a run released while launching ends by itself with the reason once the runner answers', async () => {
  const stuck = releasedNeverStarted('Released, then found never started');
  const ended = await f.waitFor(stuck.id, ['failed']);
  expect(ended.released).toBe(false);
  expect(ended.summary).toMatch(/never started/);
  expect(f.core.repos.dispatches.countBusy(f.runner.id)).toBe(0);
});

/**
 * A run in the state an unreachable runner leaves it in mid-launch: released as blocked, with a
 * run directory on the runner that no launcher ever wrote to.
 */
function releasedNeverStarted(title: string): Dispatch {
  const task = f.core.repos.tasks.create({
    projectId: f.project.id,
    title,
    summary: '',
    priority: 'medium',
    note: '',
    source: 'app',
  });
  const id = `dsp_${Math.random().toString(36).slice(2, 12).padEnd(20, '0')}`;
  const runDir = `${f.runner.workspaceRoot}/projects/api/runs/${id}`;
  f.sshd.runAsUser(['mkdir', '-p', f.remotePath(runDir)]);
  const run = f.core.repos.dispatches.create({
    id,
    taskId: task.id,
    runnerId: f.runner.id,
    agent: 'codex',
    branch: `sortie/${id}`,
    worktreePath: `${f.runner.workspaceRoot}/projects/api/worktrees/${id}`,
    runDir,
  });
  f.core.repos.dispatches.update(run.id, { status: 'preparing', phase: 'launch' });
  return f.core.repos.dispatches.update(run.id, {
    status: 'blocked',
    released: true,
    errorText: 'The runner could not be reached.',
  });
}

function projectInput(project: Project) {
  const { createdAt: _c, updatedAt: _u, ...input } = project;
  return input;
}
