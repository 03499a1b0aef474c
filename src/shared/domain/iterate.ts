/**
 * Iterate until an eval passes (BEHAVIOR item 13): a chain of runs of one task, each followed by
 * an eval command in its worktree, until the eval passes or the maximum of iterations is reached.
 */
export const MIN_ITERATIONS = 1;
export const MAX_ITERATIONS = 20;

/** Where a chain is: its current run is working, its eval is running, or it ended (and how). */
export const CHAIN_STATUSES = ['running', 'evaluating', 'passed', 'gave-up', 'failed', 'canceled'] as const;
export type ChainStatus = (typeof CHAIN_STATUSES)[number];

/** A chain still going: its current run works, or its eval runs. */
export const ACTIVE_CHAIN_STATUSES = ['running', 'evaluating'] as const satisfies readonly ChainStatus[];

export function isActiveChain(status: ChainStatus): boolean {
  return (ACTIVE_CHAIN_STATUSES as readonly ChainStatus[]).includes(status);
}

/** An eval of one iteration: waiting to start, started on the runner, its outcome, or stopped. */
export const EVAL_STATUSES = ['pending', 'running', 'passed', 'failed', 'canceled'] as const;
export type EvalStatus = (typeof EVAL_STATUSES)[number];

/** An eval not done yet: waiting to start or started on the runner. */
export const OPEN_EVAL_STATUSES = ['pending', 'running'] as const satisfies readonly EvalStatus[];

export function isOpenEval(status: EvalStatus): boolean {
  return (OPEN_EVAL_STATUSES as readonly EvalStatus[]).includes(status);
}

/** What an eval's output reads as when it printed nothing. */
export const NO_OUTPUT = '(no output)';

/** An eval still going after this long is stopped and counts as failed (exit 124). */
export const EVAL_TIMEOUT_MS = 30 * 60_000;
/** Only the end of a long eval output is kept (the failures are usually last). */
export const EVAL_OUTPUT_CAP_BYTES = 64 * 1024;
/** And less of it goes into the next iteration's request, which every later prompt carries. */
export const FEEDBACK_OUTPUT_CAP_CHARS = 16 * 1024;
/** An eval not done this long after its timeout is given up by Sortie itself (no `timeout`, a lost runner). */
export const EVAL_GRACE_MS = 5 * 60_000;

/** Placeholders a feedback template may use. */
export const FEEDBACK_PLACEHOLDERS = ['{eval_output}', '{iteration}', '{max_iterations}'] as const;
