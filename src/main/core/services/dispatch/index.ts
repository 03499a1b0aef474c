import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import type { IdSource } from '../../ids';
import type { Logger } from '../../logger';
import type { RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { TaskService } from '../tasks';
import { launchDispatch } from './launch';
import { createMaintenanceService } from './maintenance';
import { createChains, type Chains } from '../iterate/chains';
import { createRunMonitor, DEFAULT_MONITOR_TIMING, type MonitorTiming } from './monitor';
import { createDispatchRecorder } from './recorder';
import { createScheduler } from './scheduler';
import { createDispatchService } from './service';
import { createStartGate } from './start-gate';
import { createTaskLifecycle } from './task-lifecycle';

export interface RunsDeps {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  tasks: TaskService;
  monitorTiming?: Partial<MonitorTiming>;
}

/** Everything about runs, wired together: queue, scheduler, launch, monitor, cleanup. */
export function createRuns(deps: RunsDeps) {
  const recorder = createDispatchRecorder(deps.repos, deps.bus, deps.logger);
  const gate = createStartGate();
  const workspaceGate = createStartGate();
  const scheduler = createScheduler({
    repos: deps.repos,
    logger: deps.logger,
    onOrphaned: (id) =>
      recorder.update(id, {
        status: 'failed',
        summary: 'The runner of this run was removed before it could start.',
        errorText: 'Queue the task again on another runner.',
        finishedAt: deps.clock.now().toISOString(),
      }),
    launch: (id, stop) =>
      launchDispatch(
        { ...deps, recorder, workspaceGate, onAnswerLost: (lost) => monitor.launchAnswerLost(lost) },
        id,
        stop,
      ),
  });
  const monitor = createRunMonitor({
    ...deps,
    recorder,
    isLaunching: (id) => scheduler.isLaunching(id),
    timing: deps.monitorTiming,
  });
  // The chains need the dispatch service to queue iterations, and it needs them to cancel one.
  let chains: Chains | null = null;
  const dispatches = createDispatchService({
    ...deps,
    recorder,
    gate,
    scheduler,
    monitor,
    onChainChanged: (id) => chains?.publish(id),
    chains: {
      activeFor: (taskId) => chains?.activeFor(taskId) ?? null,
      endForTask: (taskId, why) => chains?.endForTask(taskId, why) ?? null,
    },
  });
  chains = createChains({
    ...deps,
    recorder,
    dispatches,
    intervalMs: { ...DEFAULT_MONITOR_TIMING, ...deps.monitorTiming }.intervalMs,
  });
  const lifecycle = createTaskLifecycle({
    ...deps,
    recorder,
    gate,
    endChains: (taskId, why) => void chains?.endForTask(taskId, why),
  });
  const maintenance = createMaintenanceService({ ...deps, recorder, workspaceGate });

  // A run that ends frees its slot for the next queued run, however it ended; one that ends while
  // it is being launched (a cancel) stops its launch's step on the runner.
  recorder.onFinal((run) => {
    scheduler.stopLaunch(run.id);
    scheduler.kick();
  });

  return {
    dispatches,
    lifecycle,
    maintenance,
    scheduler,
    monitor,
    chains,
    /** For other kinds of runs (reviews): the same recorder and per-owner start gate. */
    recorder,
    gate,
    setPaused(paused: boolean): { paused: boolean } {
      if (paused) scheduler.pause();
      else scheduler.resume();
      deps.bus.publish('queue.changed', { paused });
      return { paused };
    },
    /** Starts the background work: queued runs, and reconciliation at start and on a timer. */
    start() {
      scheduler.kick();
      monitor.start();
      chains!.start();
    },
    stop() {
      scheduler.stop();
      monitor.stop();
      void chains!.stop();
    },
  };
}

export type Runs = ReturnType<typeof createRuns>;
