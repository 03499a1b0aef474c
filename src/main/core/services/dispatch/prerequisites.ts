import type { Project, Runner, Task } from '@shared/contract';
import { AppError, notFound } from '../../errors';
import type { Repositories } from '../../repositories';
import { parseGithubRepository } from './github-repository';

export interface RunContext {
  task: Task;
  project: Project;
  runner: Runner;
  repository: { owner: string; name: string };
}

/**
 * What a run needs before it is queued and again before it launches: an open task, a project
 * with a GitHub repository URL, a git URL and a base branch, and a runner with a shell prelude.
 */
export function loadRunContext(
  repos: Pick<Repositories, 'tasks' | 'projects' | 'runners'>,
  taskId: string,
  runnerId: string | null | undefined,
): RunContext {
  const task = repos.tasks.get(taskId);
  if (!task) throw notFound('Task', taskId);
  if (task.status !== 'open') {
    throw new AppError('CONFLICT', `Task "${task.title}" is closed; reopen it to run it again.`);
  }
  const project = repos.projects.get(task.projectId);
  if (!project) throw notFound('Project', task.projectId);
  return { task, project, ...checkRunnable(repos, project, runnerId) };
}

/** The project and runner half of the checks, usable before a task exists (quick dispatch). */
export function checkRunnable(
  repos: Pick<Repositories, 'runners'>,
  project: Project,
  runnerId: string | null | undefined,
): { runner: Runner; repository: { owner: string; name: string } } {
  const missing = [
    project.repoUrl.trim() ? null : 'repository URL',
    project.gitUrl.trim() ? null : 'git URL',
    project.baseBranch.trim() ? null : 'base branch',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Project ${project.name} needs a ${missing.join(', ')} before a run can start. Edit the project.`,
      'projectId',
    );
  }
  const repository = parseGithubRepository(project.repoUrl);
  return { runner: runnerFor(repos, runnerId), repository };
}

/** The runner a run goes to (the default one unless named), ready to run agents. */
export function runnerFor(repos: Pick<Repositories, 'runners'>, runnerId: string | null | undefined): Runner {
  const runner = runnerId ? repos.runners.get(runnerId) : repos.runners.getDefault();
  if (!runner) {
    throw new AppError(
      'RUNNER_NOT_CONFIGURED',
      runnerId
        ? `Runner ${runnerId} does not exist any more. Pick another runner.`
        : 'No runner is set up yet. Add one on the Runners page.',
    );
  }
  if (runner.shellPrelude.trim() === '') {
    throw new AppError(
      'RUNNER_NOT_CONFIGURED',
      `Runner ${runner.name} has no shell prelude. Add the commands that put git, gh and the agent CLIs on PATH (Runners page).`,
    );
  }
  return runner;
}
