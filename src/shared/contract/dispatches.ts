import { z } from 'zod';
import { DISPATCH_STATUSES } from '../domain/dispatch';
import { RUN_EVENT_KINDS } from '../domain/run-event';
import { channel } from './define';
import { idSchema, timestampSchema } from './common';
import { agentSchema } from './runners';

export const dispatchStatusSchema = z.enum(DISPATCH_STATUSES);

/** One run of an agent on a task ("dispatch"). */
export const dispatchSchema = z.object({
  id: idSchema,
  taskId: idSchema,
  projectId: idSchema,
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

export const dispatchChannels = {
  'dispatches.list': channel(
    'dispatches.list',
    z
      .object({
        activeOnly: z.boolean().default(false),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict()
      .default({ activeOnly: false, limit: 500 }),
    z.array(dispatchSchema),
  ),
  'dispatches.history': channel(
    'dispatches.history',
    z.object({ taskId: idSchema }).strict(),
    z.array(dispatchSchema),
  ),
} as const;
