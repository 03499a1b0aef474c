import { AppError } from '../../errors';
import type { RemoteHost } from '../remote-host';
import { RefusedPath, runScript } from './run-script';

export interface CleanupCounts {
  worktrees: number;
  runDirs: number;
}

export interface OrphanCounts extends CleanupCounts {
  reviewWorkspaces: number;
}

export interface TaskTraces {
  workspaceRoot: string;
  checkout: string;
  worktrees: readonly string[];
  runDirs: readonly string[];
  /** Local review branches (`sortie-review/<run id>`) to delete with `delete`. */
  branches?: readonly string[];
}

/**
 * Stops a task's runs still going and removes its worktrees; `delete` also removes its run
 * directories (cleanup-task.sh). Refuses as a whole when any path is outside the root.
 */
export async function cleanupTask(
  host: RemoteHost,
  mode: 'close' | 'delete',
  traces: TaskTraces,
): Promise<CleanupCounts> {
  const out = await runScript(
    host,
    'cleanup-task',
    [
      traces.workspaceRoot,
      mode,
      traces.checkout,
      ...traces.worktrees,
      '--',
      ...traces.runDirs,
      '--',
      ...(traces.branches ?? []),
    ],
    { timeoutMs: 120_000 },
  );
  return parseCounts(out.toString('utf8'));
}

/**
 * Removes run directories and worktrees no path in `keep` names, and review workspaces whose
 * folder is not in `keep` (cleanup-orphans.sh).
 */
export async function cleanupOrphans(
  host: RemoteHost,
  workspaceRoot: string,
  keep: readonly string[],
): Promise<OrphanCounts> {
  const out = (
    await runScript(host, 'cleanup-orphans', [workspaceRoot, ...keep], { timeoutMs: 300_000 })
  ).toString('utf8');
  const workspaces = /reviewWorkspaces=(\d+)/.exec(out);
  return { ...parseCounts(out), reviewWorkspaces: workspaces ? Number(workspaces[1]) : 0 };
}

/** Empties the workspace root (reset-workspace.sh); the registry goes when it is inside it. */
export async function resetWorkspace(
  host: RemoteHost,
  workspaceRoot: string,
  registryPath: string,
): Promise<{ workspaceEntriesRemoved: number; registryRemoved: boolean }> {
  let out: string;
  try {
    out = (await runScript(host, 'reset-workspace', [workspaceRoot, registryPath])).toString('utf8');
  } catch (error) {
    // The root itself was refused: that is the runner's setting to fix, not a remote failure.
    if (error instanceof RefusedPath) throw new AppError('VALIDATION_FAILED', error.message, 'workspaceRoot');
    throw error;
  }
  const match = /entries=(\d+) registry=(true|false)/.exec(out);
  if (!match)
    throw new AppError('REMOTE_FAILED', `The reset script answered unexpectedly: ${out.slice(0, 200)}`);
  return { workspaceEntriesRemoved: Number(match[1]), registryRemoved: match[2] === 'true' };
}

function parseCounts(text: string): CleanupCounts {
  const match = /worktrees=(\d+) runDirs=(\d+)/.exec(text);
  if (!match)
    throw new AppError('REMOTE_FAILED', `The cleanup script answered unexpectedly: ${text.slice(0, 200)}`);
  return { worktrees: Number(match[1]), runDirs: Number(match[2]) };
}
