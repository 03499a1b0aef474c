import { memo } from 'react';
import type { Dispatch } from '@shared/contract';
import { Markdown } from '@renderer/components/Markdown';
import { ReviewThisPrButton } from '@renderer/features/reviews/ReviewThisPrButton';
import { formatTime } from '@renderer/lib/format';
import { RunFactItems } from '@renderer/features/run/RunFactItems';
import {
  RunHistoryCard,
  RunHistoryList,
  type RunHistoryEntryProps,
  type RunHistoryProps,
} from '@renderer/features/run/RunHistoryList';
import { formatDuration } from '@renderer/stores/run-timeline';

function duration(run: Dispatch): string {
  if (!run.startedAt || !run.finishedAt) return '';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  // finished-at can be read at second precision: a short run may seem to end before it began.
  return Number.isNaN(ms) || ms <= 0 ? '' : formatDuration(ms);
}

const TaskRunCard = memo(function TaskRunCard({ run, runnerName, number }: RunHistoryEntryProps) {
  const took = duration(run);
  return (
    <RunHistoryCard
      run={run}
      title={
        <>
          {run.followUpRequest ? 'Follow-up run' : 'Run'} {number}
        </>
      }
      meta={
        <span className="muted">
          {formatTime(run.startedAt ?? run.createdAt)}
          {took ? ` · ${took}` : ''}
        </span>
      }
      actions={
        run.status === 'succeeded' && run.pullRequestUrl ? (
          <ReviewThisPrButton url={run.pullRequestUrl} />
        ) : null
      }
      facts={<RunFactItems run={run} runner={runnerName} />}
    >
      {run.notes ? (
        <div className="run-card-block">
          <span className="muted">Notes</span>
          <Markdown source={run.notes} headingOffset={3} />
        </div>
      ) : null}
    </RunHistoryCard>
  );
});

/** Every run of the task, newest first. */
export function RunHistory({ runs, runners }: RunHistoryProps) {
  return <RunHistoryList label="Run history" runs={runs} runners={runners} Card={TaskRunCard} />;
}
