import type { AutomationOutcome } from '@shared/domain/automation';
import type { GithubInlineComment, GithubPullRequest, GithubReview } from '../../remote';
import type { PullRequestMarks } from '../../repositories';
import { failingChecks, pullRequestState, requiredChecks, type FailingCheck } from './pull-request-summary';

/** What the automation does about one task's PR (applied by the service). */
export type AutomationAction =
  | { kind: 'none' }
  | { kind: 'close-task' }
  | { kind: 'follow-up-review'; reviews: GithubReview[]; comments: GithubInlineComment[] }
  | { kind: 'follow-up-checks'; failing: FailingCheck[] }
  | { kind: 'request-review' }
  | { kind: 'announce-check-limit' };

export interface Decision {
  outcome: AutomationOutcome;
  detail: string;
  action: AutomationAction;
}

/** The task's latest run, whose pull request this is (the service checks that it has it). */
export interface LatestRun {
  /** When the latest run that could have seen review feedback was queued (a check fix could not). */
  feedbackSince: string;
  /**
   * When the latest run ended, the later of the runner's and Sortie's clocks (null while it goes):
   * a clock behind must not turn the agent's last replies into feedback.
   */
  endedAt: string | null;
  branch: string;
}

export interface DecisionInput {
  pr: GithubPullRequest;
  /** A run of the task is queued, preparing or running, or a chain of it goes on. */
  active: boolean;
  latestRun: LatestRun;
  mainUser: string;
  /** Act on the main user's reviews and ask for one (Settings, or asked for at once). */
  reviewFollowUp: boolean;
  project: { followUpFailingChecks: boolean; maxCheckFixes: number; closeOnMerge: boolean };
  marks: PullRequestMarks | null;
}

const FEEDBACK_STATES = new Set(['COMMENTED', 'CHANGES_REQUESTED']);
/** An agent's replies land within its run; GitHub may stamp them a little after Sortie saw it end. */
const REPLY_SLACK_MS = 60_000;

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
const time = (at: string | null | undefined) => Date.parse(at ?? '');
/** GitHub stamps reviews to the second: a review in the run's own second counts as after it. */
const atOrAfter = (at: string | null | undefined, since: string) =>
  time(at) >= Math.floor(time(since) / 1000) * 1000;

/**
 * The main user's reviews a follow-up has not answered yet. Reviews are told apart by id, never by
 * time alone. One counts when it asks for something (COMMENTED or CHANGES_REQUESTED), came after
 * the latest run that could see it was queued (what came before was that run's) and after the user's latest
 * approval. A review made only of replies to threads, submitted while the latest run went on, is
 * the agent answering comments in the user's name (its gh may be the user's) and does not count.
 */
function newFeedback(input: DecisionInput): { reviews: GithubReview[]; comments: GithubInlineComment[] } {
  const { pr, latestRun, mainUser } = input;
  const followed = new Set(input.marks?.followedReviewIds ?? []);
  const mine = pr.reviews
    .filter((review) => same(review.user?.login, mainUser) && review.submitted_at)
    .sort((a, b) => time(a.submitted_at) - time(b.submitted_at) || a.id - b.id);
  const approved = mine.findLastIndex((review) => review.state === 'APPROVED');
  const runEnd = latestRun.endedAt ? time(latestRun.endedAt) + REPLY_SLACK_MS : Infinity;
  const reviews = mine.slice(approved + 1).filter((review) => {
    if (!FEEDBACK_STATES.has(review.state) || followed.has(review.id)) return false;
    if (!atOrAfter(review.submitted_at, latestRun.feedbackSince)) return false;
    const own = pr.comments.filter((comment) => comment.pull_request_review_id === review.id);
    const repliesOnly = review.body.trim() === '' && own.every((comment) => comment.in_reply_to_id);
    return !(repliesOnly && time(review.submitted_at) <= runEnd);
  });
  const ids = new Set(reviews.map((review) => review.id));
  const comments = pr.comments.filter((comment) => ids.has(comment.pull_request_review_id ?? -1));
  return { reviews, comments };
}

/** Whether the main user's latest review approves: nothing to follow up or ask for then. */
function approvedByMainUser(input: DecisionInput): boolean {
  const mine = input.pr.reviews
    .filter((review) => same(review.user?.login, input.mainUser) && review.state !== 'PENDING')
    .sort((a, b) => time(a.submitted_at) - time(b.submitted_at) || a.id - b.id);
  return mine.filter((review) => review.state !== 'COMMENTED').at(-1)?.state === 'APPROVED';
}

/**
 * The automation's rules (BEHAVIOR item 12 and the checks follow-up), as a pure function: a task
 * with a run going is left; a PR on another branch than the latest run's is not Sortie's to move;
 * a merged or closed PR is left (a merged one may close its task); the main user's new review
 * feedback is followed up; failing required checks are followed up once per head, at most the
 * project's number of times in a row; otherwise the main user is asked for a review, once per head.
 */
export function decide(input: DecisionInput): Decision {
  const { pr, marks, latestRun } = input;
  const head = pr.headRefOid;
  const short = head.slice(0, 7);
  if (input.active) {
    return { outcome: 'skipped-active', detail: 'A run of the task is going.', action: { kind: 'none' } };
  }
  const state = pullRequestState(pr);
  if (pr.headRefName !== '' && latestRun.branch !== '' && pr.headRefName !== latestRun.branch) {
    return {
      outcome: state === 'merged' || state === 'closed' ? 'skipped-closed' : 'no-new-feedback',
      detail: `The pull request's branch ${pr.headRefName} is not the latest run's (${latestRun.branch}): Sortie leaves it${state === 'open' || state === 'draft' ? '' : ` (${state})`}.`,
      action: { kind: 'none' },
    };
  }
  if (state === 'merged' || state === 'closed') {
    if (state === 'merged' && input.project.closeOnMerge) {
      // A run queued after the merge is more work on the task: the merge does not end it.
      if (atOrAfter(pr.mergedAt, latestRun.feedbackSince)) {
        return {
          outcome: 'skipped-closed',
          detail: 'The pull request was merged: its task is closed.',
          action: { kind: 'close-task' },
        };
      }
      return {
        outcome: 'skipped-closed',
        detail: 'The pull request was merged before the latest run was queued: its task stays open.',
        action: { kind: 'none' },
      };
    }
    return { outcome: 'skipped-closed', detail: `The pull request is ${state}.`, action: { kind: 'none' } };
  }

  const asks = input.reviewFollowUp && input.mainUser !== '';
  if (asks) {
    const feedback = newFeedback(input);
    if (feedback.reviews.length > 0) {
      return {
        outcome: 'queued-follow-up',
        detail: `@${input.mainUser} reviewed (${feedback.reviews.map((r) => r.state).join(', ')}) after the latest run was queued.`,
        action: { kind: 'follow-up-review', ...feedback },
      };
    }
  }

  if (input.project.followUpFailingChecks) {
    const checks = requiredChecks(pr);
    const failing = failingChecks(checks);
    if (failing.length > 0) {
      const names = failing.map((check) => check.name).join(', ');
      if (checks.some((check) => check.bucket === 'pending')) {
        return {
          outcome: 'no-new-feedback',
          detail: `Checks fail (${names}); waiting for the ones still running before a fix.`,
          action: { kind: 'none' },
        };
      }
      if (marks?.checkFixHead === head) {
        return {
          outcome: 'no-new-feedback',
          detail: `Checks still fail (${names}); a fix for ${short} was already tried.`,
          action: { kind: 'none' },
        };
      }
      const max = input.project.maxCheckFixes;
      if ((marks?.checkFixCount ?? 0) >= max) {
        if (marks?.checkFixLimitSaid) {
          return {
            outcome: 'no-new-feedback',
            detail: `Checks fail (${names}); the fixes allowed were tried.`,
            action: { kind: 'none' },
          };
        }
        return {
          outcome: 'check-fix-limit',
          detail: `Checks fail (${names}) after ${max} follow-up${max === 1 ? '' : 's'}: Sortie stopped trying.`,
          action: { kind: 'announce-check-limit' },
        };
      }
      return {
        outcome: 'queued-check-fix',
        detail: `Checks fail on ${short}: ${names}.`,
        action: { kind: 'follow-up-checks', failing },
      };
    }
  }

  if (asks) {
    if (approvedByMainUser(input)) {
      return {
        outcome: 'no-new-feedback',
        detail: `@${input.mainUser} approved it.`,
        action: { kind: 'none' },
      };
    }
    if (marks?.reviewRequestedHead === head) {
      return {
        outcome: 'no-new-feedback',
        detail: `A review was asked for on ${short} already.`,
        action: { kind: 'none' },
      };
    }
    return {
      outcome: 'requested-review',
      detail: `Asked @${input.mainUser} for a review of ${short}.`,
      action: { kind: 'request-review' },
    };
  }
  return { outcome: 'no-new-feedback', detail: 'Nothing new.', action: { kind: 'none' } };
}
