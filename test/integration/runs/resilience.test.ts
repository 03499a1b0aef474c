import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
});
afterAll(() => f.close());

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

async function allEvents(dispatchId: string) {
  const events = [];
  let after = 0;
  for (;;) {
    const page = await f.call('dispatches.events', { dispatchId, afterSeq: after, limit: 200 });
    events.push(...page.events);
    if (page.events.length < 200) return events;
    after = page.nextAfterSeq!;
  }
}

/** A run of a new task, left preparing (checking out) with nothing made on the runner yet. */
async function preparingRun(title: string, name: string): Promise<Dispatch> {
  const task = await f.newTask(title);
  const dispatch = f.core.repos.dispatches.create({
    taskId: task.id,
    runnerId: f.runner.id,
    agent: 'codex',
    branch: `sortie/${name}`,
    worktreePath: `${f.runner.workspaceRoot}/api/worktrees/${name}`,
    runDir: `${f.runner.workspaceRoot}/api/dispatches/${name}`,
  });
  f.core.repos.dispatches.update(dispatch.id, {
    status: 'preparing',
    phase: 'ensure-checkout',
    phaseStartedAt: new Date().toISOString(),
  });
  return dispatch;
}

it('a new core on the same database (an app restart) picks up an active run and records all its output once', async () => {
  f.outcome('slow');
  const task = await f.newTask('Survive a restart');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(queued.id, ['running']);
  await f.restart();
  const done = await f.waitFor(queued.id, [...FINAL], 60_000);
  expect(done.status, done.errorText).toBe('succeeded');
  const events = await allEvents(done.id);
  const seqs = events.map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  // Every line the agent wrote became entries, none twice: compare with the remote file.
  const remoteLines = readFileSync(join(f.remotePath(done.runDir), 'events.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const offset = f.core.repos.dispatches.getOutputOffset(done.id);
  expect(offset).toBe(Buffer.byteLength(remoteLines.join('\n') + '\n'));
  const agentEvents = events.filter((e) => e.kind === 'agent');
  const texts = agentEvents.map((e) => JSON.stringify(e.data));
  expect(new Set(texts).size).toBeGreaterThan(remoteLines.length / 3);
});

it('releases an active run as blocked when sshd goes away, and records its real outcome when it is back', async () => {
  f.outcome('slow');
  const task = await f.newTask('Network loss');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(queued.id, ['running']);
  await f.sshd.stop();
  const released = await f.waitFor(queued.id, ['blocked'], 30_000);
  expect(released.released).toBe(true);
  expect(released.errorText).toMatch(/refused|closed|connect/i);
  // Its agent may still be working: the task is not run again, followed up or discarded meanwhile.
  for (const [channel, input] of [
    ['dispatches.queue', { taskId: task.id }],
    ['dispatches.followUp', { taskId: task.id, request: 'More.' }],
    ['dispatches.discardHistory', { taskId: task.id }],
  ] as const) {
    const error = await f.call(channel, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, channel).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/reached/) as string,
    });
  }
  // The detached agent keeps going without the connection; let it finish, then bring sshd back.
  await new Promise((r) => setTimeout(r, 4_500));
  const back = Date.now();
  await f.sshd.start();
  const done = await f.waitFor(queued.id, ['succeeded', 'failed'], 40_000);
  expect(done.status, done.errorText).toBe('succeeded');
  // What the agent wrote while the runner was unreachable is read after it is back, stamped with
  // when it was written (before sshd returned), not when it arrived.
  const page = await f.call('dispatches.events', { dispatchId: queued.id, limit: 2000 });
  const releasedAt = page.events.findIndex((e) => e.kind === 'note' && e.data.level === 'warning');
  const readLate = page.events.slice(releasedAt + 1).filter((e) => e.kind === 'agent');
  expect(readLate.length).toBeGreaterThan(0);
  expect(Math.min(...readLate.map((e) => Date.parse(e.at)))).toBeLessThan(back);
  expect(done.released).toBe(false);
  expect(done.pullRequestUrl).toMatch(/pull\/\d+$/);
});

it('fails a run left preparing for 30 minutes', async () => {
  const dispatch = await preparingRun('Abandoned', 'abandoned');
  await f.core.services.runs.monitor.tick();
  expect(f.core.repos.dispatches.get(dispatch.id)?.status).toBe('preparing');
  const later = new Date(Date.now() + 31 * 60_000);
  // Driven by hand: a started core would treat it as interrupted at once (next test).
  await f.restart({ clock: { now: () => later }, start: false });
  await f.core.services.runs.monitor.tick();
  const failed = f.core.repos.dispatches.get(dispatch.id)!;
  expect(failed.status).toBe('failed');
  expect(failed.errorText).toMatch(/30 minutes/);
  await f.restart();
});

it('fails at once a run whose preparation was interrupted by the app stopping, and frees its slot', async () => {
  const dispatch = await preparingRun('Interrupted', 'interrupted');
  await f.restart();
  const failed = await f.waitFor(dispatch.id, ['failed'], 10_000);
  expect(failed.errorText).toMatch(/interrupted/);
});

it('fails a run whose launcher died without recording an outcome', async () => {
  f.outcome('hang');
  const task = await f.newTask('Killed launcher');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const running = await f.waitFor(queued.id, ['running']);
  const runDir = f.remotePath(running.runDir);
  // The run is running once its launcher is; the launcher writes the agent's pid a moment later.
  const pidOf = async (file: string): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const pid = f.sshd
        .runAsUser(['sh', '-c', 'cat -- "$1" 2>/dev/null || true', 'sh', join(runDir, file)])
        .trim();
      if (pid !== '' || Date.now() > deadline) return pid;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const launcher = await pidOf('launcher.pid');
  const agent = await pidOf('agent.pid');
  expect(launcher).toMatch(/^\d+$/);
  expect(agent).toMatch(/^\d+$/);
  // As a reboot would: everything gone at once, no trap runs.
  f.sshd.runAsUser(['kill', '-KILL', launcher, agent]);
  const failed = await f.waitFor(queued.id, ['failed'], 15_000);
  expect(failed.summary).toMatch(/launcher is gone/);
});
