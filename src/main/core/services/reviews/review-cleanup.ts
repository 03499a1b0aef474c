import type { Dispatch } from '@shared/contract';
import { reviewBranchName } from '@shared/domain/dispatch';
import { cleanupTask, workspaceOfRunPath, type RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';

/**
 * Removes a review's traces on every runner its runs used: stops runs still going, removes their
 * worktrees, run directories and local review branches. Each run's workspace is read from its own
 * paths, which must be exactly ones Sortie lays out for that run (so a removed or renamed project
 * does not hide them); the runner refuses any path outside its workspace root. Answers why some
 * traces were left (runs whose paths are not Sortie's), or null; throws the first remote error
 * after trying every runner.
 */
export async function removeReviewTraces(
  deps: { repos: Repositories; pool: RemotePool },
  runs: readonly Dispatch[],
): Promise<string | null> {
  const left: string[] = [];
  // Per runner and checkout: what to remove there.
  const work = new Map<
    string,
    { runnerId: string; checkout: string; worktrees: string[]; runDirs: string[]; branches: string[] }
  >();
  for (const run of runs) {
    const runner = run.runnerId ? deps.repos.runners.get(run.runnerId) : null;
    if (!runner) continue;
    const root = runner.workspaceRoot;
    const byRunDir = run.runDir ? workspaceOfRunPath(root, run.id, run.runDir, 'runDir') : null;
    const byWorktree = run.worktreePath
      ? workspaceOfRunPath(root, run.id, run.worktreePath, 'worktree')
      : null;
    const workspace = byRunDir ?? byWorktree;
    if (!workspace) {
      if (run.runDir || run.worktreePath) left.push(run.id);
      continue;
    }
    const key = `${runner.id}\n${workspace.checkout}`;
    const entry = work.get(key) ?? {
      runnerId: runner.id,
      checkout: workspace.checkout,
      worktrees: [],
      runDirs: [],
      branches: [],
    };
    if (byRunDir) entry.runDirs.push(run.runDir);
    if (byWorktree) entry.worktrees.push(run.worktreePath);
    if (run.branch === reviewBranchName(run.id)) entry.branches.push(run.branch);
    work.set(key, entry);
  }
  let firstError: unknown = null;
  for (const entry of work.values()) {
    const runner = deps.repos.runners.get(entry.runnerId)!;
    try {
      await cleanupTask(deps.pool.host(runner), 'delete', {
        workspaceRoot: runner.workspaceRoot,
        checkout: entry.checkout,
        worktrees: entry.worktrees,
        runDirs: entry.runDirs,
        branches: entry.branches,
      });
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return left.length > 0
    ? `The paths of run${left.length === 1 ? '' : 's'} ${left.join(', ')} are not where Sortie lays out runs, so they were left alone.`
    : null;
}
