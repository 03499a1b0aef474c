import { EmptyState } from '@renderer/components/EmptyState';
import { explainError } from '@renderer/components/error-advice';
import { PageHeader } from '@renderer/components/PageHeader';
import { loadReviews, useRecentReviews, useReviewsStore } from '@renderer/stores/reviews';
import { showToast } from '@renderer/stores/ui';
import { NewReviewForm } from './NewReviewForm';
import { ReviewList } from './ReviewList';

/**
 * The pull requests an agent reviews: a form to start one from its URL, and the list, whose
 * latest runs move live. `focusUrl`: opened from the tray, to paste a URL at once.
 */
export function ReviewsPage({ focusUrl = false }: { focusUrl?: boolean }) {
  const reviews = useRecentReviews();
  const status = useReviewsStore((c) => c.status);

  return (
    <div className="page reviews-page">
      <PageHeader title="Reviews" />
      <NewReviewForm focusUrl={focusUrl} />
      {status === 'error' ? (
        <div className="notice notice-danger notice-inline" role="alert">
          <span>
            <span className="strong">Could not load the reviews.</span> Check that Sortie is still running,
            then try again.
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => loadReviews().catch((error: unknown) => showToast('error', explainError(error)))}
          >
            Try again
          </button>
        </div>
      ) : null}
      {reviews.length > 0 ? (
        <ReviewList reviews={reviews} />
      ) : status === 'ready' ? (
        <EmptyState title="No reviews yet">
          Paste a GitHub pull request URL above and an agent reviews it on one of your runners: it reads the
          change at the pull request’s current head, then submits one review on GitHub with its findings, as
          comments that mention you. You can ask for another look after new commits.
        </EmptyState>
      ) : status !== 'error' ? (
        <p className="muted loading">Loading reviews…</p>
      ) : null}
    </div>
  );
}
