/**
 * Every remote action is one of these bash files, bundled as text. Scripts take user data only
 * as positional parameters ($1, $2, ...) or from files uploaded beforehand.
 */
const files = import.meta.glob('./*.sh', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

function load(name: string): string {
  const text = files[`./${name}.sh`];
  if (text === undefined) throw new Error(`remote script ${name}.sh is missing from the bundle`);
  return text;
}

export const WORKER_SCRIPT = load('worker');
/** What a worker's channel runs first: it makes the worker's folder and starts worker.sh there. */
export const WORKER_START_SCRIPT = load('worker-start');
export const SCRIPT_LIBRARY = load('lib');

export type ScriptName =
  | 'read-file'
  | 'write-file'
  | 'runner-check'
  | 'probe'
  | 'github-login'
  | 'ensure-checkout'
  | 'prepare-worktree'
  | 'restore-worktree'
  | 'read-pull-request'
  | 'prepare-review-worktree'
  | 'start-eval'
  | 'stop-eval'
  | 'poll-evals'
  | 'read-pull-requests'
  | 'read-check-logs'
  | 'read-changes'
  | 'comment-pull-request'
  | 'launch-run'
  | 'start-run'
  | 'stop-runs'
  | 'make-run-dir'
  | 'poll-runs'
  | 'follow-runs'
  | 'cleanup-task'
  | 'cleanup-orphans'
  | 'reset-workspace';

/** The launcher is not run as a request: it is uploaded into the run directory (see launcher.sh). */
export const LAUNCHER_SCRIPT = load('launcher');
/** Nor is the eval's launcher (see eval-launcher.sh). */
export const EVAL_LAUNCHER_SCRIPT = load('eval-launcher');

export function scriptText(name: ScriptName): string {
  return load(name);
}
