import { memo, useId } from 'react';
import type { Dispatch, Runner } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { Markdown } from '@renderer/components/Markdown';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { PullRequestAddress } from '@renderer/features/run/RunResult';
import { agentName, runProgress } from '@renderer/features/run/run-text';
import { formatTime } from '@renderer/lib/format';
import { hrefForRun } from '@renderer/lib/route';
import { shortSha, submittedReview, succeededWithoutReview } from '@renderer/stores/review-labels';

function Submitted({ run }: { run: Dispatch }) {
  const submitted = submittedReview(run);
  if (submitted) return <PullRequestAddress url={submitted} />;
  if (submitted === '') return <>Submitted (the agent reported no address)</>;
  return <span className="muted">No review was submitted</span>;
}

const ReviewRunCard = memo(function ReviewRunCard({
  run,
  runnerName,
  number,
}: {
  run: Dispatch;
  runnerName: string;
  number: number;
}) {
  const titleId = useId();
  const active = isActiveDispatch(run.status);
  return (
    <li className={`run-card run-card-${run.status}`} aria-labelledby={titleId}>
      <div className="run-card-head">
        <RunBadge run={run} />
        {succeededWithoutReview(run) ? <span className="badge badge-warn">No review</span> : null}
        <a id={titleId} className="run-card-title" href={hrefForRun(run.id)}>
          {number === 1 ? 'Review' : 'Re-review'} {number}
        </a>
        <span className="muted mono" title={run.headSha || undefined}>
          {run.headSha ? `at ${shortSha(run.headSha)}` : ''}
        </span>
        <div className="spacer" />
        <a className="button button-small" href={hrefForRun(run.id)}>
          {active ? 'Watch live' : 'Open run'}
        </a>
      </div>
      {run.followUpRequest ? (
        <p className="run-card-follow-up">
          <span className="muted">Asked: </span>
          {run.followUpRequest}
        </p>
      ) : null}
      <dl className="run-card-facts">
        {active ? (
          <div>
            <dt>Phase</dt>
            <dd>{runProgress(run)}</dd>
          </div>
        ) : (
          <div className="run-facts-wide">
            <dt>On GitHub</dt>
            <dd>
              <Submitted run={run} />
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
      </dl>
      {run.summary ? <Markdown source={run.summary} headingOffset={3} className="run-card-summary" /> : null}
      {run.errorText ? (
        <div className="run-card-block run-card-error">
          <span>Error</span>
          <pre>{run.errorText}</pre>
        </div>
      ) : null}
    </li>
  );
});

/** Every run of the review, newest first; each opens in the live run view. */
export function ReviewRunHistory({
  runs,
  runners,
}: {
  runs: readonly Dispatch[];
  runners: Readonly<Record<string, Runner>>;
}) {
  return (
    <ol className="run-history" aria-label="Review runs">
      {runs.map((run, i) => (
        <ReviewRunCard
          key={run.id}
          run={run}
          number={runs.length - i}
          runnerName={run.runnerId ? (runners[run.runnerId]?.name ?? 'Removed runner') : '—'}
        />
      ))}
    </ol>
  );
}
