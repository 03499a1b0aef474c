import { useCallback, useId, useState } from 'react';
import type { Dispatch, Review } from '@shared/contract';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { PullRequestAddress } from '@renderer/features/run/RunResult';
import { agentName, runProgress } from '@renderer/features/run/run-text';
import { activeRun } from '@renderer/features/task/task-runs';
import { formatTime, plural } from '@renderer/lib/format';
import { hrefFor, hrefForRun, navigate } from '@renderer/lib/route';
import { usePageKey } from '@renderer/lib/use-page-key';
import { reviewLabel, shortSha, submittedReviewLink } from '@renderer/stores/review-labels';
import { deleteReview } from '@renderer/stores/reviews';
import { cancelRun } from '@renderer/stores/run-actions';
import { useRunnersStore } from '@renderer/stores/runners';
import { showToast } from '@renderer/stores/ui';
import { RereviewComposer } from './RereviewComposer';
import { ReviewRunHistory } from './ReviewRunHistory';
import { useReviewPage } from './use-review';

type ReviewDialog = 'cancel' | 'delete' | null;

function ReviewFacts({ review }: { review: Review }) {
  const headingId = useId();
  const runner = useRunnersStore((c) => (review.runnerId ? c.byId[review.runnerId] : undefined));
  const submitted = submittedReviewLink(review);
  return (
    <section className="task-card" aria-labelledby={headingId}>
      <h2 id={headingId}>Pull request</h2>
      <dl className="run-facts review-facts">
        <div className="run-facts-wide">
          <dt>Address</dt>
          <dd>
            <PullRequestAddress url={review.pullRequestUrl} />
          </dd>
        </div>
        <div>
          <dt>Repository</dt>
          <dd className="mono">{review.repository}</dd>
        </div>
        <div>
          <dt>Base branch</dt>
          <dd className="mono">{review.baseBranch || '—'}</dd>
        </div>
        <div>
          <dt>Pinned head</dt>
          <dd className="mono" title={review.headSha || undefined}>
            {shortSha(review.headSha) || '—'}
          </dd>
        </div>
        <div>
          <dt>Runner</dt>
          <dd>{runner?.name ?? (review.runnerId ? 'Removed runner' : 'Default runner')}</dd>
        </div>
        <div>
          <dt>Agent</dt>
          <dd>{agentName(review.agent)}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>{review.mainUser ? `@${review.mainUser}` : '—'}</dd>
        </div>
        {submitted ? (
          <div className="run-facts-wide">
            <dt>Latest submitted review</dt>
            <dd>
              <PullRequestAddress url={submitted} />
            </dd>
          </div>
        ) : null}
      </dl>
      {review.extraInstructions ? (
        <div className="review-extra">
          <span className="muted">Extra instructions</span>
          <p className="prewrap">{review.extraInstructions}</p>
        </div>
      ) : null}
    </section>
  );
}

function ActiveRunPanel({ run }: { run: Dispatch }) {
  const headingId = useId();
  return (
    <section className="task-card" aria-labelledby={headingId}>
      <h2 id={headingId}>Active run</h2>
      <div className="active-run">
        <div className="active-run-status">
          <RunBadge run={run} />
          <span>{runProgress(run)}</span>
        </div>
        <div className="panel-actions">
          <a className="button button-primary" href={hrefForRun(run.id)}>
            Watch live
          </a>
        </div>
      </div>
    </section>
  );
}

/**
 * One review: the pull request, its runs, and what can be done with it (review again, cancel
 * the active run, delete). Esc goes back to the list.
 */
export function ReviewPage({ reviewId }: { reviewId: string }) {
  const { review, runs, loading, missing, error } = useReviewPage(reviewId);
  const runners = useRunnersStore((c) => c.byId);
  const [dialog, setDialog] = useState<ReviewDialog>(null);
  const historyId = useId();
  const backToList = useCallback(() => navigate(hrefFor('reviews')), []);
  usePageKey('Escape', backToList);

  if (missing) {
    return (
      <div className="page">
        <EmptyState
          title="This review does not exist"
          action={<a href={hrefFor('reviews')}>Back to the reviews</a>}
        >
          It may have been deleted.
        </EmptyState>
      </div>
    );
  }
  if (!review) {
    return (
      <div className="page">
        {error ? (
          <EmptyState title="Could not load this review">{error}</EmptyState>
        ) : loading ? (
          <p className="muted loading">Loading the review…</p>
        ) : null}
      </div>
    );
  }

  const label = reviewLabel(review);
  const active = activeRun(runs);
  const latest = runs[0] ?? review.latestRun;
  return (
    <div className="page task-page review-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={hrefFor('reviews')}>Reviews</a>
        <span aria-hidden="true">/</span>
        <span className="mono">{label}</span>
      </nav>
      <header className="page-header">
        <h1 className="page-title">{review.title || label}</h1>
        {latest ? <RunBadge run={latest} /> : null}
        <div className="page-actions">
          {active ? (
            <button type="button" className="button button-danger-quiet" onClick={() => setDialog('cancel')}>
              Cancel run
            </button>
          ) : null}
          <button type="button" className="button button-danger-quiet" onClick={() => setDialog('delete')}>
            Delete review
          </button>
        </div>
      </header>
      <p className="task-page-meta muted">
        <span className="mono">{label}</span> · created {formatTime(review.createdAt)}
      </p>

      <div className="task-layout">
        <div className="task-main-column">
          <ReviewFacts review={review} />
          <section className="task-section" aria-labelledby={historyId}>
            <div className="section-heading">
              <h2 id={historyId}>Runs</h2>
              <span className="muted">{plural(runs.length, 'run')}</span>
            </div>
            {runs.length > 0 ? (
              <ReviewRunHistory runs={runs} runners={runners} />
            ) : (
              <p className="muted task-empty-runs">No runs yet.</p>
            )}
          </section>
        </div>
        <aside className="task-side-column" aria-label="Actions">
          {active ? <ActiveRunPanel run={active} /> : null}
          <RereviewComposer review={review} runs={runs} />
        </aside>
      </div>

      {dialog === 'cancel' && active ? (
        <ConfirmDialog
          title="Cancel this review run?"
          confirmLabel="Cancel run"
          dismissLabel="Keep running"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await cancelRun(active);
            showToast('info', `Canceled the review run of ${label}.`);
          }}
        >
          <p>
            The review of {label} is {active.status}. Sortie stops the agent and its processes on the runner;
            nothing is submitted on GitHub. You can review it again later.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete this review?"
          confirmLabel="Delete review"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const skipped = await deleteReview(review.id);
            navigate(hrefFor('reviews'));
            if (skipped) {
              showToast(
                'warning',
                `Deleted the review of ${label}, but its worktrees and run directories stay on the runner: ${skipped}. Maintenance cleanup removes them once the runner answers.`,
              );
            } else {
              showToast('info', `Deleted the review of ${label}.`);
            }
          }}
        >
          <p>
            The review of {label} will be forgotten with {plural(runs.length, 'run')} and their output, and
            its review worktrees and run directories on the runner are removed. Reviews already submitted on
            GitHub stay there. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
