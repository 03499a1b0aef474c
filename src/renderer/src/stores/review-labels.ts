import type { Dispatch, Review } from '@shared/contract';
import { isWebUrl } from './run-labels';

/** How a review is named in lists: `owner/repo#N`. */
export function reviewLabel(review: Pick<Review, 'repository' | 'pullRequestNumber'>): string {
  return `${review.repository}#${review.pullRequestNumber}`;
}

/** A commit as people read it: its first 7 characters; '' stays ''. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

type ReviewRunOutcome = Pick<Dispatch, 'status' | 'reviewSubmitted' | 'githubReviewUrl'>;

/**
 * The review a run submitted on GitHub: its address, '' when submitted without a web address
 * reported, or null when it submitted none. `reviewSubmitted` decides: an address the agent
 * reported without submitting is not a review.
 */
export function submittedReview(run: ReviewRunOutcome): string | null {
  if (!run.reviewSubmitted) return null;
  return run.githubReviewUrl && isWebUrl(run.githubReviewUrl) ? run.githubReviewUrl : '';
}

/** A review's latest submitted review, when its address is a web link. */
export function submittedReviewLink(review: Pick<Review, 'submittedReviewUrl'>): string | null {
  const url = review.submittedReviewUrl;
  return url && isWebUrl(url) ? url : null;
}

/**
 * A review run that ended "succeeded" without a review on GitHub did not do its job: the agent
 * claimed success but submitted nothing. The window says so instead of showing a success.
 */
export function succeededWithoutReview(run: ReviewRunOutcome): boolean {
  return run.status === 'succeeded' && !run.reviewSubmitted;
}
