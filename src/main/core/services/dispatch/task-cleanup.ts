import type { Dispatch } from '@shared/contract';
import { isCancellableDispatch } from '@shared/domain/dispatch';
import { isoNow, type Clock } from '../../clock';
import { cleanupTask, type CleanupCounts, type RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchRecorder } from './recorder';
import { projectCheckout, trustedRunDir, trustedWorktree } from './run-paths';

export type { CleanupCounts };

/**
 * Removes a task's worktrees (and with `delete` its run directories) on every runner its runs
 * used, stopping runs still going. Only paths Sortie computed for these runs are passed on (a
 * path an agent reported, or one from an old record that is not Sortie's, is left alone), and
 * the runner refuses any that resolve outside its workspace root. Throws the first remote error
 * after trying every runner.
 */
export async function cleanupTaskArtifacts(
  deps: { repos: Repositories; pool: RemotePool },
  history: Dispatch[],
  mode: 'close' | 'delete',
): Promise<CleanupCounts> {
  const counts: CleanupCounts = { worktrees: 0, runDirs: 0 };
  const byRunner = new Map<string, Dispatch[]>();
  for (const run of history) {
    if (!run.runnerId) continue;
    byRunner.set(run.runnerId, [...(byRunner.get(run.runnerId) ?? []), run]);
  }
  let firstError: unknown = null;
  for (const [runnerId, runs] of byRunner) {
    const runner = deps.repos.runners.get(runnerId);
    const projectId = runs[0]!.projectId;
    const project = projectId ? deps.repos.projects.get(projectId) : null;
    if (!runner || !project) continue;
    // Worktrees of either layout, each with the checkout it belongs to.
    const byCheckout = new Map<string, Set<string>>();
    for (const run of runs) {
      const worktree = run.worktreePath ? trustedWorktree(runner, project, run, history) : null;
      if (!worktree) continue;
      const set = byCheckout.get(worktree.checkout) ?? new Set<string>();
      set.add(worktree.worktreePath);
      byCheckout.set(worktree.checkout, set);
    }
    const runDirs = [
      ...new Set(runs.map((run) => trustedRunDir(runner, project, run)).filter((d) => d !== null)),
    ];
    if (byCheckout.size === 0) byCheckout.set(projectCheckout(runner, project), new Set());
    let first = true;
    try {
      for (const [checkout, worktrees] of byCheckout) {
        const parsed = await cleanupTask(deps.pool.host(runner), mode, {
          workspaceRoot: runner.workspaceRoot,
          checkout,
          worktrees: [...worktrees],
          // Run directories once: they do not depend on the checkout.
          runDirs: first ? runDirs : [],
        });
        first = false;
        counts.worktrees += parsed.worktrees;
        counts.runDirs += parsed.runDirs;
      }
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return counts;
}

/** Ends the task's active runs locally, with the reason. */
export function finalizeActiveRuns(
  deps: { repos: Pick<Repositories, 'dispatches'>; recorder: DispatchRecorder; clock: Clock },
  history: Dispatch[],
  summary: string,
  errorText: string,
): void {
  for (const run of history) {
    // Read afresh: the run may have ended while the remote cleanup ran.
    const current = deps.repos.dispatches.get(run.id);
    if (!current || !isCancellableDispatch(current)) continue;
    deps.recorder.update(run.id, {
      status: 'canceled',
      released: false,
      summary,
      errorText,
      finishedAt: isoNow(deps.clock),
    });
  }
}
