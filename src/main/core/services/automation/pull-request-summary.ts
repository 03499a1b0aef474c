import type { PullRequestStatus } from '@shared/contract';
import type { ChecksSummary, PullRequestState, ReviewDecision } from '@shared/domain/automation';
import type { GithubCheck, GithubPullRequest, GithubRollupItem } from '../../remote';

/** How `gh pr checks` sorts a check; Sortie sorts the status rollup's items the same way. */
type Bucket = 'pass' | 'fail' | 'pending' | 'skipping' | 'cancel';

/** A check of the PR's head, from either source, once per name (the latest attempt). */
export interface HeadCheck {
  name: string;
  workflow: string;
  bucket: Bucket;
  link: string;
  startedAt: string;
}

/** A failing check and where its failed log is: a GitHub Actions run, and its job when known. */
export interface FailingCheck {
  name: string;
  runId: string | null;
  jobId: string | null;
}

const FAILED_CONCLUSIONS = new Set(['FAILURE', 'TIMED_OUT', 'ACTION_REQUIRED', 'STARTUP_FAILURE', 'ERROR']);
const PASSED_CONCLUSIONS = new Set(['SUCCESS', 'NEUTRAL']);

function rollupBucket(item: GithubRollupItem): Bucket {
  if (item.status !== undefined) {
    if (item.status !== 'COMPLETED') return 'pending';
    const conclusion = item.conclusion ?? '';
    if (FAILED_CONCLUSIONS.has(conclusion)) return 'fail';
    if (conclusion === 'CANCELLED') return 'cancel';
    if (conclusion === 'SKIPPED') return 'skipping';
    return PASSED_CONCLUSIONS.has(conclusion) ? 'pass' : 'pending';
  }
  switch (item.state) {
    case 'SUCCESS':
      return 'pass';
    case 'FAILURE':
    case 'ERROR':
      return 'fail';
    default:
      return 'pending';
  }
}

function knownBucket(bucket: string): Bucket {
  return (['pass', 'fail', 'pending', 'skipping', 'cancel'] as const).find((b) => b === bucket) ?? 'pending';
}

/** Keeps the latest attempt of each check (a re-run leaves the superseded one in the list). */
function latestOfEach(checks: HeadCheck[]): HeadCheck[] {
  const byName = new Map<string, HeadCheck>();
  for (const check of checks) {
    const key = `${check.workflow}\u0000${check.name}`;
    const held = byName.get(key);
    if (!held || check.startedAt > held.startedAt) byName.set(key, check);
  }
  return [...byName.values()];
}

/** Every check of the head (the status rollup), the latest attempt of each. */
export function headChecks(pr: GithubPullRequest): HeadCheck[] {
  return latestOfEach(
    (pr.statusCheckRollup ?? []).map((item) => ({
      name: item.name ?? item.context ?? 'check',
      workflow: item.workflowName ?? '',
      bucket: rollupBucket(item),
      link: item.detailsUrl ?? item.targetUrl ?? '',
      startedAt: item.startedAt ?? '',
    })),
  );
}

/** The checks that decide whether the PR is green: the required ones, or all when none are. */
export function requiredChecks(pr: GithubPullRequest): HeadCheck[] {
  if (pr.requiredChecks === null) return headChecks(pr);
  return latestOfEach(
    pr.requiredChecks.map((check: GithubCheck) => ({
      name: check.name,
      workflow: check.workflow,
      bucket: knownBucket(check.bucket),
      link: check.link,
      startedAt: check.startedAt ?? '',
    })),
  );
}

/** Cancelled checks show as failing, as on GitHub; there is no log to fix them from. */
export function checksSummary(checks: readonly HeadCheck[]): ChecksSummary {
  if (checks.length === 0) return 'none';
  if (checks.some((c) => c.bucket === 'fail' || c.bucket === 'cancel')) return 'failing';
  if (checks.some((c) => c.bucket === 'pending')) return 'pending';
  return 'passing';
}

/** The failed ones, with the GitHub Actions run and job their link names. */
export function failingChecks(checks: readonly HeadCheck[]): FailingCheck[] {
  return checks
    .filter((check) => check.bucket === 'fail')
    .map((check) => {
      const link = /\/actions\/runs\/(\d+)(?:\/job\/(\d+))?/.exec(check.link);
      return { name: check.name, runId: link?.[1] ?? null, jobId: link?.[2] ?? null };
    });
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
  const checks = headChecks(pr);
  return {
    url,
    taskId,
    state: pullRequestState(pr),
    headSha: pr.headRefOid,
    checks: checksSummary(checks),
    failingChecks: checks.filter((c) => c.bucket === 'fail' || c.bucket === 'cancel').map((c) => c.name),
    reviewDecision: reviewDecision(pr),
  };
}
