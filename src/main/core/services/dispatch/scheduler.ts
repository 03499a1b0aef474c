import type { Logger } from '../../logger';
import type { Repositories } from '../../repositories';

export interface Scheduler {
  /** Starts queued runs that fit their runner's free slots; safe to call any time. */
  kick(): void;
  pause(): void;
  resume(): void;
  /** For good: the core is closing (its database with it), so nothing may start or be read after. */
  stop(): void;
  readonly paused: boolean;
  /** Resolves once every launch started so far has finished its launch phases (for tests). */
  idle(): Promise<void>;
  /** Whether the run's launch is in progress (from its start here to its end). */
  isLaunching(dispatchId: string): boolean;
  /** Stops the run's launch, if one is in progress: the step under way stops on the runner. */
  stopLaunch(dispatchId: string): void;
}

/** A launch in progress: how it ends, and what stops it. */
interface Launch {
  done: Promise<void>;
  stop: AbortController;
}

/**
 * Queued runs start when their runner has a free slot (its maximum of concurrent runs),
 * highest task priority first, then oldest. Paused, nothing new starts.
 */
export function createScheduler(deps: {
  repos: Pick<Repositories, 'dispatches' | 'runners'>;
  /** Takes the run through its launch phases; `stop` is aborted by stopLaunch. */
  launch: (dispatchId: string, stop: AbortSignal) => Promise<void>;
  /** A queued run whose runner was removed: it can never start. */
  onOrphaned: (dispatchId: string) => void;
  logger: Logger;
}): Scheduler {
  const { repos, logger } = deps;
  /** The one registry of runs being launched. */
  const launching = new Map<string, Launch>();
  let paused = false;
  let pending = false;
  let stopped = false;

  function startEligible() {
    pending = false;
    if (paused || stopped) return;
    const busy = new Map<string, number>();
    for (const dispatch of repos.dispatches.listQueued()) {
      if (launching.has(dispatch.id)) continue;
      const runner = dispatch.runnerId ? repos.runners.get(dispatch.runnerId) : null;
      if (!runner) {
        deps.onOrphaned(dispatch.id);
        continue;
      }
      const used =
        busy.get(runner.id) ?? repos.dispatches.countBusy(runner.id) + countLaunchingQueued(runner.id);
      if (used >= runner.maxConcurrent) {
        busy.set(runner.id, used);
        continue;
      }
      busy.set(runner.id, used + 1);
      // Registered before it begins: the launch's first steps run at once and may end the run.
      const launch: Launch = { done: Promise.resolve(), stop: new AbortController() };
      launching.set(dispatch.id, launch);
      launch.done = deps
        .launch(dispatch.id, launch.stop.signal)
        .catch((error: unknown) =>
          logger.error('launch crashed', { dispatchId: dispatch.id, error: String(error) }),
        )
        .finally(() => {
          launching.delete(dispatch.id);
          // A finished launch may have freed a slot (a failed launch ends the run).
          scheduler.kick();
        });
    }
  }

  // Launches whose run is still 'queued' in the database (before their first phase) hold a slot too.
  function countLaunchingQueued(runnerId: string): number {
    let count = 0;
    for (const id of launching.keys()) {
      const d = repos.dispatches.get(id);
      if (d && d.runnerId === runnerId && d.status === 'queued') count++;
    }
    return count;
  }

  const scheduler: Scheduler = {
    kick() {
      if (pending || stopped) return;
      pending = true;
      queueMicrotask(startEligible);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      scheduler.kick();
    },
    stop() {
      stopped = true;
    },
    get paused() {
      return paused;
    },
    async idle() {
      while (launching.size > 0 || pending) {
        await Promise.all([...launching.values()].map((launch) => launch.done));
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    isLaunching: (dispatchId) => launching.has(dispatchId),
    stopLaunch(dispatchId) {
      launching.get(dispatchId)?.stop.abort();
    },
  };
  return scheduler;
}
