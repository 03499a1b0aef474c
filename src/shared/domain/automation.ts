/**
 * Pull requests that keep moving (BEHAVIOR item 12 and what came after): Sortie reads each open
 * task's pull request on a timer and on demand, and decides what to do; every decision is kept
 * with its outcome name.
 */
export const AUTOMATION_OUTCOMES = [
  /** The main GitHub user reviewed after the latest run started: a follow-up was queued. */
  'queued-follow-up',
  /** Checks failed on the PR's head: a follow-up was queued to fix them. */
  'queued-check-fix',
  /** Checks still fail on this head after the allowed attempts: Sortie stopped and said so. */
  'check-fix-limit',
  /** No feedback on this head yet: a comment asked the main GitHub user for a review. */
  'requested-review',
  /** The PR is merged or closed: nothing to do (a merged PR may close its task). */
  'skipped-closed',
  /** A run of the task is going: it is left alone. */
  'skipped-active',
  /** Nothing new since the last look. */
  'no-new-feedback',
  /** Reading the PR or acting on it failed; the detail says why. */
  'failed',
] as const;
export type AutomationOutcome = (typeof AUTOMATION_OUTCOMES)[number];

/** A pull request as people see it on a card. */
export const PULL_REQUEST_STATES = ['open', 'draft', 'merged', 'closed'] as const;
export type PullRequestState = (typeof PULL_REQUEST_STATES)[number];

export const CHECKS_SUMMARIES = ['passing', 'failing', 'pending', 'none'] as const;
export type ChecksSummary = (typeof CHECKS_SUMMARIES)[number];

export const REVIEW_DECISIONS = ['approved', 'changes-requested', 'review-required', 'none'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Follow-ups for failing checks per PR head, unless a project says otherwise. */
export const DEFAULT_MAX_CHECK_FIXES = 2;
export const MAX_CHECK_FIXES = 10;
/** Only the end of a failed check log goes into a follow-up. */
export const CHECK_LOG_CAP_BYTES = 16 * 1024;
