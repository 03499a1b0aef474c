import { EmptyState } from '@renderer/components/EmptyState';
import { PageHeader } from '@renderer/components/PageHeader';
import { formatTime } from '@renderer/lib/format';
import { useRecentReviews, useReviewsStore } from '@renderer/stores/reviews';

export function ReviewsPage() {
  const reviews = useRecentReviews();
  const status = useReviewsStore((c) => c.status);

  return (
    <div className="page">
      <PageHeader title="Reviews" />
      {reviews.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Pull request</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id}>
                <td className="mono">
                  {review.repository}#{review.pullRequestNumber}
                </td>
                <td>{review.title}</td>
                <td>
                  <span className={`badge status-${review.status}`}>{review.status}</span>
                </td>
                <td>{formatTime(review.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : status === 'ready' || status === 'error' ? (
        <EmptyState title="No reviews yet">
          Sortie can have an agent review a GitHub pull request and follow up on the feedback it gets. Reviews
          you start will be listed here.
        </EmptyState>
      ) : (
        <p className="muted loading">Loading reviews…</p>
      )}
    </div>
  );
}
