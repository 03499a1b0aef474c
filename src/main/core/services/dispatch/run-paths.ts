import type { Dispatch, Project, Runner } from '@shared/contract';
import { projectWorkspace, workspaceOf } from '../../remote';

/**
 * The paths of task runs on their runner. Sortie computes every one of them from the runner's
 * workspace root, the project's name and run ids (remote/workspace/layout.ts); a stored path is
 * used for a file operation only when it is exactly one of those computed paths.
 */
export function newRunPaths(runner: Runner, project: Project, runId: string) {
  const workspace = projectWorkspace(runner.workspaceRoot, project.name);
  return { worktreePath: workspace.worktree(runId), runDir: workspace.runDir(runId) };
}

/**
 * The worktree `run` works in, when it is one Sortie computed for one of `runs` (its task's
 * runs: a follow-up works in the worktree of the run it continues), and the checkout that
 * worktree belongs to (the current layout's or the earlier one's). Null for any other path.
 */
export function trustedWorktree(
  runner: Runner,
  project: Project,
  run: Pick<Dispatch, 'worktreePath'>,
  runs: readonly Pick<Dispatch, 'id'>[],
): { worktreePath: string; checkout: string } | null {
  const ids = runs.map((r) => r.id);
  const workspace = workspaceOf(runner.workspaceRoot, project.name, run.worktreePath, ids, 'worktree');
  return workspace ? { worktreePath: run.worktreePath, checkout: workspace.checkout } : null;
}

/** The run's directory when it is the one Sortie computed for it; null otherwise. */
export function trustedRunDir(
  runner: Runner,
  project: Project,
  run: Pick<Dispatch, 'id' | 'runDir'>,
): string | null {
  return workspaceOf(runner.workspaceRoot, project.name, run.runDir, [run.id], 'runDir') ? run.runDir : null;
}

/** The checkout of the current layout, where new runs take their worktrees from. */
export function projectCheckout(runner: Runner, project: Project): string {
  return projectWorkspace(runner.workspaceRoot, project.name).checkout;
}
