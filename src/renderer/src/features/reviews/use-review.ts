import { useEffect, useMemo } from 'react';
import type { Dispatch, Review } from '@shared/contract';
import { invoke } from '@renderer/api';
import { mergeRunsOf, newerOf } from '@renderer/features/task/task-runs';
import { useCoreRead } from '@renderer/lib/use-core-read';
import { useFetchedOnce } from '@renderer/lib/use-fetched-once';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { useReviewsStore } from '@renderer/stores/reviews';

export interface ReviewPageData {
  review: Review | null;
  /** Newest first. */
  runs: Dispatch[];
  /** The first fetch has not answered yet. */
  loading: boolean;
  /** The review does not exist (any more). */
  missing: boolean;
  error: string;
}

interface ReviewDetail {
  review: Review;
  history: Dispatch[];
}

/**
 * A review (`reviews.get`) with its run history (`reviews.history`), then kept current by
 * `review.updated` and `dispatch.updated` through the reviews and runs stores.
 */
export function useReviewPage(reviewId: string): ReviewPageData {
  const { value: detail, loading, missing, error, reloads, follow } = useCoreRead<ReviewDetail>();
  const stored = useReviewsStore((c) => c.byId[reviewId]);
  const deleted = useReviewsStore((c) => c.removed.has(reviewId));
  const liveRuns = useDispatchesStore((c) => c.byId);
  const removedRuns = useDispatchesStore((c) => c.removed);

  useEffect(
    () =>
      follow(
        Promise.all([invoke('reviews.get', { reviewId }), invoke('reviews.history', { reviewId })]).then(
          ([review, history]) => ({ review, history }),
        ),
      ),
    [follow, reviewId, reloads],
  );

  const history = detail?.history;
  const runs = useMemo(
    () => mergeRunsOf(reviewId, history ?? [], liveRuns, removedRuns),
    [reviewId, history, liveRuns, removedRuns],
  );

  return {
    review: deleted ? null : newerOf(stored, detail?.review),
    runs,
    loading,
    missing: missing || deleted,
    error,
  };
}

const fetchReview = (reviewId: string) => invoke('reviews.get', { reviewId });

/** A review from the reviews store, or fetched once when the store does not hold it. */
export function useReviewLookup(reviewId: string | null): Review | null {
  const stored = useReviewsStore((c) => (reviewId ? c.byId[reviewId] : undefined));
  const fetched = useFetchedOnce(reviewId, stored === undefined, fetchReview);
  return newerOf(stored, fetched);
}
