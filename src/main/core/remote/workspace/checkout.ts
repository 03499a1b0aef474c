import type { RemoteHost } from '../remote-host';
import { runScript } from './run-script';

/** Fetching, cloning and worktree steps may take long on a big repository. */
const LONG_STEP_MS = 15 * 60_000;

/** The GitHub login `gh` is authenticated as on the runner (github-login.sh). */
export async function githubLogin(host: RemoteHost): Promise<string> {
  return (await runScript(host, 'github-login', [])).toString('utf8').trim();
}

export interface CheckoutRequest {
  workspaceRoot: string;
  repoUrl: string;
  repositoryName: string;
  gitUrl: string;
  baseBranch: string;
  checkout: string;
  login: string;
}

/** Clones or updates the project's checkout at upstream's base branch; answers the fork's URL. */
export async function ensureCheckout(host: RemoteHost, request: CheckoutRequest): Promise<string> {
  const out = await runScript(
    host,
    'ensure-checkout',
    [
      request.workspaceRoot,
      request.repoUrl,
      request.repositoryName,
      request.gitUrl,
      request.baseBranch,
      request.checkout,
      request.login,
    ],
    { timeoutMs: LONG_STEP_MS },
  );
  return out.toString('utf8').trim().split('\n').pop() ?? '';
}

export interface WorktreeRequest {
  workspaceRoot: string;
  checkout: string;
  branch: string;
  worktree: string;
}

/** A fresh worktree on a new branch from upstream's base branch (prepare-worktree.sh). */
export async function prepareWorktree(
  host: RemoteHost,
  request: WorktreeRequest & { baseBranch: string },
): Promise<void> {
  await runScript(
    host,
    'prepare-worktree',
    [request.workspaceRoot, request.checkout, request.baseBranch, request.branch, request.worktree],
    { timeoutMs: LONG_STEP_MS },
  );
}

/** The worktree of an earlier run on the branch, reused or recreated (restore-worktree.sh). */
export async function restoreWorktree(host: RemoteHost, request: WorktreeRequest): Promise<void> {
  await runScript(
    host,
    'restore-worktree',
    [request.workspaceRoot, request.checkout, request.branch, request.worktree],
    { timeoutMs: LONG_STEP_MS },
  );
}
