import type { Review } from '@shared/contract';
import type { Repositories } from '../repositories';

export type ReviewService = ReturnType<typeof createReviewService>;

/** Read side of PR reviews; creating and running them arrives with the reviews issue. */
export function createReviewService({ repos }: { repos: Pick<Repositories, 'reviews'> }) {
  return {
    list: (): Review[] => repos.reviews.list(),
  };
}
