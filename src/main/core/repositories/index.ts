import { createAutomationRepository, type AutomationRepository } from './automation';
import { createChainRepository, type ChainRepository } from './chains';
import type { Db, RepositoryDeps } from './deps';
import { createDispatchRepository, type DispatchRepository } from './dispatches';
import { createProjectRepository, type ProjectRepository } from './projects';
import { createReviewRepository, type ReviewRepository } from './reviews';
import { createRunEventRepository, type RunEventRepository } from './run-events';
import { createRunnerRepository, type RunnerRepository } from './runners';
import { createSecretRepository, type SecretRepository } from './secrets';
import { createSettingsRepository, type SettingsRepository } from './settings';
import { createTaskRepository, type TaskRepository } from './tasks';

export interface Repositories {
  projects: ProjectRepository;
  tasks: TaskRepository;
  runners: RunnerRepository;
  secrets: SecretRepository;
  dispatches: DispatchRepository;
  chains: ChainRepository;
  automation: AutomationRepository;
  runEvents: RunEventRepository;
  reviews: ReviewRepository;
  settings: SettingsRepository;
}

export function createRepositories(db: Db, deps: RepositoryDeps): Repositories {
  return {
    projects: createProjectRepository(db, deps),
    tasks: createTaskRepository(db, deps),
    runners: createRunnerRepository(db, deps),
    secrets: createSecretRepository(db),
    dispatches: createDispatchRepository(db, deps),
    chains: createChainRepository(db, deps),
    automation: createAutomationRepository(db, deps),
    runEvents: createRunEventRepository(db, deps),
    reviews: createReviewRepository(db, deps),
    settings: createSettingsRepository(db),
  };
}

export type { Db, RepositoryDeps } from './deps';
export type { AutomationRepository, PullRequestMarks } from './automation';
export type { ChainPatch, ChainRepository, EvalOutcome, StoredChain } from './chains';
export type { DispatchCreate, DispatchPatch, DispatchRepository, RunOwnerRef } from './dispatches';
export type { ProjectRepository, ProjectWrite } from './projects';
export type { ReviewCreate, ReviewPatch, ReviewRepository, StoredReview } from './reviews';
export type { RunEventEntry, RunEventRepository } from './run-events';
export type { RunnerRepository, RunnerWrite } from './runners';
export type { SecretRepository, StoredSecret } from './secrets';
export type { SettingsRepository } from './settings';
export type { TaskCreate, TaskListFilter, TaskPatch, TaskRepository } from './tasks';
