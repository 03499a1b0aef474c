import { z } from 'zod';
import { REVIEW_RUN_STATUSES, REVIEW_STATUSES } from '../domain/review';
import { channel } from './define';
import { idSchema, timestampSchema } from './common';

export const reviewSchema = z.object({
  id: idSchema,
  pullRequestUrl: z.string(),
  repository: z.string(),
  pullRequestNumber: z.number().int().positive(),
  title: z.string(),
  projectId: idSchema.nullable(),
  workspaceKey: z.string(),
  runnerId: idSchema.nullable(),
  status: z.enum(REVIEW_STATUSES),
  extraInstructions: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Review = z.infer<typeof reviewSchema>;

export const reviewRunSchema = z.object({
  id: idSchema,
  reviewId: idSchema,
  status: z.enum(REVIEW_RUN_STATUSES),
  headSha: z.string(),
  summary: z.string(),
  errorText: z.string(),
  createdAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
});
export type ReviewRun = z.infer<typeof reviewRunSchema>;

export const reviewChannels = {
  'reviews.list': channel('reviews.list', z.object({}).strict().default({}), z.array(reviewSchema)),
} as const;
