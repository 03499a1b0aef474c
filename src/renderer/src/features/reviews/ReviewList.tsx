import { memo } from 'react';
import type { Review } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { SubmittedReviewLink } from '@renderer/components/PullRequestLink';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { runProgress } from '@renderer/features/run/run-text';
import { formatTime } from '@renderer/lib/format';
import { hrefForReview, navigateFromRow } from '@renderer/lib/route';
import { reviewLabel, submittedReviewLink, succeededWithoutReview } from '@renderer/stores/review-labels';

/** When the latest run last moved: finished, started, or queued; the review's own time without one. */
function lastActivity(review: Review): string {
  const run = review.latestRun;
  return run ? (run.finishedAt ?? run.startedAt ?? run.createdAt) : review.updatedAt;
}

function LatestRun({ review }: { review: Review }) {
  const run = review.latestRun;
  if (!run) return <span className="muted">No run yet</span>;
  return (
    <span className="review-latest">
      <RunBadge run={run} />
      {succeededWithoutReview(run) ? <span className="badge badge-warn">No review</span> : null}
      {isActiveDispatch(run.status) ? <span className="muted">{runProgress(run)}</span> : null}
    </span>
  );
}

const ReviewRow = memo(function ReviewRow({ review }: { review: Review }) {
  const label = reviewLabel(review);
  const active = review.latestRun !== null && isActiveDispatch(review.latestRun.status);
  const submitted = submittedReviewLink(review);
  return (
    <tr
      className={`review-row${active ? ' review-row-active' : ''}`}
      onClick={(e) => navigateFromRow(e, hrefForReview(review.id))}
    >
      <td className="nowrap mono">{review.repository}</td>
      <td className="review-title">
        <a href={hrefForReview(review.id)} title={`Open the review of ${label}`}>
          <span className="mono">#{review.pullRequestNumber}</span> {review.title || label}
        </a>
      </td>
      <td className="nowrap">
        <LatestRun review={review} />
      </td>
      <td className="nowrap">{formatTime(lastActivity(review))}</td>
      <td className="nowrap">
        {submitted ? <SubmittedReviewLink url={submitted} of={label} /> : <span className="muted">—</span>}
      </td>
    </tr>
  );
});

/** The reviews, newest first: repository, pull request, where the latest run stands, its review. */
export function ReviewList({ reviews }: { reviews: readonly Review[] }) {
  return (
    <table className="table reviews-table" aria-label="Reviews">
      <thead>
        <tr>
          <th scope="col">Repository</th>
          <th scope="col">Pull request</th>
          <th scope="col">Latest run</th>
          <th scope="col">When</th>
          <th scope="col">On GitHub</th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((review) => (
          <ReviewRow key={review.id} review={review} />
        ))}
      </tbody>
    </table>
  );
}
