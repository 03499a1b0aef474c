import type { ReactNode } from 'react';
import type { Dispatch } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { PullRequestStatusOf } from '@renderer/features/pull-requests/PullRequestStatusMarks';
import { shortSha, submittedReview } from '@renderer/stores/review-labels';
import { RunCountdowns } from './RunCountdowns';
import { PullRequestAddress } from './RunResult';
import { agentName } from './run-text';

/**
 * The facts every view of a run shows, as items of the caller's `<dl>`: where and how it ran
 * (runner, agent, the commit a review run is pinned to, branch, worktree), then the view's own
 * facts (`children`), then the pull request a task run opened or the review a review run
 * submitted, once there is one.
 */
export function RunFactItems({
  run,
  runner,
  children,
}: {
  run: Dispatch;
  runner: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <div>
        <dt>Runner</dt>
        <dd>{runner}</dd>
      </div>
      <div>
        <dt>Agent</dt>
        <dd>{agentName(run.agent)}</dd>
      </div>
      {run.kind === 'review' ? (
        <div>
          <dt>Pinned commit</dt>
          <dd className="mono" title={run.headSha || undefined}>
            {shortSha(run.headSha) || '—'}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Branch</dt>
        <dd className="mono">{run.branch || '—'}</dd>
      </div>
      <div className="run-facts-wide">
        <dt>Worktree</dt>
        <dd className="mono">{run.worktreePath || '—'}</dd>
      </div>
      {run.reportedBranch || run.reportedWorktreePath ? (
        <div className="run-facts-wide" data-reported>
          <dt>The agent reported</dt>
          <dd>
            {[
              run.reportedBranch ? `branch ${run.reportedBranch}` : '',
              run.reportedWorktreePath ? `worktree ${run.reportedWorktreePath}` : '',
            ]
              .filter(Boolean)
              .join(', ')}{' '}
            <span className="muted">(shown only: Sortie uses its own branch and worktree)</span>
          </dd>
        </div>
      ) : null}
      <RunCountdowns run={run} />
      {children}
      {run.pullRequestUrl ? (
        <div className="run-facts-wide">
          <dt>Pull request</dt>
          <dd>
            <PullRequestAddress url={run.pullRequestUrl} />{' '}
            {run.kind === 'task' ? <PullRequestStatusOf url={run.pullRequestUrl} variant="full" /> : null}
          </dd>
        </div>
      ) : null}
      {run.kind === 'review' ? <SubmittedReviewItem run={run} /> : null}
    </>
  );
}

/** A review run's review on GitHub; nothing while it works, since it submits at the end. */
function SubmittedReviewItem({ run }: { run: Dispatch }) {
  const submitted = submittedReview(run);
  if (submitted === null && isActiveDispatch(run.status)) return null;
  return (
    <div className="run-facts-wide">
      <dt>Submitted review</dt>
      <dd>
        <SubmittedReview run={run} />
      </dd>
    </div>
  );
}

/** What a finished review run submitted on GitHub: a link to the review, or that there is none. */
export function SubmittedReview({ run }: { run: Dispatch }) {
  const submitted = submittedReview(run);
  if (submitted) return <PullRequestAddress url={submitted} />;
  if (submitted === '') return <>Submitted (the agent reported no address)</>;
  return <span className="muted">No review was submitted</span>;
}
