import type { AutomationOutcome } from '@shared/domain/automation';
import type { GithubInlineComment, GithubPullRequest, GithubReview } from '../../remote';
import type { PullRequestMarks } from '../../repositories';
import { failingChecks, pullRequestState, type FailingCheck } from './pull-request-summary';

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

export interface DecisionInput {
  pr: GithubPullRequest;
  /** A run of the task is queued, preparing or running. */
  active: boolean;
  /** When the task's latest run started: feedback before it was already there for that run. */
  latestRunStartedAt: string;
  mainUser: string;
  /** Act on the main user's reviews and ask for one (Settings, or asked for at once). */
  reviewFollowUp: boolean;
  project: { followUpFailingChecks: boolean; maxCheckFixes: number; closeOnMerge: boolean };
  marks: PullRequestMarks | null;
}

const FEEDBACK_STATES = new Set(['COMMENTED', 'CHANGES_REQUESTED']);

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
const after = (at: string | null | undefined, since: string) => Date.parse(at ?? '') > Date.parse(since);

/**
 * The automation's rules (BEHAVIOR item 12 and the checks follow-up), as a pure function: a
 * merged or closed PR is left (a merged one may close its task); a task with a run going is left;
 * the main user's COMMENTED or CHANGES_REQUESTED reviews since the latest run started are followed
 * up; failing checks are followed up once per head, at most the project's number of times;
 * otherwise the main user is asked for a review, once per head.
 */
export function decide(input: DecisionInput): Decision {
  const { pr, marks } = input;
  const head = pr.headRefOid;
  const state = pullRequestState(pr);
  if (state === 'merged' || state === 'closed') {
    if (state === 'merged' && input.project.closeOnMerge) {
      return {
        outcome: 'skipped-closed',
        detail: 'The pull request was merged: its task is closed.',
        action: { kind: 'close-task' },
      };
    }
    return { outcome: 'skipped-closed', detail: `The pull request is ${state}.`, action: { kind: 'none' } };
  }
  if (input.active) {
    return { outcome: 'skipped-active', detail: 'A run of the task is going.', action: { kind: 'none' } };
  }

  if (input.reviewFollowUp && input.mainUser !== '') {
    const reviews = pr.reviews.filter(
      (review) =>
        same(review.author?.login, input.mainUser) &&
        FEEDBACK_STATES.has(review.state) &&
        after(review.submittedAt, input.latestRunStartedAt),
    );
    if (reviews.length > 0) {
      const comments = pr.comments.filter(
        (comment) =>
          same(comment.user?.login, input.mainUser) && after(comment.created_at, input.latestRunStartedAt),
      );
      return {
        outcome: 'queued-follow-up',
        detail: `@${input.mainUser} reviewed (${reviews.map((r) => r.state).join(', ')}) after the latest run started.`,
        action: { kind: 'follow-up-review', reviews, comments },
      };
    }
  }

  const failing = failingChecks(pr);
  if (input.project.followUpFailingChecks && failing.length > 0) {
    const names = failing.map((check) => check.name).join(', ');
    if (marks?.checkFixHead === head) {
      return {
        outcome: 'no-new-feedback',
        detail: `Checks still fail (${names}); a fix for this head was already tried.`,
        action: { kind: 'none' },
      };
    }
    if ((marks?.checkFixCount ?? 0) >= input.project.maxCheckFixes) {
      if (marks?.checkFixLimitSaid) {
        return {
          outcome: 'no-new-feedback',
          detail: `Checks fail (${names}); the fixes allowed were tried.`,
          action: { kind: 'none' },
        };
      }
      return {
        outcome: 'check-fix-limit',
        detail: `Checks fail (${names}) after ${input.project.maxCheckFixes} follow-up${input.project.maxCheckFixes === 1 ? '' : 's'}: Sortie stopped trying.`,
        action: { kind: 'announce-check-limit' },
      };
    }
    return {
      outcome: 'queued-check-fix',
      detail: `Checks fail on ${head.slice(0, 7)}: ${names}.`,
      action: { kind: 'follow-up-checks', failing },
    };
  }

  if (input.reviewFollowUp && input.mainUser !== '') {
    if (marks?.reviewRequestedHead === head) {
      return {
        outcome: 'no-new-feedback',
        detail: `A review was asked for on ${head.slice(0, 7)} already.`,
        action: { kind: 'none' },
      };
    }
    return {
      outcome: 'requested-review',
      detail: `Asked @${input.mainUser} for a review of ${head.slice(0, 7)}.`,
      action: { kind: 'request-review' },
    };
  }
  return { outcome: 'no-new-feedback', detail: 'Nothing new.', action: { kind: 'none' } };
}
