import { useId } from 'react';
import type { Dispatch } from '@shared/contract';
import { Markdown } from '@renderer/components/Markdown';
import { PullRequestStatusOf } from '@renderer/features/pull-requests/PullRequestStatusMarks';
import { ReviewThisPrButton } from '@renderer/features/reviews/ReviewThisPrButton';
import { formatTime } from '@renderer/lib/format';
import { submittedReview, succeededWithoutReview } from '@renderer/stores/review-labels';

const OUTCOMES: Record<string, { title: string; tone: 'ok' | 'danger' | 'warn' | 'muted' }> = {
  succeeded: { title: 'The run succeeded', tone: 'ok' },
  failed: { title: 'The run failed', tone: 'danger' },
  blocked: { title: 'The agent is blocked', tone: 'warn' },
  canceled: { title: 'The run was canceled', tone: 'muted' },
};

/** A pull request link; it opens in the system browser. */
export function PullRequestAddress({ url }: { url: string }) {
  return (
    <a className="pr-link" href={url} target="_blank" rel="noreferrer">
      {url.replace(/^https?:\/\/(www\.)?github\.com\//, '')}
    </a>
  );
}

/** What a finished review run left on GitHub: the review it submitted, or that there is none. */
function ReviewSubmission({ run }: { run: Dispatch }) {
  const submitted = submittedReview(run);
  if (submitted === null)
    return <p className="run-result-pr run-result-no-review">No review was submitted.</p>;
  return (
    <p className="run-result-pr">
      <span className="muted">Submitted review</span>{' '}
      {submitted ? <PullRequestAddress url={submitted} /> : 'on GitHub (the agent reported no address)'}
    </p>
  );
}

function outcomeOf(run: Dispatch): { title: string; tone: 'ok' | 'danger' | 'warn' | 'muted' } {
  if (run.released) return { title: 'Released: waiting for the runner', tone: 'warn' };
  // The agent said it succeeded, but the review it was there for is not on GitHub.
  if (run.kind === 'review' && succeededWithoutReview(run)) {
    return { title: 'The run ended without submitting a review', tone: 'warn' };
  }
  return OUTCOMES[run.status] ?? { title: run.status, tone: 'muted' };
}

/**
 * How a finished run ended: outcome, summary, the pull request a task run opened (which can be
 * reviewed from here once the run succeeded) or the review a review run submitted, notes, error.
 */
export function RunResult({ run }: { run: Dispatch }) {
  const headingId = useId();
  const outcome = outcomeOf(run);
  return (
    <section className={`run-result run-result-${outcome.tone}`} aria-labelledby={headingId}>
      <div className="run-result-head">
        <h2 id={headingId}>{outcome.title}</h2>
        {run.finishedAt ? <span className="muted">Finished {formatTime(run.finishedAt)}</span> : null}
      </div>
      {run.released ? (
        <p className="run-released">
          Sortie could not reach this run’s runner, so it set the run aside as blocked instead of waiting. The
          agent may still be working there: Sortie keeps checking, and records the real outcome when the
          runner answers again.
        </p>
      ) : null}
      {run.summary ? (
        <Markdown source={run.summary} headingOffset={2} className="run-result-summary" />
      ) : null}
      {run.kind === 'review' ? <ReviewSubmission run={run} /> : null}
      {run.kind === 'task' && run.pullRequestUrl ? (
        <p className="run-result-pr">
          <span className="muted">Pull request</span> <PullRequestAddress url={run.pullRequestUrl} />{' '}
          <PullRequestStatusOf url={run.pullRequestUrl} variant="full" />
          {run.status === 'succeeded' ? <ReviewThisPrButton url={run.pullRequestUrl} /> : null}
        </p>
      ) : null}
      {run.notes ? (
        <div className="run-result-block">
          <h3>Notes</h3>
          <Markdown source={run.notes} headingOffset={3} />
        </div>
      ) : null}
      {run.errorText ? (
        <div className="run-result-block">
          <h3>Error</h3>
          <pre className="run-error-text">{run.errorText}</pre>
        </div>
      ) : null}
    </section>
  );
}
