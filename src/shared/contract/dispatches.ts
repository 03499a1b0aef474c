import { z } from 'zod';
import { DISPATCH_STATUSES, RUN_KINDS } from '../domain/dispatch';
import { RUN_EVENT_KINDS } from '../domain/run-event';
import { channel } from './define';
import { idSchema, multiLineText, timestampSchema } from './common';
import { iterateInput } from './iterations';
import { cursorSchema, pageLimitSchema, pageSchema, PAGE_LIMIT_DEFAULT } from './paging';
import { agentSchema } from './runners';

export const dispatchStatusSchema = z.enum(DISPATCH_STATUSES);

const tokenCount = z.number().int().nonnegative();

/**
 * What a run's agent reported using, as of its latest report. Token counts mean the same for
 * every agent: `inputTokens` counts all input, cached or not (Claude Code's uncached input,
 * cache reads and cache writes together), `cachedInputTokens` the part read from the cache.
 * Only Claude Code reports a cost; Codex reports tokens only, so its cost is null (no price is
 * guessed).
 */
export const runUsageSchema = z.object({
  inputTokens: tokenCount,
  cachedInputTokens: tokenCount,
  outputTokens: tokenCount,
  costUsd: z.number().nonnegative().nullable(),
  /** Model turns (Claude Code), null when not reported. */
  turns: z.number().int().nonnegative().nullable(),
  /** How long the agent said it worked, null when not reported. */
  durationMs: z.number().int().nonnegative().nullable(),
});
export type RunUsage = z.infer<typeof runUsageSchema>;

/** One run of an agent ("dispatch"): on a task, or reviewing a pull request. */
export const dispatchSchema = z.object({
  id: idSchema,
  kind: z.enum(RUN_KINDS),
  /** The task a task run works on; null for a review run. */
  taskId: idSchema.nullable(),
  /** The task's project, or the project a reviewed repository belongs to; null otherwise. */
  projectId: idSchema.nullable(),
  /** The review a review run belongs to; null for a task run. */
  reviewId: idSchema.nullable(),
  runnerId: idSchema.nullable(),
  agent: agentSchema,
  status: dispatchStatusSchema,
  /** The launch phase in progress or last reached (e.g. 'prepare-worktree'), '' before any. */
  phase: z.string(),
  phaseStartedAt: timestampSchema.nullable(),
  /** Human-readable progress or outcome line. */
  summary: z.string(),
  branch: z.string(),
  worktreePath: z.string(),
  runDir: z.string(),
  pullRequestUrl: z.string().nullable(),
  notes: z.string(),
  errorText: z.string(),
  /** The follow-up request this run answers, '' for a first run. */
  followUpRequest: z.string(),
  /** Run this one continues (same branch and worktree), for follow-ups. */
  baseDispatchId: idSchema.nullable(),
  /**
   * Released as blocked because its runner could not be reached or was removed; while true the
   * run is still watched, and gets its real outcome when the runner answers again.
   */
  released: z.boolean(),
  /**
   * The branch and worktree the agent said it used, when they differ from Sortie's: shown as
   * information only; Sortie's own `branch` and `worktreePath` are what it works with.
   */
  reportedBranch: z.string(),
  reportedWorktreePath: z.string(),
  /** The chain (iterate until an eval passes) this run is an iteration of, and which one. */
  chainId: idSchema.nullable(),
  iteration: z.number().int().positive().nullable(),
  /** A review run's pinned commit: the PR head when it was queued; '' for task runs. */
  headSha: z.string(),
  /** Whether a review run's agent reported a GitHub review it submitted, and which. */
  reviewSubmitted: z.boolean(),
  githubReviewId: z.string().nullable(),
  githubReviewUrl: z.string().nullable(),
  /** Tokens and cost the agent reported; null before (or without) any report. */
  usage: runUsageSchema.nullable(),
  /** While running: when the run is stopped and failed as timed out (the maximum run time). */
  deadlineAt: timestampSchema.nullable(),
  /** While running with a valid result written: when the agent is stopped and the result kept. */
  graceEndsAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
});
export type Dispatch = z.infer<typeof dispatchSchema>;

export const runEventSchema = z.object({
  dispatchId: idSchema,
  seq: z.number().int().nonnegative(),
  kind: z.enum(RUN_EVENT_KINDS),
  at: timestampSchema,
  /** Kind-specific data, produced by the agent adapters and services. */
  data: z.record(z.string(), z.unknown()),
});
export type RunEvent = z.infer<typeof runEventSchema>;

const taskIdInput = z.object({ taskId: idSchema }).strict();

export const dispatchQueueInput = z
  .object({
    taskId: idSchema,
    /** Defaults to the default runner. */
    runnerId: idSchema.optional(),
    /** Defaults to the runner's default agent. */
    agent: agentSchema.optional(),
    /** Run until an eval command passes, following up with its output when it fails. */
    iterate: iterateInput.optional(),
  })
  .strict();

export const dispatchFollowUpInput = z
  .object({
    taskId: idSchema,
    request: multiLineText(20_000).trim().min(1, 'must not be empty'),
  })
  .strict();

export const runEventPageSchema = z.object({
  events: z.array(runEventSchema),
  /** Pass as afterSeq to get the next page; null when there is none yet. */
  nextAfterSeq: z.number().int().nonnegative().nullable(),
  /** True when older output was trimmed to keep the stored output under its cap. */
  trimmed: z.boolean(),
});
export type RunEventPage = z.infer<typeof runEventPageSchema>;

export const dispatchDetailSchema = dispatchSchema.extend({
  /** The exact prompt and result schema uploaded for this run ('' before upload). */
  prompt: z.string(),
  resultSchema: z.string(),
});
export type DispatchDetail = z.infer<typeof dispatchDetailSchema>;

export const maintenanceCleanupOutput = z.object({
  closedTasksCleaned: z.number().int().nonnegative(),
  /** Review workspaces (checkout and all) that no project or review uses any more. */
  reviewWorkspacesRemoved: z.number().int().nonnegative(),
  missingTasksCleaned: z.number().int().nonnegative(),
  worktreesRemoved: z.number().int().nonnegative(),
  runDirectoriesRemoved: z.number().int().nonnegative(),
  runnersSkipped: z.array(z.object({ runnerId: idSchema, reason: z.string() })),
});
export type MaintenanceCleanupResult = z.infer<typeof maintenanceCleanupOutput>;

export const maintenanceResetOutput = z.object({
  workspaceEntriesRemoved: z.number().int().nonnegative(),
  registryRemoved: z.boolean(),
});

export const dispatchChannels = {
  /**
   * Newest first, a page at a time: pass `nextCursor` back as `cursor` for the next page. A run
   * here has no prompt, result schema or agent result (`dispatches.get` has the prompt).
   */
  'dispatches.list': channel(
    'dispatches.list',
    z
      .object({
        activeOnly: z.boolean().default(false),
        /** Only each task's newest run: the one that decides where the task stands on the board. */
        newestOfEachTask: z.boolean().default(false),
        limit: pageLimitSchema,
        cursor: cursorSchema.optional(),
      })
      .strict()
      .default({ activeOnly: false, newestOfEachTask: false, limit: PAGE_LIMIT_DEFAULT }),
    pageSchema(dispatchSchema),
  ),
  'dispatches.history': channel('dispatches.history', taskIdInput, z.array(dispatchSchema)),
  'dispatches.get': channel('dispatches.get', z.object({ id: idSchema }).strict(), dispatchDetailSchema),
  /** Queues a run of the task; it starts when its runner has a free slot. */
  'dispatches.queue': channel('dispatches.queue', dispatchQueueInput, dispatchSchema),
  /** Queues a run that continues the last finished run's branch, worktree and PR. */
  'dispatches.followUp': channel('dispatches.followUp', dispatchFollowUpInput, dispatchSchema),
  /**
   * Cancels this run (a task's or a review's), stopping its remote processes. An ended run whose
   * chain goes on ends the chain (its current run or eval); any other ended run is refused.
   */
  'dispatches.cancel': channel(
    'dispatches.cancel',
    z.object({ dispatchId: idSchema }).strict(),
    dispatchSchema,
  ),
  /** Forgets the task's finished runs; refused while one is active. */
  'dispatches.discardHistory': channel(
    'dispatches.discardHistory',
    taskIdInput,
    z.object({ removed: z.number().int().nonnegative() }),
  ),
  /** A page of a run's timeline: phases, agent output, outcomes. */
  'dispatches.events': channel(
    'dispatches.events',
    z
      .object({
        dispatchId: idSchema,
        afterSeq: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(2000).default(500),
      })
      .strict(),
    runEventPageSchema,
  ),
  /** Marks a run as being watched, so its output is fetched faster; expires by itself. */
  'dispatches.watch': channel(
    'dispatches.watch',
    z.object({ dispatchId: idSchema, watching: z.boolean() }).strict(),
    z.object({ ok: z.literal(true) }),
  ),
  /** Whether the scheduler is paused (nothing new starts while it is). */
  'queue.get': channel('queue.get', z.object({}).strict().default({}), z.object({ paused: z.boolean() })),
  'queue.setPaused': channel(
    'queue.setPaused',
    z.object({ paused: z.boolean() }).strict(),
    z.object({ paused: z.boolean() }),
  ),
  'maintenance.cleanup': channel(
    'maintenance.cleanup',
    z.object({}).strict().default({}),
    maintenanceCleanupOutput,
  ),
  'maintenance.reset': channel(
    'maintenance.reset',
    z.object({ runnerId: idSchema.optional() }).strict().default({}),
    maintenanceResetOutput,
  ),
} as const;
