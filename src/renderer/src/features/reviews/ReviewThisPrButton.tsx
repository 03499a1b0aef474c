import { useState } from 'react';
import { parsePullRequestUrl } from '@shared/domain/review';
import { explainError } from '@renderer/components/error-advice';
import { hrefForReview, navigate } from '@renderer/lib/route';
import { reviewLabel } from '@renderer/stores/review-labels';
import { createReview, useReviewOfPullRequest } from '@renderer/stores/reviews';
import { showToast } from '@renderer/stores/ui';

/**
 * Has an agent review the pull request a task run opened, then shows the new review. A pull
 * request already under review links to its review instead, where it can be reviewed again.
 */
export function ReviewThisPrButton({ url }: { url: string }) {
  const pr = parsePullRequestUrl(url);
  const existing = useReviewOfPullRequest(pr?.url ?? null);
  const [pending, setPending] = useState(false);
  if (!pr) return null;
  if (existing) {
    return (
      <a className="button button-small" href={hrefForReview(existing.id)}>
        Open its review
      </a>
    );
  }

  function start(pullRequestUrl: string): void {
    setPending(true);
    createReview({ pullRequestUrl })
      .then((review) => {
        showToast('info', `Review of ${reviewLabel(review)} queued.`);
        navigate(hrefForReview(review.id));
      })
      .catch((error: unknown) => {
        showToast('error', explainError(error));
        setPending(false);
      });
  }

  return (
    <button type="button" className="button button-small" onClick={() => start(pr.url)} disabled={pending}>
      {pending ? 'Reading the pull request…' : 'Review this PR'}
    </button>
  );
}
