import { useMemo } from 'react';
import type { Dispatch } from '@shared/contract';
import { hasWorktreeToShow, isActiveDispatch, isCancellableDispatch } from '@shared/domain/dispatch';
import { EmptyState } from '@renderer/components/EmptyState';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { formatTime } from '@renderer/lib/format';
import { useReviewLookup } from '@renderer/features/reviews/use-review';
import { hrefFor, hrefForReview, hrefForTask } from '@renderer/lib/route';
import { reviewLabel } from '@renderer/stores/review-labels';
import { retryRunLog, useRunLog } from '@renderer/stores/run-events';
import { buildPhaseTimeline, formatDuration } from '@renderer/stores/run-timeline';
import { useRunnersStore } from '@renderer/stores/runners';
import { ChangesView } from '@renderer/features/changes/ChangesView';
import { TerminalsSection } from '@renderer/features/terminal/TerminalsSection';
import { CancelRunButton } from './CancelRunButton';
import { PhaseTimeline } from './PhaseTimeline';
import { RunFactItems } from './RunFactItems';
import { PullRequestAddress, RunResult } from './RunResult';
import { RunOutput } from './RunOutput';
import { UsageFigure } from './UsageFigure';
import { runProgress } from './run-text';
import { isLive, useNow, useRunDetail, useRunLogOpen, useTaskLookup, useWatchRun } from './use-run';

function RunFacts({ run, now, lastSeen }: { run: Dispatch; now: number; lastSeen: string | null }) {
  const runner = useRunnersStore((c) => (run.runnerId ? c.byId[run.runnerId] : undefined));
  const started = run.startedAt ?? run.createdAt;
  // The remote records the end to the second: the run lasted at least until its last output.
  const end = run.finishedAt
    ? Math.max(Date.parse(run.finishedAt), lastSeen ? Date.parse(lastSeen) : 0)
    : isActiveDispatch(run.status)
      ? now
      : null;
  const duration = end === null ? null : end - Date.parse(started);
  return (
    <dl className="run-facts">
      <RunFactItems
        run={run}
        runner={runner?.name ?? (run.runnerId ? <span className="mono">{run.runnerId}</span> : '—')}
      >
        <div>
          <dt>{run.startedAt ? 'Started' : 'Queued'}</dt>
          <dd>{formatTime(started)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd className="tabular">
            {duration === null || Number.isNaN(duration) || duration < 0 ? '—' : formatDuration(duration)}
          </dd>
        </div>
        <div>
          <dt>Usage</dt>
          <dd>
            {run.usage ? <UsageFigure usage={run.usage} /> : <span className="muted">Not reported yet</span>}
          </dd>
        </div>
      </RunFactItems>
    </dl>
  );
}

/** One run's live view: prompt, phases, the agent's output as it streams, and the result. */
export function RunPage({ dispatchId }: { dispatchId: string }) {
  const { run, prompt, loading, missing, error } = useRunDetail(dispatchId);
  useRunLogOpen(dispatchId);
  const log = useRunLog(dispatchId);
  const live = run !== null && isLive(run);
  useWatchRun(dispatchId, live);
  const active = run !== null && isActiveDispatch(run.status);
  const now = useNow(active);
  const task = useTaskLookup(run?.taskId ?? null);
  const review = useReviewLookup(run?.reviewId ?? null);
  const events = log?.events;
  const steps = useMemo(
    () => (run && events ? buildPhaseTimeline(events, run, now) : []),
    [run, events, now],
  );

  if (missing) {
    return (
      <div className="page">
        <EmptyState title="This run does not exist" action={<a href={hrefFor('runs')}>Back to the runs</a>}>
          It may have been discarded with its task’s run history, or its task or review was deleted.
        </EmptyState>
      </div>
    );
  }
  if (!run) {
    return (
      <div className="page">
        {error ? (
          <EmptyState title="Could not load this run">{error}</EmptyState>
        ) : loading ? (
          <p className="muted loading">Loading the run…</p>
        ) : null}
      </div>
    );
  }

  // A task run belongs to its task; a review run to its review, named by its pull request.
  const owner =
    run.kind === 'review'
      ? {
          title: review ? `Review of ${reviewLabel(review)}` : 'Review run',
          crumb: review ? reviewLabel(review) : 'Review',
          href: run.reviewId ? hrefForReview(run.reviewId) : hrefFor('reviews'),
          open: 'Open review',
        }
      : {
          title: task?.title ?? 'Run',
          crumb: task?.title ?? 'Task',
          href: run.taskId ? hrefForTask(run.taskId) : hrefFor('queue'),
          open: 'Open task',
        };
  const progress = runProgress(run);
  return (
    <div className="page run-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={hrefFor('runs')}>Runs</a>
        <span aria-hidden="true">/</span>
        <a href={owner.href}>{owner.crumb}</a>
      </nav>
      <header className="page-header">
        <h1 className="page-title">{owner.title}</h1>
        <RunBadge run={run} />
        {progress ? <span className="muted run-progress">{progress}…</span> : null}
        <div className="page-actions">
          {isCancellableDispatch(run) ? <CancelRunButton run={run} /> : null}
          <a className="button" href={owner.href}>
            {owner.open}
          </a>
        </div>
      </header>
      {run.kind === 'review' && review ? (
        <p className="task-page-meta muted review-run-pr">
          {review.title ? <span className="strong">{review.title}</span> : null}{' '}
          <PullRequestAddress url={review.pullRequestUrl} />
        </p>
      ) : null}
      <RunFacts run={run} now={now} lastSeen={steps.at(-1)?.endedAt ?? null} />
      {run.followUpRequest ? (
        <div className="run-follow-up">
          <span className="run-follow-up-label">
            {run.kind === 'review' ? 'Re-review request' : 'Follow-up'}
          </span>
          <p className="prewrap">{run.followUpRequest}</p>
        </div>
      ) : null}
      {!active ? <RunResult run={run} /> : null}
      {run.kind === 'task' && hasWorktreeToShow(run) ? <ChangesView runId={run.id} live={live} /> : null}
      {hasWorktreeToShow(run) ? <TerminalsSection runId={run.id} /> : null}
      <details className="run-prompt">
        <summary>
          Prompt sent to the agent
          {prompt ? <span className="muted"> · {prompt.length.toLocaleString()} characters</span> : null}
        </summary>
        {prompt ? (
          <pre className="run-prompt-text">{prompt}</pre>
        ) : (
          <p className="muted run-prompt-empty">
            {active
              ? 'The prompt is written when the launch reaches “Uploading the prompt and result schema”.'
              : 'This run ended before a prompt was sent.'}
          </p>
        )}
      </details>
      <div className="run-body">
        <PhaseTimeline steps={steps} />
        <RunOutput
          log={log}
          live={live}
          worktreePath={run.worktreePath}
          emptyText={
            active ? 'Nothing yet: entries appear here as the run goes on.' : 'This run recorded no output.'
          }
          onRetry={() => void retryRunLog(dispatchId)}
        />
      </div>
    </div>
  );
}
