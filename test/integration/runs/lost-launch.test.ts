import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { RUN_FILES } from '../../../src/main/core/remote/run-directory/protocol';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';
import { until } from '../../support/until';

// A launch whose answer is lost once Sortie said `go` (here: the worker serving it is killed at
// that moment) leaves the run preparing until the runner's run directory tells whether its agent
// started. That must be told at once, not when the 30-minute limit for preparing runs is up.
let f: RunFixture;
beforeAll(async () => {
  // No timed polls and no follower: the only poll is the one the lost launch asks for.
  f = await startRunFixture({
    maxConcurrent: 1,
    monitorTiming: { intervalMs: 600_000, watchedIntervalMs: 600_000, follow: false },
  });
});
afterAll(() => f.close());

it('fails at once a run whose launch was cut off before its agent started, starts nothing later and frees its slot', async () => {
  f.outcome('success');
  const task = await f.newTask('Cut off at launch');
  let killed = 0;
  // Called as the run enters its launch phase, before `go` is written back to the runner.
  const stop = f.core.bus.subscribe((name, payload) => {
    const run = (payload as { dispatch?: Dispatch }).dispatch;
    if (name !== 'dispatch.updated' || run?.phase !== 'launch' || killed > 0) return;
    for (const { pid } of f.sshd.sessionProcesses('SORTIE')) {
      try {
        process.kill(pid, 'SIGKILL');
        killed++;
      } catch {
        // Ended meanwhile.
      }
    }
  });
  let run: Dispatch;
  try {
    const queued = await f.call('dispatches.queue', { taskId: task.id });
    run = await f.waitFor(queued.id, ['failed', 'running', 'succeeded', 'canceled', 'blocked'], 20_000);
  } finally {
    stop();
  }
  expect(killed, 'the launch was cut off').toBeGreaterThan(0);
  expect(run.status, run.errorText).toBe('failed');
  expect(run.summary).toBe('The launch was cut off before its agent started.');
  expect(run.errorText).toMatch(/never started\. Run it again\./);

  // Its launch is locked out (just after: the runner is told once the run is failed), so a `go`
  // that still reached the runner could not start it.
  const runDir = f.remotePath(run.runDir);
  expect(await until(() => existsSync(join(runDir, RUN_FILES.launch_lock)), 10_000)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(existsSync(join(runDir, RUN_FILES.launcher_pid))).toBe(false);

  // Its slot (the runner's only one) is free: the next run starts.
  const next = await f.call('dispatches.queue', { taskId: (await f.newTask('After the cut')).id });
  const going = await f.waitFor(next.id, ['running', 'failed'], 30_000);
  expect(going.status, going.errorText).toBe('running');
});
