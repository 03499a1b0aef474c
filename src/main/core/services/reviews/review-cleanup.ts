import type { Dispatch } from '@shared/contract';
import { reviewBranchName } from '@shared/domain/dispatch';
import { cleanupTask, type RemotePool } from '../../remote';
import type { Repositories, StoredReview } from '../../repositories';
import { reviewWorkspaceOn } from '../dispatch/launch-plan';

/**
 * Removes a review's traces on every runner its runs used: stops runs still going, removes their
 * worktrees, run directories and local review branches. Only paths and branches Sortie computed
 * for these runs are passed on, and the runner refuses any path outside its workspace root.
 * Throws the first remote error after trying every runner.
 */
export async function removeReviewTraces(
  deps: { repos: Repositories; pool: RemotePool },
  review: StoredReview,
  runs: readonly Dispatch[],
): Promise<void> {
  const byRunner = new Map<string, Dispatch[]>();
  for (const run of runs) {
    if (run.runnerId) byRunner.set(run.runnerId, [...(byRunner.get(run.runnerId) ?? []), run]);
  }
  let firstError: unknown = null;
  for (const [runnerId, own] of byRunner) {
    const runner = deps.repos.runners.get(runnerId);
    const place = runner ? reviewWorkspaceOn(deps.repos, runner, review) : null;
    if (!runner || !place) continue;
    const { workspace } = place;
    try {
      await cleanupTask(deps.pool.host(runner), 'delete', {
        workspaceRoot: runner.workspaceRoot,
        checkout: workspace.checkout,
        worktrees: own
          .filter((run) => run.worktreePath === workspace.worktree(run.id))
          .map((run) => run.worktreePath),
        runDirs: own.filter((run) => run.runDir === workspace.runDir(run.id)).map((run) => run.runDir),
        branches: own.filter((run) => run.branch === reviewBranchName(run.id)).map((run) => run.branch),
      });
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
}
