import type { Dispatch } from '@shared/contract';
import { holdsRunnerSlot, isTerminalDispatch, RESULT_GRACE_MS } from '@shared/domain/dispatch';
import { adapterFor } from '../../agents';
import { hasElapsed, isoNow, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { EventBus } from '../../events';
import type { Logger } from '../../logger';
import { pollRuns, type RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import { ingestOutput, OUTPUT_CAP_BYTES, recordSkipped } from './output';
import { createOutputFollowers } from './output-follower';
import type { DispatchRecorder } from './recorder';
import { createRunLimits } from './run-limits-watch';
import { DEFAULT_LIMITS, describeDuration, maxRunMs } from './run-limits';
import { reconcileFromSnapshot } from './snapshot';

export interface MonitorTiming {
  /** Between polls while runs are active. */
  intervalMs: number;
  /** Between polls of a runner while someone watches one of its runs. */
  watchedIntervalMs: number;
  /**
   * Between polls of a runner whose follower is up: its output and state changes are pushed, so
   * the poll is only the check of truth (a launcher that died, a run directory that went away).
   */
  followedIntervalMs: number;
  /** Whether runners' output is pushed by a follower (off: polls only). */
  follow: boolean;
  /** How long a watch lasts without being renewed. */
  watchTtlMs: number;
  maxEventBytesPerPoll: number;
  stderrTailBytes: number;
  /** How long an agent that wrote a valid result may go on before it is stopped. */
  resultGraceMs: number;
}

export const DEFAULT_MONITOR_TIMING: MonitorTiming = {
  intervalMs: 2_000,
  watchedIntervalMs: 250,
  followedIntervalMs: 3_000,
  follow: true,
  watchTtlMs: 30_000,
  maxEventBytesPerPoll: 512 * 1024,
  stderrTailBytes: 16 * 1024,
  resultGraceMs: RESULT_GRACE_MS,
};

/** How a run whose launch was cut off before its agent started is failed, by what cut it off. */
const INTERRUPTED_LAUNCH = {
  restart: {
    summary: 'Sortie stopped while this run was being prepared, before its agent started.',
    errorText: 'The preparation was interrupted. Run the task again.',
  },
  lost: {
    summary: 'The launch was cut off before its agent started.',
    errorText:
      'The connection to the runner broke as the agent was being started, and the runner shows that it never started. Run it again.',
  },
} as const;

export interface RunMonitor {
  /** Polls every runner with active runs once (all of a runner's runs in one remote call). */
  tick(): Promise<void>;
  /**
   * Polls the runner of the active run among `history` (a task's or a review's runs), if any;
   * connection problems are not thrown.
   */
  refreshActive(history: readonly Dispatch[]): Promise<void>;
  watch(dispatchId: string, watching: boolean): void;
  /**
   * The launch of a run lost its answer after Sortie said `go` (the connection or the worker
   * broke): its runner is polled at once, and that poll decides from the run directory. A
   * launcher that recorded itself goes on as usual; none, and the run fails then, with its launch
   * lock taken so nothing can start it later, instead of waiting out the 30-minute limit.
   */
  launchAnswerLost(dispatchId: string): void;
  start(): void;
  stop(): void;
}

/**
 * Keeps local run state honest: reads each runner's active runs (state files and new agent
 * output) on a timer, faster for watched runs, applies the reconciliation rules, and releases
 * runs as blocked when their runner cannot be reached, recovering them when it answers again.
 */
export function createRunMonitor(deps: {
  repos: Repositories;
  recorder: DispatchRecorder;
  bus: EventBus;
  pool: RemotePool;
  clock: Clock;
  logger: Logger;
  isLaunching(dispatchId: string): boolean;
  timing?: Partial<MonitorTiming>;
}): RunMonitor {
  const timing = { ...DEFAULT_MONITOR_TIMING, ...deps.timing };
  const { repos, recorder, pool, clock, logger } = deps;
  const watched = new Map<string, number>();
  const polling = new Map<string, Promise<void>>();
  const lastPolled = new Map<string, number>();
  /**
   * Runs preparing with no launch left to answer for them, by why: each is decided by the first
   * poll that began after it was noted (one already out may have read the run directory before
   * the launcher recorded itself).
   */
  const interrupted = new Map<string, { why: 'restart' | 'lost'; pollsBefore: number }>();
  /** Polls begun so far, over all runners. */
  let pollsBegun = 0;
  /** Runners to poll again as soon as their poll in flight ends (something changed meanwhile). */
  const again = new Set<string>();
  const limits = createRunLimits({ ...deps, resultGraceMs: timing.resultGraceMs });
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  function release(dispatch: Dispatch, reason: string, canComeBack: boolean) {
    if (deps.isLaunching(dispatch.id)) return;
    if (dispatch.status === 'blocked') {
      // A released run whose runner is gone has nothing left to wait for: the release is final.
      const final = !canComeBack && dispatch.released;
      if (dispatch.errorText === reason && !final) return;
      // Made final, the run is announced by the recorder like any run that ends.
      recorder.update(dispatch.id, {
        errorText: reason,
        ...(final ? { released: false } : {}),
      });
      return;
    }
    recorder.update(dispatch.id, {
      status: 'blocked',
      released: canComeBack,
      summary: canComeBack
        ? 'Released: the runner could not be reached. Its real outcome is recorded when it answers again.'
        : 'Released: the runner of this run is no longer configured.',
      errorText: reason,
      finishedAt: isoNow(clock),
    });
    recorder.note(dispatch.id, 'note', { level: 'warning', text: reason });
  }

  /** Polls a runner's runs; true when output is still waiting there (read it again at once). */
  async function pollRunner(runnerId: string | null, runs: Dispatch[]): Promise<boolean> {
    const runner = runnerId ? repos.runners.get(runnerId) : null;
    if (!runner) {
      for (const run of runs) release(run, 'The runner of this run was removed.', false);
      return false;
    }
    const withDirs = runs.filter((r) => r.runDir !== '');
    if (withDirs.length === 0) return false;
    const offsets = withDirs.map((r) => repos.dispatches.getOutputOffset(r.id) ?? 0);
    const pollNumber = ++pollsBegun;
    let polled;
    try {
      polled = await pollRuns(
        pool.host(runner),
        withDirs.map((run, i) => ({ runDir: run.runDir, eventsOffset: offsets[i]! })),
        {
          maxEventBytes: timing.maxEventBytesPerPoll,
          stderrTailBytes: timing.stderrTailBytes,
          keepBytes: OUTPUT_CAP_BYTES,
        },
        () => clock.now().getTime(),
      );
    } catch (error) {
      const reason = error instanceof AppError ? error.message : String(error);
      for (const run of withDirs) release(run, reason, true);
      return false;
    }
    let more = false;
    withDirs.forEach((run, i) => {
      const current = repos.dispatches.get(run.id);
      if (!current) return;
      // It changed while the poll was out (its launch ended): what was read may be from before
      // (no run directory yet, for a run now running). The next poll, at once, tells.
      if (current.status !== run.status) {
        more = true;
        return;
      }
      const snapshot = polled[i]!;
      const adapter = adapterFor(current.agent);
      let drained = true;
      let from = offsets[i]!;
      // Older output was skipped on the runner: a marker says how much, the offset moves past it.
      if (snapshot.eventsFrom !== null) {
        recordSkipped(deps, current.id, from, snapshot.eventsFrom);
        from = snapshot.eventsFrom;
      }
      if (snapshot.events) {
        drained = ingestOutput(
          deps,
          current.id,
          adapter,
          from,
          snapshot.events,
          timing.maxEventBytesPerPoll,
          snapshot.eventsWrittenAt,
        ).drained;
      }
      if (!drained) more = true;
      const noted = interrupted.get(current.id);
      if (noted && noted.pollsBefore < pollNumber) {
        interrupted.delete(current.id);
        if (
          current.status === 'preparing' &&
          snapshot.status === 'none' &&
          (snapshot.missing || snapshot.unlaunched)
        ) {
          // The launch lock is taken, so a launch still on its way to the runner cannot start it.
          limits.lockOut(runner, current);
          recorder.update(current.id, {
            status: 'failed',
            ...INTERRUPTED_LAUNCH[noted.why],
            finishedAt: isoNow(clock),
          });
          return;
        }
      }
      const project = (current.projectId ? repos.projects.get(current.projectId) : null) ?? DEFAULT_LIMITS;
      const patch = reconcileFromSnapshot(current, snapshot, adapter, clock.now(), {
        storedResult: repos.dispatches.getAgentResult(current.id),
        maxRunTime: describeDuration(maxRunMs(project)),
      });
      if (patch) {
        // Output still waiting on the runner is read before the run is closed.
        if (patch.status && isTerminalDispatch(patch.status) && !drained) return;
        if (current.status === 'preparing' && deps.isLaunching(current.id) && patch.status !== 'failed')
          return;
        const updated = recorder.update(current.id, patch);
        // What may be left of a lost run (its agent, when only the launcher died) is stopped, and
        // a run given up before its launcher started can no longer be launched.
        const givenUp = current.released && snapshot.unlaunched && updated.status === 'failed';
        if (snapshot.status === 'lost' || givenUp) limits.lockOut(runner, updated);
        if (updated.status !== 'running') return;
      }
      // A launcher still in its prelude (no status yet) counts against the maximum run time too.
      if (snapshot.status === 'running' || (snapshot.status === 'none' && !snapshot.unlaunched))
        limits.check(runner, project, repos.dispatches.get(current.id)!, snapshot);
    });
    return more;
  }

  /**
   * At start no launch is in progress, so a run still preparing was interrupted by the app
   * stopping. If its launcher got going, the poll finds it running; otherwise it is failed at
   * the first poll rather than after the 30-minute limit.
   */
  function abandonInterruptedLaunches() {
    for (const run of repos.dispatches.listPollable()) {
      if (run.status === 'preparing' && !deps.isLaunching(run.id))
        interrupted.set(run.id, { why: 'restart', pollsBefore: pollsBegun });
    }
  }

  function pollGroup(runnerId: string | null, runs: Dispatch[]): Promise<void> {
    const key = runnerId ?? '';
    const existing = polling.get(key);
    if (existing) return existing;
    const work = pollRunner(runnerId, runs)
      .catch((error: unknown) => {
        logger.error('poll failed', { runnerId, error: String(error) });
        return false;
      })
      .then((more) => {
        polling.delete(key);
        lastPolled.set(key, clock.now().getTime());
        // Output still waiting, or a change heard of while this poll was out: at once, not a tick later.
        if ((more || again.delete(key)) && running) pollSoon(runnerId);
      });
    polling.set(key, work);
    return work;
  }

  /** Polls a runner now, or right after its poll in flight (which may have read too early). */
  function pollSoon(runnerId: string | null) {
    const key = runnerId ?? '';
    if (polling.has(key)) {
      again.add(key);
      return;
    }
    const runs = repos.dispatches.listPollable().filter((d) => d.runnerId === runnerId);
    if (runs.length > 0) void pollGroup(runnerId, runs);
  }

  const followers = createOutputFollowers({
    ...deps,
    chunkLimit: timing.maxEventBytesPerPoll,
    onChange: (runnerId) => {
      if (running) pollSoon(runnerId);
    },
  });

  function groups(): Map<string | null, Dispatch[]> {
    const byRunner = new Map<string | null, Dispatch[]>();
    for (const run of repos.dispatches.listPollable()) {
      const list = byRunner.get(run.runnerId);
      if (list) list.push(run);
      else byRunner.set(run.runnerId, [run]);
    }
    return byRunner;
  }

  function isWatched(runs: Dispatch[]): boolean {
    const now = clock.now().getTime();
    return runs.some((r) => (watched.get(r.id) ?? 0) > now);
  }

  // Each runner is polled on its own: a slow or unreachable runner never delays the others.
  function loop() {
    if (!running) return;
    const now = clock.now().getTime();
    const byRunner = groups();
    if (timing.follow) followers.sync(byRunner);
    for (const [runnerId, runs] of byRunner) {
      const key = runnerId ?? '';
      const interval =
        runnerId !== null && followers.following(runnerId)
          ? Math.max(timing.followedIntervalMs, timing.intervalMs)
          : isWatched(runs)
            ? timing.watchedIntervalMs
            : timing.intervalMs;
      if (!polling.has(key) && hasElapsed(now, lastPolled.get(key) ?? 0, interval))
        void pollGroup(runnerId, runs);
    }
    timer = setTimeout(loop, Math.min(timing.watchedIntervalMs, timing.intervalMs));
    timer.unref?.();
  }

  return {
    async tick() {
      await Promise.all([...groups()].map(([runnerId, runs]) => pollGroup(runnerId, runs)));
    },
    async refreshActive(history) {
      // A run released while its runner was unreachable is looked at too: it may be back.
      const active = history.find(holdsRunnerSlot);
      if (!active) return;
      const runs = repos.dispatches.listPollable().filter((d) => d.runnerId === active.runnerId);
      await pollGroup(active.runnerId, runs);
    },
    launchAnswerLost(dispatchId) {
      const run = repos.dispatches.get(dispatchId);
      if (!run || run.status !== 'preparing') return;
      interrupted.set(dispatchId, { why: 'lost', pollsBefore: pollsBegun });
      if (running) pollSoon(run.runnerId);
    },
    watch(dispatchId, watching) {
      if (watching) watched.set(dispatchId, clock.now().getTime() + timing.watchTtlMs);
      else watched.delete(dispatchId);
    },
    start() {
      if (running) return;
      running = true;
      abandonInterruptedLaunches();
      loop();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      followers.stop();
    },
  };
}
