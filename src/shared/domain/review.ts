export const REVIEW_STATUSES = ['open', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_RUN_STATUSES = [
  'queued',
  'preparing',
  'running',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type ReviewRunStatus = (typeof REVIEW_RUN_STATUSES)[number];

export function isActiveReviewRun(status: ReviewRunStatus): boolean {
  return status === 'queued' || status === 'preparing' || status === 'running';
}
