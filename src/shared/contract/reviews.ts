import { z } from 'zod';
import { parsePullRequestUrl } from '../domain/review';
import { channel } from './define';
import { idSchema, multiLineText, singleLine, timestampSchema } from './common';
import { dispatchSchema } from './dispatches';
import { agentSchema } from './runners';

/**
 * A pull request the user asked Sortie to review. Its runs are runs of kind 'review'
 * (`Dispatch` with `reviewId` set), listed by `reviews.history`.
 */
export const reviewSchema = z.object({
  id: idSchema,
  /** https://github.com/OWNER/NAME/pull/N */
  pullRequestUrl: z.string(),
  /** OWNER/NAME */
  repository: z.string(),
  pullRequestNumber: z.number().int().positive(),
  title: z.string(),
  baseBranch: z.string(),
  /** https://github.com/OWNER/NAME: how a project is matched. */
  repoUrl: z.string(),
  /** What the runner clones (the matched project's git URL, else the PR's clone URL). */
  gitUrl: z.string(),
  /** The project whose repository this is, when one has it; its checkout is used. */
  projectId: idSchema.nullable(),
  /** The review workspace's folder on runners, for a repository no project has; '' otherwise. */
  workspaceKey: z.string(),
  /** Where re-reviews run (the runner of the first run unless one is chosen). */
  runnerId: idSchema.nullable(),
  agent: agentSchema,
  /** The GitHub user the review is for (Settings' main user when it was created). */
  mainUser: z.string(),
  extraInstructions: z.string(),
  /** The PR head commit read when the latest run was queued. */
  headSha: z.string(),
  /** The newest run, active or not. */
  latestRun: dispatchSchema.nullable(),
  /** The newest review a run submitted on GitHub, or null. */
  submittedReviewUrl: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Review = z.infer<typeof reviewSchema>;

const reviewIdInput = z.object({ reviewId: idSchema }).strict();

export const pullRequestUrlSchema = singleLine(500)
  .trim()
  .refine((url) => parsePullRequestUrl(url) !== null, {
    message: 'must be a GitHub pull request URL, like https://github.com/owner/repo/pull/123',
  });

export const reviewCreateInput = z
  .object({
    pullRequestUrl: pullRequestUrlSchema,
    /** Defaults to the default runner. */
    runnerId: idSchema.optional(),
    /** Defaults to the runner's default agent. */
    agent: agentSchema.optional(),
    extraInstructions: multiLineText(20_000).trim().optional(),
  })
  .strict();

export const reviewRerunInput = z
  .object({
    reviewId: idSchema,
    /** What to look at this time ("check the fix for the race"); optional. */
    request: multiLineText(20_000).trim().optional(),
  })
  .strict();

export const reviewDeleteOutput = z.object({
  deleted: z.literal(true),
  /**
   * Why the review's worktrees, branches and run directories were left on the runner (it could
   * not be reached); `maintenance.cleanup` removes them later. Null when they were removed.
   */
  remoteCleanupSkipped: z.string().nullable(),
});

export const reviewChannels = {
  'reviews.list': channel('reviews.list', z.object({}).strict().default({}), z.array(reviewSchema)),
  'reviews.get': channel('reviews.get', reviewIdInput, reviewSchema),
  /** The review's runs, newest first. */
  'reviews.history': channel('reviews.history', reviewIdInput, z.array(dispatchSchema)),
  /** Reads the PR on the runner (it must be open) and queues the first review run. */
  'reviews.create': channel('reviews.create', reviewCreateInput, reviewSchema),
  /** Queues a new run at the PR's current head; refused while a run of the review is active. */
  'reviews.rerun': channel('reviews.rerun', reviewRerunInput, dispatchSchema),
  /** Cancels the review's active run, stopping its remote processes. */
  'reviews.cancel': channel('reviews.cancel', reviewIdInput, dispatchSchema),
  /** Forgets the review and its runs, and removes their traces from the runner when it answers. */
  'reviews.delete': channel('reviews.delete', reviewIdInput, reviewDeleteOutput),
} as const;
