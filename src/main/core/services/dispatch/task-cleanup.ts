import type { Dispatch, Project, Runner } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { isoNow, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchRecorder } from './recorder';
import { parseRegistry } from './registry';
import { defaultCheckoutPath } from './remote-paths';

export interface CleanupCounts {
  worktrees: number;
  runDirs: number;
}

/** Where the project's checkout is on this runner (its registry, else the default layout). */
export async function checkoutPathOn(pool: RemotePool, runner: Runner, project: Project): Promise<string> {
  const registry = parseRegistry(await pool.host(runner).readFile(runner.registryPath), runner.registryPath);
  return registry.projects[project.name]?.checkoutPath ?? defaultCheckoutPath(runner, project);
}

/**
 * Removes a task's worktrees (and with `delete` its run directories) on every runner its runs
 * used, stopping runs still going. Throws the first remote error after trying every runner.
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
    const project = deps.repos.projects.get(runs[0]!.projectId);
    if (!runner || !project) continue;
    try {
      const checkout = await checkoutPathOn(deps.pool, runner, project);
      const worktrees = [...new Set(runs.map((r) => r.worktreePath).filter(Boolean))];
      const runDirs = [...new Set(runs.map((r) => r.runDir).filter(Boolean))];
      const out = await deps.pool
        .host(runner)
        .runOk('cleanup-task', [mode, checkout, ...worktrees, '--', ...runDirs], { timeoutMs: 120_000 });
      const parsed = parseCounts(out.toString('utf8'));
      counts.worktrees += parsed.worktrees;
      counts.runDirs += parsed.runDirs;
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return counts;
}

export function parseCounts(text: string): CleanupCounts {
  const match = /worktrees=(\d+) runDirs=(\d+)/.exec(text);
  if (!match)
    throw new AppError('REMOTE_FAILED', `The cleanup script answered unexpectedly: ${text.slice(0, 200)}`);
  return { worktrees: Number(match[1]), runDirs: Number(match[2]) };
}

/** Ends the task's active runs locally, with the reason. */
export function finalizeActiveRuns(
  deps: { recorder: DispatchRecorder; clock: Clock },
  history: Dispatch[],
  summary: string,
  errorText: string,
): void {
  for (const run of history) {
    if (!isActiveDispatch(run.status) && !(run.status === 'blocked' && run.released)) continue;
    deps.recorder.update(run.id, {
      status: 'canceled',
      released: false,
      summary,
      errorText,
      finishedAt: isoNow(deps.clock),
    });
  }
}
