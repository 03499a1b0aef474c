import type { MaintenanceCleanupResult, Runner } from '@shared/contract';
import { isReleasedRun } from '@shared/domain/dispatch';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../errors';
import { cleanupOrphans, resetWorkspace, reviewWorkspace, type RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchRecorder } from './recorder';
import type { StartGate } from './start-gate';
import { cleanupTaskArtifacts, finalizeActiveRuns } from './task-cleanup';

/** Cleanup of unused remote artifacts and reset of a runner's workspace (BEHAVIOR item 10). */
export function createMaintenanceService(deps: {
  repos: Repositories;
  pool: RemotePool;
  recorder: DispatchRecorder;
  clock: Clock;
  /** Held while orphans are removed, so no launch prepares a worktree meanwhile. */
  workspaceGate: StartGate;
}) {
  const { repos, pool } = deps;

  /**
   * Every path a known run uses on this runner's workspace, except worktrees of closed tasks.
   * Runs of every runner entry that points at the same host and root count: they share it.
   */
  function keptPaths(runner: Runner): string[] {
    const sharing = new Set(
      repos.runners
        .list()
        .filter((r) => r.host === runner.host && r.workspaceRoot === runner.workspaceRoot)
        .map((r) => r.id),
    );
    const paths = new Set<string>();
    for (const task of repos.tasks.list({ includeClosed: true })) {
      for (const run of repos.dispatches.listForTask(task.id)) {
        if (!run.runnerId || !sharing.has(run.runnerId)) continue;
        if (run.runDir) paths.add(run.runDir);
        if (run.worktreePath && task.status === 'open') paths.add(run.worktreePath);
      }
    }
    // A review keeps its runs' worktrees and run directories, and its review workspace (if it
    // has one) as a whole; a workspace no review names any more is reclaimed.
    for (const review of repos.reviews.list()) {
      if (review.workspaceKey !== '')
        paths.add(reviewWorkspace(runner.workspaceRoot, review.workspaceKey).dir);
      for (const run of repos.dispatches.listForReview(review.id)) {
        if (!run.runnerId || !sharing.has(run.runnerId)) continue;
        if (run.runDir) paths.add(run.runDir);
        if (run.worktreePath) paths.add(run.worktreePath);
      }
    }
    return [...paths];
  }

  return {
    async cleanup(): Promise<MaintenanceCleanupResult> {
      const result: MaintenanceCleanupResult = {
        closedTasksCleaned: 0,
        reviewWorkspacesRemoved: 0,
        // Runs cannot outlive their task here (the database cascades), so none are ever missing.
        missingTasksCleaned: 0,
        worktreesRemoved: 0,
        runDirectoriesRemoved: 0,
        runnersSkipped: [],
      };
      const skipped = new Map<string, string>();

      for (const task of repos.tasks.list({ includeClosed: true })) {
        if (task.status === 'open') continue;
        const history = repos.dispatches.listForTask(task.id);
        if (history.length === 0) continue;
        // Closed: worktrees go, run directories stay as history.
        try {
          const counts = await cleanupTaskArtifacts(deps, history, 'close');
          finalizeActiveRuns(deps, history, 'Canceled because the task was closed.', '');
          result.closedTasksCleaned++;
          result.worktreesRemoved += counts.worktrees;
        } catch (error) {
          for (const run of history) if (run.runnerId) skipped.set(run.runnerId, message(error));
        }
      }

      for (const runner of repos.runners.list()) {
        if (skipped.has(runner.id)) continue;
        try {
          const counts = await deps.workspaceGate.run(runner.id, () =>
            // Read at the last moment, so a run queued during the cleanup is kept too.
            cleanupOrphans(pool.host(runner), runner.workspaceRoot, keptPaths(runner)),
          );
          result.worktreesRemoved += counts.worktrees;
          result.runDirectoriesRemoved += counts.runDirs;
          result.reviewWorkspacesRemoved += counts.reviewWorkspaces;
        } catch (error) {
          skipped.set(runner.id, message(error));
        }
      }
      result.runnersSkipped = [...skipped].map(([runnerId, reason]) => ({ runnerId, reason }));
      return result;
    },

    async reset(
      runnerId: string | undefined,
    ): Promise<{ workspaceEntriesRemoved: number; registryRemoved: boolean }> {
      const runner = runnerId ? repos.runners.get(runnerId) : repos.runners.getDefault();
      if (!runner) {
        if (runnerId) throw new AppError('NOT_FOUND', notFound('Runner', runnerId).message, 'runnerId');
        throw new AppError('RUNNER_NOT_CONFIGURED', 'No runner is set up.');
      }
      // The runner checks the root for real (not /, not the home directory or above it).
      // Task and review runs alike; a released run may still be working on the runner, so it
      // counts as active here.
      // Active and released runs are disjoint (a released run is blocked): none is named twice.
      const active = [
        ...repos.dispatches.listActiveForRunner(runner.id),
        ...repos.dispatches.listPollable().filter((d) => d.runnerId === runner.id && isReleasedRun(d)),
      ];
      if (active.length > 0) {
        const names = active.map(
          (d) => `${d.kind === 'review' ? 'review run' : 'run'} ${d.id} (${d.status})`,
        );
        throw new AppError(
          'CONFLICT',
          `Stop the active runs before resetting ${runner.name}'s workspace: ${names.join(', ')}.`,
        );
      }
      return resetWorkspace(pool.host(runner), runner.workspaceRoot, runner.registryPath);
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
