import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { IdSource } from '../ids';
import type { Logger } from '../logger';
import type { SecretBox } from '../secret-cipher';
import { createRuns } from './dispatch';
import type { MonitorTiming } from './dispatch/monitor';
import type { KnownHostsStore, RemotePool } from '../remote';
import type { Repositories } from '../repositories';
import { createProjectService } from './projects';
import { createReviewService } from './reviews/service';
import { createAutomation } from './automation/service';
import { createCaptureService } from './capture';
import { createChangesService } from './changes/service';
import { createTerminalService } from './terminals/service';
import { createNotifier } from './notifications';
import { createRunnerCheckService } from './runner-check';
import { createRunnerHealthService } from './runner-health';
import { createRunnerService } from './runners';
import { createSettingsService } from './settings';
import { createTaskService } from './tasks';

export interface ServiceDeps {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  knownHosts: KnownHostsStore;
  importedKeyPath(runnerId: string): string;
  secretBox: SecretBox;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  monitorTiming?: Partial<MonitorTiming>;
}

export function createServices(deps: ServiceDeps) {
  const tasks = createTaskService(deps);
  const runs = createRuns({ ...deps, tasks });
  createNotifier({ ...deps, recorder: runs.recorder });
  const automation = createAutomation({
    ...deps,
    dispatches: runs.dispatches,
    closeTask: (taskId) => runs.lifecycle.update({ id: taskId, status: 'closed' }),
  });
  return {
    automation,
    projects: createProjectService(deps),
    tasks,
    runs,
    changes: createChangesService(deps),
    terminals: createTerminalService(deps),
    capture: createCaptureService({ repos: deps.repos, tasks, dispatches: runs.dispatches }),
    runners: createRunnerService(deps),
    runnerChecks: createRunnerCheckService(deps),
    runnerHealth: createRunnerHealthService(deps),
    reviews: createReviewService({
      ...deps,
      recorder: runs.recorder,
      gate: runs.gate,
      scheduler: runs.scheduler,
      monitor: runs.monitor,
    }),
    settings: createSettingsService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
