import { z } from 'zod';
import {
  AUTOMATION_OUTCOMES,
  CHECKS_SUMMARIES,
  PULL_REQUEST_STATES,
  REVIEW_DECISIONS,
} from '../domain/automation';
import { channel } from './define';
import { idSchema, timestampSchema } from './common';

/** What Sortie last read of a task's pull request. */
export const pullRequestStatusSchema = z.object({
  url: z.string(),
  taskId: idSchema,
  state: z.enum(PULL_REQUEST_STATES),
  headSha: z.string(),
  checks: z.enum(CHECKS_SUMMARIES),
  /** Names of the checks failing on the head. */
  failingChecks: z.array(z.string()),
  reviewDecision: z.enum(REVIEW_DECISIONS),
  readAt: timestampSchema,
});
export type PullRequestStatus = z.infer<typeof pullRequestStatusSchema>;

/** One decision of the automation, with its outcome name. */
export const automationEventSchema = z.object({
  id: z.number().int().positive(),
  taskId: idSchema,
  pullRequestUrl: z.string(),
  outcome: z.enum(AUTOMATION_OUTCOMES),
  detail: z.string(),
  /** The follow-up it queued, if any. */
  dispatchId: idSchema.nullable(),
  at: timestampSchema,
});
export type AutomationEvent = z.infer<typeof automationEventSchema>;

export const automationChannels = {
  /** Decisions, newest first; of one task when given. */
  'automation.log': channel(
    'automation.log',
    z
      .object({ taskId: idSchema.optional(), limit: z.number().int().min(1).max(1000).default(200) })
      .strict()
      .default({ limit: 200 }),
    z.array(automationEventSchema),
  ),
  /**
   * Looks at the open tasks' pull requests now (one remote call per runner for all of them) and
   * acts; of one task when given. Answers the decisions made.
   */
  'automation.run': channel(
    'automation.run',
    z.object({ taskId: idSchema.optional() }).strict().default({}),
    z.array(automationEventSchema),
  ),
  /** The last read state of every open task's pull request. */
  'pullRequests.status': channel(
    'pullRequests.status',
    z.object({}).strict().default({}),
    z.array(pullRequestStatusSchema),
  ),
} as const;
