import type { Dispatch, Project, Runner } from '@shared/contract';
import { AppError, notFound } from '../../errors';
import { buildReviewPrompt, buildTaskPrompt, REVIEW_RESULT_SCHEMA, TASK_RESULT_SCHEMA } from '../../prompts';
import { projectWorkspace, reviewWorkspace, type ProjectWorkspace, type StartRunRequest } from '../../remote';
import type { Repositories } from '../../repositories';
import { parseGithubRepository } from './github-repository';
import { loadRunContext, runnerFor } from './prerequisites';
import { projectCheckout, trustedWorktree } from './run-paths';

/**
 * What launching one run takes, whatever its kind: where its checkout is and what it clones,
 * how its worktree is prepared, and its prompt and result schema. The launch phases
 * (launch.ts) are the same for every kind; only this plan differs.
 */
export interface LaunchPlan {
  runner: Runner;
  /** The project a run belongs to: its registry entry and its maximum run time. */
  project: Project | null;
  checkout: string;
  source: { repoUrl: string; repositoryName: string; gitUrl: string; baseBranch: string };
  /** Registry entry name (the project's), or null for a review workspace (not registered). */
  registryName: string | null;
  /** The script that lays out the run's worktree, and its arguments. */
  worktreeStep(workspaceRoot: string): StartRunRequest['worktreeStep'];
  /** Built after the worktree is ready (the phase that uploads it reads the newest state). */
  prompt(): string;
  resultSchema: string;
}

export function planLaunch(repos: Repositories, dispatch: Dispatch): LaunchPlan {
  return dispatch.kind === 'review' ? planReview(repos, dispatch) : planTask(repos, dispatch);
}

function planTask(repos: Repositories, dispatch: Dispatch): LaunchPlan {
  const { task, project, runner, repository } = loadRunContext(repos, dispatch.taskId!, dispatch.runnerId);
  // A follow-up continues its base run's worktree, in the checkout that worktree belongs to.
  const worktree = dispatch.followUpRequest
    ? trustedWorktree(runner, project, dispatch, repos.dispatches.listForTask(task.id))
    : { worktreePath: dispatch.worktreePath, checkout: projectCheckout(runner, project) };
  if (!worktree) {
    throw new AppError(
      'CONFLICT',
      `The worktree ${dispatch.worktreePath} of the run this follows up is not one Sortie laid out on ${runner.name}, so it is not touched. Start a new run instead.`,
    );
  }
  return {
    runner,
    project,
    checkout: worktree.checkout,
    source: {
      repoUrl: project.repoUrl,
      repositoryName: repository.name,
      gitUrl: project.gitUrl,
      baseBranch: project.baseBranch,
    },
    registryName: project.name,
    worktreeStep(workspaceRoot) {
      // A follow-up reuses (or recreates) its base run's worktree; a new run gets a fresh one.
      return dispatch.followUpRequest
        ? {
            script: 'restore-worktree',
            args: [workspaceRoot, worktree.checkout, dispatch.branch, dispatch.worktreePath],
          }
        : {
            script: 'prepare-worktree',
            args: [
              workspaceRoot,
              worktree.checkout,
              project.baseBranch,
              dispatch.branch,
              dispatch.worktreePath,
            ],
          };
    },
    prompt() {
      const current = repos.dispatches.get(dispatch.id) ?? dispatch;
      const detail = repos.tasks.getDetail(task.id)!;
      return buildTaskPrompt({
        project: {
          name: project.name,
          repoUrl: project.repoUrl,
          gitUrl: project.gitUrl,
          baseBranch: project.baseBranch,
          description: project.description,
        },
        task: { title: task.title, summary: task.summary, note: task.note },
        branch: current.branch,
        worktreePath: current.worktreePath,
        pullRequestUrl: current.pullRequestUrl,
        followUps: earlierFollowUps(detail.followUps, current),
        currentFollowUp: current.followUpRequest || null,
      });
    },
    resultSchema: TASK_RESULT_SCHEMA,
  };
}

/**
 * Where a review's runs live on a runner: the checkout of the project that has the repository,
 * else the review workspace of its key. Null when neither can be named.
 */
export function reviewWorkspaceOn(
  repos: Pick<Repositories, 'projects'>,
  runner: Runner,
  review: { projectId: string | null; workspaceKey: string },
): { workspace: ProjectWorkspace; project: Project | null } | null {
  const project = review.projectId ? repos.projects.get(review.projectId) : null;
  if (project) return { workspace: projectWorkspace(runner.workspaceRoot, project.name), project };
  if (review.workspaceKey === '') return null;
  return { workspace: reviewWorkspace(runner.workspaceRoot, review.workspaceKey), project: null };
}

function planReview(repos: Repositories, dispatch: Dispatch): LaunchPlan {
  const review = dispatch.reviewId ? repos.reviews.get(dispatch.reviewId) : null;
  if (!review) throw notFound('Review', dispatch.reviewId ?? '');
  const runner = runnerFor(repos, dispatch.runnerId);
  const place = reviewWorkspaceOn(repos, runner, review);
  // The run's paths were computed from this workspace when it was queued; anything else is not touched.
  if (!place || place.workspace.worktree(dispatch.id) !== dispatch.worktreePath) {
    throw new AppError(
      'CONFLICT',
      `The worktree ${dispatch.worktreePath} is not where Sortie lays out this review on ${runner.name} (was the project removed?). Re-review to start afresh.`,
    );
  }
  const { workspace, project } = place;
  const source = project
    ? { repoUrl: project.repoUrl, gitUrl: project.gitUrl, baseBranch: project.baseBranch }
    : { repoUrl: review.repoUrl, gitUrl: review.gitUrl, baseBranch: review.baseBranch };
  return {
    runner,
    project,
    checkout: workspace.checkout,
    source: { ...source, repositoryName: parseGithubRepository(source.repoUrl).name },
    registryName: project ? project.name : null,
    worktreeStep(workspaceRoot) {
      return {
        script: 'prepare-review-worktree',
        args: [
          workspaceRoot,
          workspace.checkout,
          String(review.pullRequestNumber),
          dispatch.branch,
          dispatch.worktreePath,
          dispatch.headSha,
        ],
      };
    },
    prompt() {
      const current = repos.dispatches.get(dispatch.id) ?? dispatch;
      const previous = repos.dispatches
        .listForReview(review.id)
        .find(
          (run) =>
            run.id !== current.id && run.reviewSubmitted && (run.githubReviewUrl || run.githubReviewId),
        );
      return buildReviewPrompt({
        pullRequest: {
          url: review.pullRequestUrl,
          title: review.title,
          repository: review.repository,
          repoUrl: review.repoUrl,
          baseBranch: review.baseBranch,
        },
        projectDescription: project?.description ?? '',
        branch: current.branch,
        worktreePath: current.worktreePath,
        pinnedCommit: current.headSha,
        mainUser: review.mainUser,
        defaultInstructions: repos.settings.get().defaultReviewPrompt,
        extraInstructions: review.extraInstructions,
        request: current.followUpRequest,
        previousReview: previous
          ? { url: previous.githubReviewUrl, id: previous.githubReviewId, pinnedCommit: previous.headSha }
          : null,
      });
    },
    resultSchema: REVIEW_RESULT_SCHEMA,
  };
}

/** Follow-ups asked before this run; the one this run answers is shown separately. */
function earlierFollowUps(
  all: readonly { request: string; createdAt: string }[],
  dispatch: Dispatch,
): { request: string; createdAt: string }[] {
  const before = all.filter((f) => f.createdAt <= dispatch.createdAt).map((f) => ({ ...f }));
  if (dispatch.followUpRequest && before.at(-1)?.request === dispatch.followUpRequest) before.pop();
  return before;
}
