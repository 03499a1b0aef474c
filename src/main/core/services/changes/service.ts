import type { BranchChanges } from '@shared/contract';
import { hasWorktreeToShow } from '@shared/domain/dispatch';
import { AppError, notFound } from '../../errors';
import { readWorktreeChanges, type RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';

/** The diff shown is cut here: past it the view says so (the files list stays complete). */
export const CHANGES_PATCH_CAP_BYTES = 2 * 1024 * 1024;

/**
 * What a run's branch changed (issue 12, the Changes view): read from the run's worktree on its
 * runner, against the base branch it was made from (the project's; a review's pull request base).
 */
export function createChangesService(deps: { repos: Repositories; pool: RemotePool }) {
  const { repos, pool } = deps;

  function baseBranchOf(run: {
    kind: string;
    taskId: string | null;
    reviewId: string | null;
    projectId: string | null;
  }) {
    if (run.kind === 'review' && run.reviewId) return repos.reviews.get(run.reviewId)?.baseBranch ?? null;
    const projectId = run.projectId ?? (run.taskId ? repos.tasks.get(run.taskId)?.projectId : null);
    return projectId ? (repos.projects.get(projectId)?.baseBranch ?? null) : null;
  }

  return {
    async read(runId: string): Promise<BranchChanges> {
      const run = repos.dispatches.get(runId);
      if (!run) throw notFound('Run', runId);
      if (!hasWorktreeToShow(run) || run.branch === '') {
        throw new AppError('CONFLICT', 'This run has no worktree yet: its changes show once it is prepared.');
      }
      const runner = run.runnerId ? repos.runners.get(run.runnerId) : null;
      if (!runner)
        throw new AppError('CONFLICT', 'The runner of this run was removed, so its worktree cannot be read.');
      const baseBranch = baseBranchOf(run);
      if (!baseBranch)
        throw new AppError(
          'CONFLICT',
          'The project of this run was removed: there is no base to compare with.',
        );
      const changes = await readWorktreeChanges(
        pool.host(runner),
        { workspaceRoot: runner.workspaceRoot, worktree: run.worktreePath, baseBranch },
        CHANGES_PATCH_CAP_BYTES,
      );
      const base = { runId, branch: run.branch, baseBranch };
      if (!changes) {
        return {
          ...base,
          baseSha: '',
          headSha: '',
          worktreeGone: true,
          files: [],
          patch: '',
          patchTruncated: false,
          commits: [],
        };
      }
      return { ...base, worktreeGone: false, ...changes };
    },
  };
}

export type ChangesService = ReturnType<typeof createChangesService>;
