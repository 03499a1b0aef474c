import type { MaintenanceCleanupResult } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchRecorder } from './recorder';
import type { StartGate } from './start-gate';
import { cleanupTaskArtifacts, finalizeActiveRuns, parseCounts } from './task-cleanup';

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

  /** Every path a known run of the runner uses, except worktrees of closed tasks. */
  function keptPaths(runnerId: string): string[] {
    const paths = new Set<string>();
    for (const task of repos.tasks.list({ includeClosed: true })) {
      for (const run of repos.dispatches.listForTask(task.id)) {
        if (run.runnerId !== runnerId) continue;
        if (run.runDir) paths.add(run.runDir);
        if (run.worktreePath && task.status === 'open') paths.add(run.worktreePath);
      }
    }
    return [...paths];
  }

  return {
    async cleanup(): Promise<MaintenanceCleanupResult> {
      const result: MaintenanceCleanupResult = {
        closedTasksCleaned: 0,
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
          const out = await deps.workspaceGate.run(runner.id, () =>
            // Read at the last moment, so a run queued during the cleanup is kept too.
            pool.host(runner).runOk('cleanup-orphans', [runner.workspaceRoot, ...keptPaths(runner.id)], {
              timeoutMs: 300_000,
            }),
          );
          const counts = parseCounts(out.toString('utf8'));
          result.worktreesRemoved += counts.worktrees;
          result.runDirectoriesRemoved += counts.runDirs;
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
      if (!runner)
        throw new AppError(
          'RUNNER_NOT_CONFIGURED',
          runnerId ? `Runner ${runnerId} does not exist.` : 'No runner is set up.',
        );
      const root = runner.workspaceRoot.trim().replace(/\/+$/, '');
      if (root === '' || root === '/' || root === '~' || root === '$HOME') {
        throw new AppError(
          'VALIDATION_FAILED',
          `Refusing to reset the workspace root "${runner.workspaceRoot}": it is empty, / or your home directory.`,
          'workspaceRoot',
        );
      }
      const active = repos.dispatches
        .list({ activeOnly: true, limit: 5000 })
        .filter((d) => d.runnerId === runner.id && isActiveDispatch(d.status));
      const activeReviews = repos.reviews
        .list()
        .flatMap((review) => repos.reviewRuns.list(review.id))
        .filter((run) => run.status === 'queued' || run.status === 'preparing' || run.status === 'running');
      if (active.length > 0 || activeReviews.length > 0) {
        const names = [
          ...active.map((d) => `run ${d.id} (${d.status})`),
          ...activeReviews.map((r) => `review run ${r.id}`),
        ];
        throw new AppError(
          'CONFLICT',
          `Stop the active runs before resetting ${runner.name}'s workspace: ${names.join(', ')}.`,
        );
      }
      const result = await pool
        .host(runner)
        .run('reset-workspace', [runner.workspaceRoot, runner.registryPath]);
      if (result.exitCode === 2) {
        throw new AppError('VALIDATION_FAILED', result.stderr.toString('utf8').trim(), 'workspaceRoot');
      }
      if (result.exitCode !== 0) {
        throw new AppError(
          'REMOTE_FAILED',
          `Resetting the workspace failed: ${result.stderr.toString('utf8').trim()}`,
        );
      }
      const match = /entries=(\d+) registry=(true|false)/.exec(result.stdout.toString('utf8'));
      if (!match) throw new AppError('REMOTE_FAILED', 'The reset script answered unexpectedly.');
      return { workspaceEntriesRemoved: Number(match[1]), registryRemoved: match[2] === 'true' };
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
