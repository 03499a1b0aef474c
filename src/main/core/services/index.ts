import type { EventBus } from '../events';
import type { KnownHostsStore, RemotePool } from '../remote';
import type { Repositories } from '../repositories';
import { createDispatchService } from './dispatches';
import { createProjectService } from './projects';
import { createReviewService } from './reviews';
import { createRunnerCheckService } from './runner-check';
import { createRunnerService } from './runners';
import { createSettingsService } from './settings';
import { createTaskService } from './tasks';

export interface ServiceDeps {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  knownHosts: KnownHostsStore;
  importedKeyPath(runnerId: string): string;
}

export function createServices(deps: ServiceDeps) {
  return {
    projects: createProjectService(deps),
    tasks: createTaskService(deps),
    runners: createRunnerService(deps),
    runnerChecks: createRunnerCheckService(deps),
    dispatches: createDispatchService(deps),
    reviews: createReviewService(deps),
    settings: createSettingsService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
