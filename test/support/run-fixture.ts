import { join } from 'node:path';
import type { ChannelName, ChannelOutput, Dispatch, Project, Runner, Task } from '@shared/contract';
import type { DispatchStatus } from '@shared/domain/dispatch';
import { createApi, type Router } from '../../src/main/api';
import type { InvokeArgs } from '../../src/renderer/src/api/client';
import type { Clock } from '../../src/main/core/clock';
import { createCore, type Core } from '../../src/main/core/core';
import type { MonitorTiming } from '../../src/main/core/services/dispatch/monitor';
import {
  setAgentOutcome,
  setReportedWorktree,
  type AgentOutcome,
  type FakeHomes,
} from './fake-cli/github-fixture';
import { prepareRemote } from './remote-setup';
import { startSshd, type Sshd, type SshdOptions } from './sshd';
import { makeTempDir } from './temp-dir';

export interface RunFixture {
  sshd: Sshd;
  homes: FakeHomes;
  core: Core;
  router: Router;
  dataDir: string;
  runner: Runner;
  project: Project;
  /**
   * A channel through the API as the renderer's `invoke` makes it, typed by the contract; a
   * refusal throws, carrying its code. Input the contract refuses goes through `router.call`.
   */
  call<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<ChannelOutput<C>>;
  newTask(title: string, extra?: Record<string, unknown>): Promise<Task>;
  outcome(outcome: AgentOutcome): void;
  /** Makes the agents claim this worktreePath in their results; null: the real one. */
  reportWorktree(path: string | null): void;
  waitFor(dispatchId: string, statuses: DispatchStatus[], timeoutMs?: number): Promise<Dispatch>;
  /** A remote path with ~ expanded to the remote user's home. */
  remotePath(path: string): string;
  /**
   * Replaces the core by a new one on the same data directory, as an app restart does.
   * `start: false` leaves its background work off, for tests that drive it by hand.
   */
  restart(options?: { clock?: Clock; start?: boolean }): Promise<void>;
  close(): Promise<void>;
}

const FAST = { intervalMs: 150, watchedIntervalMs: 100 };

/**
 * A real sshd with the fake agent CLIs and a real upstream repository, a core on a real
 * database, a runner and a project ready to run tasks.
 */
export async function startRunFixture(
  options: {
    maxConcurrent?: number;
    clock?: Clock;
    /** More sshd settings (MaxSessions, no SFTP, another account). */
    sshd?: SshdOptions;
    /** The monitor's timing over the fixture's fast one (e.g. slow polls, to see what is pushed). */
    monitorTiming?: Partial<MonitorTiming>;
  } = {},
): Promise<RunFixture> {
  const dir = makeTempDir('sortie-runs-');
  const dataDir = join(dir.path, 'data');
  const sshd = await startSshd(options.sshd);
  // Test files run in parallel as the same remote user: each fixture keeps its fakes' state,
  // its workspace and its registry in a folder of its own.
  const remote = prepareRemote(sshd, 'fixture');
  const { homes } = remote;
  const monitorTiming = { ...FAST, ...options.monitorTiming };
  const makeCore = (clock?: Clock) =>
    createCore({ dataDir, sshConfigFile: join(dir.path, 'no-config'), env: {}, monitorTiming, clock });
  let core = makeCore(options.clock);
  let router = createApi(core);
  core.start();

  const call = async <C extends ChannelName>(
    channel: C,
    ...args: InvokeArgs<C>
  ): Promise<ChannelOutput<C>> => {
    const result = await router.call(channel, args[0]);
    if (!result.ok)
      throw Object.assign(
        new Error(`${channel}: ${result.error.code}: ${result.error.message}`),
        result.error,
      );
    return result.value as ChannelOutput<C>;
  };
  const runner = await call(
    'runners.upsert',
    remote.runnerInput({ name: 'box', maxConcurrent: options.maxConcurrent ?? 2 }),
  );
  const project = await call('projects.upsert', remote.projectInput({ baseBranch: 'main' }));

  const fixture: RunFixture = {
    sshd,
    homes,
    get core() {
      return core;
    },
    get router() {
      return router;
    },
    dataDir,
    runner,
    project,
    call,
    newTask: (title, extra = {}) => call('tasks.create', { projectId: project.id, title, ...extra }),
    outcome: (outcome) => setAgentOutcome(sshd, outcome, homes),
    reportWorktree: (path) => setReportedWorktree(sshd, path, homes),
    async waitFor(dispatchId, statuses, timeoutMs = 45_000) {
      // Woken by the core's own event the moment the run gets there (a caller timing a run
      // measures the run, not a poll); the look every 50 ms covers a change made without one.
      const deadline = Date.now() + timeoutMs;
      let wake: () => void = () => {};
      const stop = core.bus.subscribe((name, payload) => {
        if (name === 'dispatch.updated' && (payload as { dispatch: Dispatch }).dispatch.id === dispatchId)
          wake();
      });
      try {
        for (;;) {
          const dispatch = core.repos.dispatches.get(dispatchId);
          if (dispatch && statuses.includes(dispatch.status)) return dispatch;
          if (Date.now() > deadline) {
            throw new Error(
              `run ${dispatchId} did not reach ${statuses.join('/')}: ${JSON.stringify(dispatch)}`,
            );
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 50);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      } finally {
        stop();
      }
    },
    remotePath: (path) => (path.startsWith('~/') ? join(sshd.home, path.slice(2)) : path),
    async restart(restartOptions = {}) {
      core.close();
      core = makeCore(restartOptions.clock);
      router = createApi(core);
      if (restartOptions.start !== false) core.start();
    },
    async close() {
      core.close();
      await sshd.dispose();
      dir.remove();
    },
  };
  return fixture;
}

/**
 * A running codex run made by hand, with an empty events file in its run directory: what an
 * agent that just started leaves. The tests then write its output as the agent would.
 */
export async function handMadeRunningRun(
  f: RunFixture,
  name: string,
): Promise<{ run: Dispatch; dir: string }> {
  const task = await f.newTask(name);
  const run = f.core.repos.dispatches.create({
    taskId: task.id,
    runnerId: f.runner.id,
    agent: 'codex',
    runDir: `${f.runner.workspaceRoot}/${name}/dispatches/run`,
    worktreePath: `${f.runner.workspaceRoot}/${name}/worktrees/run`,
    branch: `sortie/${name}`,
  });
  f.core.repos.dispatches.update(run.id, { status: 'preparing' });
  f.core.repos.dispatches.update(run.id, { status: 'running' });
  const dir = f.remotePath(run.runDir);
  f.sshd.runAsUser(['mkdir', '-p', dir]);
  f.sshd.runAsUser(['bash', '-c', 'echo running >"$1/status.txt"; : >"$1/events.jsonl"', 'x', dir]);
  return { run, dir };
}
