import { useMemo } from 'react';
import type { Review } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { newestFirst } from './selectors';

const reviews = createCollectionStore<Review>();

export const useReviewsStore = reviews.useStore;
export const applyReview = reviews.apply;

export function loadReviews(): Promise<void> {
  return reviews.load(() => invoke('reviews.list'));
}

export function useRecentReviews(): Review[] {
  const byId = useReviewsStore((c) => c.byId);
  return useMemo(() => newestFirst(byId), [byId]);
}
