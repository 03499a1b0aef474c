import type { Project, Runner } from '@shared/contract';

/**
 * The remote layout of a runner's workspace (kept from the original tool):
 *   <root>/<project>/<project>              checkout (origin = the bot's fork, upstream = the real repo)
 *   <root>/<project>/worktrees/<dispatchId>  one worktree per run (follow-ups reuse their base's)
 *   <root>/<project>/dispatches/<dispatchId> run directory: prompt, launcher, status, result, events
 * Paths keep a leading `~`; the remote side expands it.
 */
export function projectRoot(runner: Runner, project: Pick<Project, 'name'>): string {
  return `${runner.workspaceRoot.replace(/\/+$/, '')}/${project.name}`;
}

export function defaultCheckoutPath(runner: Runner, project: Pick<Project, 'name'>): string {
  return `${projectRoot(runner, project)}/${project.name}`;
}

export function worktreePath(runner: Runner, project: Pick<Project, 'name'>, dispatchId: string): string {
  return `${projectRoot(runner, project)}/worktrees/${dispatchId}`;
}

export function runDirectory(runner: Runner, project: Pick<Project, 'name'>, dispatchId: string): string {
  return `${projectRoot(runner, project)}/dispatches/${dispatchId}`;
}

export const RUN_FILES = {
  prompt: 'prompt.md',
  schema: 'result-schema.json',
  launcher: 'launch.sh',
} as const;
