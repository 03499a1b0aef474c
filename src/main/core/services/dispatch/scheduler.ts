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
}

/**
 * Queued runs start when their runner has a free slot (its maximum of concurrent runs),
 * highest task priority first, then oldest. Paused, nothing new starts.
 */
export function createScheduler(deps: {
  repos: Pick<Repositories, 'dispatches' | 'runners'>;
  launch: (dispatchId: string) => Promise<void>;
  /** A queued run whose runner was removed: it can never start. */
  onOrphaned: (dispatchId: string) => void;
  logger: Logger;
}): Scheduler {
  const { repos, logger } = deps;
  const launching = new Map<string, Promise<void>>();
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
      const run = deps
        .launch(dispatch.id)
        .catch((error: unknown) =>
          logger.error('launch crashed', { dispatchId: dispatch.id, error: String(error) }),
        )
        .finally(() => {
          launching.delete(dispatch.id);
          // A finished launch may have freed a slot (a failed launch ends the run).
          scheduler.kick();
        });
      launching.set(dispatch.id, run);
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
        await Promise.all([...launching.values()]);
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
  return scheduler;
}
