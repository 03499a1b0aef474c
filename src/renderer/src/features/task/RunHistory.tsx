import { memo, useId } from 'react';
import type { Dispatch, Runner } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { Markdown } from '@renderer/components/Markdown';
import { ReviewThisPrButton } from '@renderer/features/reviews/ReviewThisPrButton';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { formatTime } from '@renderer/lib/format';
import { hrefForRun } from '@renderer/lib/route';
import { RunFactItems } from '@renderer/features/run/RunFactItems';
import { runProgress } from '@renderer/features/run/run-text';
import { formatDuration } from '@renderer/stores/run-timeline';

function duration(run: Dispatch): string {
  if (!run.startedAt || !run.finishedAt) return '';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  // finished-at can be read at second precision: a short run may seem to end before it began.
  return Number.isNaN(ms) || ms <= 0 ? '' : formatDuration(ms);
}

const RunCard = memo(function RunCard({
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
  const took = duration(run);
  return (
    <li className={`run-card run-card-${run.status}`} aria-labelledby={titleId}>
      <div className="run-card-head">
        <RunBadge run={run} />
        <a id={titleId} className="run-card-title" href={hrefForRun(run.id)}>
          {run.followUpRequest ? 'Follow-up run' : 'Run'} {number}
        </a>
        <span className="muted">
          {formatTime(run.startedAt ?? run.createdAt)}
          {took ? ` · ${took}` : ''}
        </span>
        <div className="spacer" />
        {run.status === 'succeeded' && run.pullRequestUrl ? (
          <ReviewThisPrButton url={run.pullRequestUrl} />
        ) : null}
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
        ) : null}
        <RunFactItems run={run} runner={runnerName} />
      </dl>
      {run.summary ? <Markdown source={run.summary} headingOffset={3} className="run-card-summary" /> : null}
      {run.notes ? (
        <div className="run-card-block">
          <span className="muted">Notes</span>
          <Markdown source={run.notes} headingOffset={3} />
        </div>
      ) : null}
      {run.errorText ? (
        <div className="run-card-block run-card-error">
          <span>Error</span>
          <pre>{run.errorText}</pre>
        </div>
      ) : null}
    </li>
  );
});

/** Every run of the task, newest first. */
export function RunHistory({
  runs,
  runners,
}: {
  runs: readonly Dispatch[];
  runners: Readonly<Record<string, Runner>>;
}) {
  return (
    <ol className="run-history" aria-label="Run history">
      {runs.map((run, i) => (
        <RunCard
          key={run.id}
          run={run}
          number={runs.length - i}
          runnerName={run.runnerId ? (runners[run.runnerId]?.name ?? 'Removed runner') : '—'}
        />
      ))}
    </ol>
  );
}
