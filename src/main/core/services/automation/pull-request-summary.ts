import type { PullRequestStatus } from '@shared/contract';
import type { ChecksSummary, PullRequestState, ReviewDecision } from '@shared/domain/automation';
import type { GithubCheck, GithubPullRequest } from '../../remote';

const FAILED_CONCLUSIONS = new Set([
  'FAILURE',
  'TIMED_OUT',
  'CANCELLED',
  'ACTION_REQUIRED',
  'STARTUP_FAILURE',
]);
const FAILED_STATES = new Set(['FAILURE', 'ERROR']);
const PENDING_STATES = new Set(['PENDING', 'EXPECTED']);

export interface FailingCheck {
  name: string;
  /** The GitHub Actions run behind it, when its link says so: its failed log can be read. */
  runId: string | null;
}

function checkName(check: GithubCheck): string {
  return check.name ?? check.context ?? 'check';
}

function isFailing(check: GithubCheck): boolean {
  if (check.status !== undefined)
    return check.status === 'COMPLETED' && FAILED_CONCLUSIONS.has(check.conclusion ?? '');
  return FAILED_STATES.has(check.state ?? '');
}

function isPending(check: GithubCheck): boolean {
  if (check.status !== undefined) return check.status !== 'COMPLETED';
  return PENDING_STATES.has(check.state ?? '');
}

export function failingChecks(pr: GithubPullRequest): FailingCheck[] {
  return (pr.statusCheckRollup ?? []).filter(isFailing).map((check) => {
    const link = check.detailsUrl ?? check.targetUrl ?? '';
    return { name: checkName(check), runId: /\/actions\/runs\/(\d+)/.exec(link)?.[1] ?? null };
  });
}

export function checksSummary(pr: GithubPullRequest): ChecksSummary {
  const checks = pr.statusCheckRollup ?? [];
  if (checks.length === 0) return 'none';
  if (checks.some(isFailing)) return 'failing';
  if (checks.some(isPending)) return 'pending';
  return 'passing';
}

export function pullRequestState(pr: GithubPullRequest): PullRequestState {
  if (pr.mergedAt || pr.state === 'MERGED') return 'merged';
  if (pr.state === 'CLOSED') return 'closed';
  return pr.isDraft ? 'draft' : 'open';
}

export function reviewDecision(pr: GithubPullRequest): ReviewDecision {
  switch (pr.reviewDecision) {
    case 'APPROVED':
      return 'approved';
    case 'CHANGES_REQUESTED':
      return 'changes-requested';
    case 'REVIEW_REQUIRED':
      return 'review-required';
    default:
      return 'none';
  }
}

/** What is stored and shown of a PR (its task's card, the task page, the runs list). */
export function summarize(
  pr: GithubPullRequest,
  url: string,
  taskId: string,
): Omit<PullRequestStatus, 'readAt'> {
  return {
    url,
    taskId,
    state: pullRequestState(pr),
    headSha: pr.headRefOid,
    checks: checksSummary(pr),
    failingChecks: failingChecks(pr).map((check) => check.name),
    reviewDecision: reviewDecision(pr),
  };
}
