import type { Dispatch, Review } from '@shared/contract';
import type { Repositories, StoredReview } from '../../repositories';

/** A stored review with what its runs say: the newest run and the newest submitted review. */
export function reviewView(repos: Pick<Repositories, 'dispatches'>, review: StoredReview): Review {
  return withRuns(review, repos.dispatches.listForReview(review.id));
}

/** Every review, newest first, each with its runs' state. */
export function reviewViews(repos: Pick<Repositories, 'dispatches' | 'reviews'>): Review[] {
  return repos.reviews.list().map((review) => reviewView(repos, review));
}

function withRuns(review: StoredReview, runs: readonly Dispatch[]): Review {
  const submitted = runs.find((run) => run.reviewSubmitted && run.githubReviewUrl);
  return { ...review, latestRun: runs[0] ?? null, submittedReviewUrl: submitted?.githubReviewUrl ?? null };
}
