import { useMemo } from 'react';
import type { ChannelInput, Review } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { newestFirst } from './selectors';

/**
 * Pull request reviews, kept current by `review.updated` (sent whenever a review or one of its
 * runs changes, so `latestRun` is live too). Their runs are in the runs store with the others;
 * re-running and canceling, which reply with a run, are in run-actions.ts.
 */
const reviews = createCollectionStore<Review>();

export const useReviewsStore = reviews.useStore;
export const applyReview = reviews.apply;

export function loadReviews(): Promise<void> {
  return reviews.load(() => invoke('reviews.list'));
}

export async function createReview(input: ChannelInput<'reviews.create'>): Promise<Review> {
  return reviews.applyReply(invoke('reviews.create', input));
}

/**
 * Deletes the review; its runs go with it (the runs store drops them). Returns why the runner
 * kept its traces, or null when they were removed.
 */
export async function deleteReview(reviewId: string): Promise<string | null> {
  const { remoteCleanupSkipped } = await invoke('reviews.delete', { reviewId });
  reviews.apply(reviewId, null);
  return remoteCleanupSkipped;
}

export function useRecentReviews(): Review[] {
  const byId = useReviewsStore((c) => c.byId);
  return useMemo(() => newestFirst(byId), [byId]);
}

export function useReview(id: string | null): Review | undefined {
  return useReviewsStore((c) => (id === null ? undefined : c.byId[id]));
}

/** The review of a pull request, when one exists here (matched by its canonical URL). */
export function useReviewOfPullRequest(url: string | null): Review | undefined {
  return useReviewsStore((c) =>
    url === null ? undefined : Object.values(c.byId).find((review) => review.pullRequestUrl === url),
  );
}
