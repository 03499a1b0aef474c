import { memo } from 'react';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { SubmittedReview } from '@renderer/features/run/RunFactItems';
import {
  RunHistoryCard,
  RunHistoryList,
  type RunHistoryEntryProps,
  type RunHistoryProps,
} from '@renderer/features/run/RunHistoryList';
import { agentName } from '@renderer/features/run/run-text';
import { formatTime } from '@renderer/lib/format';
import { shortSha, succeededWithoutReview } from '@renderer/stores/review-labels';

const ReviewRunCard = memo(function ReviewRunCard({ run, runnerName, number }: RunHistoryEntryProps) {
  return (
    <RunHistoryCard
      run={run}
      title={
        <>
          {number === 1 ? 'Review' : 'Re-review'} {number}
        </>
      }
      badges={succeededWithoutReview(run) ? <span className="badge badge-warn">No review</span> : null}
      meta={
        <span className="muted mono" title={run.headSha || undefined}>
          {run.headSha ? `at ${shortSha(run.headSha)}` : ''}
        </span>
      }
      facts={
        <>
          {isActiveDispatch(run.status) ? null : (
            <div className="run-facts-wide">
              <dt>On GitHub</dt>
              <dd>
                <SubmittedReview run={run} />
              </dd>
            </div>
          )}
          <div>
            <dt>Runner</dt>
            <dd>{runnerName}</dd>
          </div>
          <div>
            <dt>Agent</dt>
            <dd>{agentName(run.agent)}</dd>
          </div>
          <div>
            <dt>{run.startedAt ? 'Started' : 'Queued'}</dt>
            <dd>{formatTime(run.startedAt ?? run.createdAt)}</dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>{formatTime(run.finishedAt)}</dd>
          </div>
        </>
      }
    />
  );
});

/** Every run of the review, newest first; each opens in the live run view. */
export function ReviewRunHistory({ runs, runners }: RunHistoryProps) {
  return <RunHistoryList label="Review runs" runs={runs} runners={runners} Card={ReviewRunCard} />;
}
