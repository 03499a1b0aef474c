/**
 * The one definition of a task run's state machine. Services move runs only through
 * `canTransition` (the dispatch repository refuses anything else); nothing assigns a status by hand.
 */
export const DISPATCH_STATUSES = [
  'queued',
  'preparing',
  'running',
  'succeeded',
  'failed',
  'blocked',
  'canceled',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export const ACTIVE_DISPATCH_STATUSES = [
  'queued',
  'preparing',
  'running',
] as const satisfies readonly DispatchStatus[];
export const TERMINAL_DISPATCH_STATUSES = [
  'succeeded',
  'failed',
  'blocked',
  'canceled',
] as const satisfies readonly DispatchStatus[];

export function isActiveDispatch(status: DispatchStatus): boolean {
  return (ACTIVE_DISPATCH_STATUSES as readonly DispatchStatus[]).includes(status);
}

/** Statuses whose runs are on their runner, working or about to (a released run aside). */
export const ON_RUNNER_DISPATCH_STATUSES = [
  'preparing',
  'running',
] as const satisfies readonly DispatchStatus[];

/** The status a run released while its runner was unreachable keeps (with `released` set). */
export const RELEASED_DISPATCH_STATUS = 'blocked' satisfies DispatchStatus;

/**
 * A run released as blocked: its runner could not be reached, so its agent may still be working
 * there. Its true outcome is recorded when the runner answers; until then it keeps its slot, its
 * lane and its worktree, and the task is not run again (unless the user gives up on it).
 */
export function isReleasedRun(run: { status: DispatchStatus; released: boolean }): boolean {
  return run.status === RELEASED_DISPATCH_STATUS && run.released;
}

/**
 * Whether the run takes one of its runner's slots, which is also whether its remote state must be
 * polled: preparing, running, or released (its agent may well still be working on the runner).
 */
export function holdsRunnerSlot(run: { status: DispatchStatus; released: boolean }): boolean {
  return (
    (ON_RUNNER_DISPATCH_STATUSES as readonly DispatchStatus[]).includes(run.status) || isReleasedRun(run)
  );
}

/**
 * Whether the run reached its final state: it is no longer active and not released (a released
 * run's real outcome is still to be read from its runner). A run reaches it once.
 */
export function isFinalRun(run: { status: DispatchStatus; released: boolean }): boolean {
  return isTerminalDispatch(run.status) && !run.released;
}

/**
 * Whether the run's worktree is there to look into (its changes, a terminal): it has one and is
 * past being queued and prepared (a new run's worktree is made while it prepares).
 */
export function hasWorktreeToShow(run: { status: DispatchStatus; worktreePath: string }): boolean {
  return run.worktreePath !== '' && run.status !== 'queued' && run.status !== 'preparing';
}

/** Whether the user can cancel the run: an active one, or a released one (giving up on it). */
export function isCancellableDispatch(run: { status: DispatchStatus; released: boolean }): boolean {
  return isActiveDispatch(run.status) || isReleasedRun(run);
}

export function isTerminalDispatch(status: DispatchStatus): boolean {
  return !isActiveDispatch(status);
}

const TRANSITIONS: Record<DispatchStatus, readonly DispatchStatus[]> = {
  queued: ['preparing', 'failed', 'blocked', 'canceled'],
  preparing: ['running', 'succeeded', 'failed', 'blocked', 'canceled'],
  running: ['succeeded', 'failed', 'blocked', 'canceled'],
  // A run released as blocked because its runner was unreachable may later be reconciled to
  // what its remote process really did: still running, or finished.
  blocked: ['running', 'succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

export function canTransition(from: DispatchStatus, to: DispatchStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const AGENTS = ['codex', 'claude'] as const;
export type AgentKind = (typeof AGENTS)[number];

/**
 * What a run works on: a task (it changes code and usually opens a pull request) or a pull
 * request review (it reads a pinned commit and submits one GitHub review). Both kinds share the
 * states, launch phases, scheduler, monitor and cancel of this file.
 */
export const RUN_KINDS = ['task', 'review'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** Local branch names of review runs, at their pinned commit: `sortie-review/<dispatchId>`. */
export function reviewBranchName(dispatchId: string): string {
  return `sortie-review/${dispatchId}`;
}

/** Branch names of task runs: `sortie/<dispatchId>`. */
export function dispatchBranchName(dispatchId: string): string {
  return `sortie/${dispatchId}`;
}

/**
 * Launch phases of a task run, in order. Each is saved as the run's current phase (with its
 * start time) and recorded in its timeline, so the window can show progress.
 */
export const LAUNCH_PHASES = [
  'check-prerequisites',
  'load-registry',
  'check-github',
  'ensure-checkout',
  'save-registry',
  'prepare-worktree',
  'upload-prompt',
  'launch',
] as const;
export type LaunchPhase = (typeof LAUNCH_PHASES)[number];

export const LAUNCH_PHASE_LABELS: Record<LaunchPhase, string> = {
  'check-prerequisites': 'Checking prerequisites',
  'load-registry': "Loading the runner's project registry",
  'check-github': 'Checking GitHub authentication on the runner',
  'ensure-checkout': 'Updating the project checkout',
  'save-registry': 'Saving the project registry',
  'prepare-worktree': 'Preparing the worktree',
  'upload-prompt': 'Uploading the prompt and result schema',
  launch: 'Launching the agent',
};

/** A preparing run untouched this long is considered abandoned and failed. */
export const PREPARING_STALE_AFTER_MS = 30 * 60 * 1000;

/** A run still going after this long is stopped and failed as timed out (a project may change it). */
export const DEFAULT_MAX_RUN_MINUTES = 4 * 60;
export const MIN_RUN_MINUTES = 1;
export const MAX_RUN_MINUTES = 7 * 24 * 60;

/**
 * An agent that wrote a valid result but has not exited this long after (an MCP server or a
 * child keeping it alive) is stopped, and its result recorded.
 */
export const RESULT_GRACE_MS = 2 * 60 * 1000;
