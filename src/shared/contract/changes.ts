import { z } from 'zod';
import { channel } from './define';
import { idSchema } from './common';

/** One file a branch changed against its base. */
export const changedFileSchema = z.object({
  path: z.string(),
  /** Where a renamed file came from; null otherwise. */
  oldPath: z.string().nullable(),
  /** Lines added and deleted; null for a binary file. */
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
  binary: z.boolean(),
  /** A new file git does not track yet (the agent has not added it). */
  untracked: z.boolean(),
});
export type ChangedFile = z.infer<typeof changedFileSchema>;

export const branchCommitSchema = z.object({
  sha: z.string(),
  author: z.string(),
  at: z.string(),
  subject: z.string(),
});
export type BranchCommit = z.infer<typeof branchCommitSchema>;

/**
 * What a run's branch changed against its base branch, read from its worktree on the runner in
 * one call: committed and uncommitted work alike.
 */
export const branchChangesSchema = z.object({
  runId: idSchema,
  branch: z.string(),
  baseBranch: z.string(),
  baseSha: z.string(),
  headSha: z.string(),
  /**
   * The worktree is gone from the runner (the task was cleaned up): nothing could be read, and
   * the lists are empty. Not an error: a finished task's worktree is removed on purpose.
   */
  worktreeGone: z.boolean(),
  files: z.array(changedFileSchema),
  /** The unified diff (git's format), cut at a cap: `patchTruncated` then says so. */
  patch: z.string(),
  patchTruncated: z.boolean(),
  /** The branch's commits since the base, newest first. */
  commits: z.array(branchCommitSchema),
});
export type BranchChanges = z.infer<typeof branchChangesSchema>;

export const changesChannels = {
  /** The files, diff and commits of a run's branch against its base (its task's, for a task run). */
  'dispatches.changes': channel(
    'dispatches.changes',
    z.object({ id: idSchema }).strict(),
    branchChangesSchema,
  ),
} as const;
