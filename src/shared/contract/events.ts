import { z } from 'zod';
import { event } from './define';
import { idSchema } from './common';
import { dispatchSchema, runEventSchema } from './dispatches';
import { runChainSchema } from './iterations';
import { automationEventSchema, pullRequestStatusSchema } from './automation';
import { projectSchema } from './projects';
import { reviewSchema } from './reviews';
import { runnerSchema } from './runners';
import { runnerHealthSchema } from './runner-health';
import { settingsSchema } from './settings';
import { taskSchema } from './tasks';
import { terminalEvents } from './terminals';

/**
 * Events pushed from the core to every window. A `null` entity means it was deleted; the id is
 * always present so stores can drop it.
 */
export const events = {
  'project.changed': event(
    'project.changed',
    z.object({ projectId: idSchema, project: projectSchema.nullable() }),
  ),
  'task.changed': event('task.changed', z.object({ taskId: idSchema, task: taskSchema.nullable() })),
  'runner.changed': event(
    'runner.changed',
    z.object({ runnerId: idSchema, runner: runnerSchema.nullable() }),
  ),
  /** A runner's connection health changed (see runner-health.ts). */
  'runner.health': event('runner.health', runnerHealthSchema),
  'dispatch.updated': event('dispatch.updated', z.object({ dispatch: dispatchSchema })),
  /**
   * Runs the core deleted, all at once: with their task or review, or a task's discarded history.
   * Windows drop them; their ids are never used again.
   */
  'dispatch.removed': event('dispatch.removed', z.object({ dispatchIds: z.array(idSchema).min(1) })),
  'run.output': event('run.output', z.object({ dispatchId: idSchema, entries: z.array(runEventSchema) })),
  /** A chain of runs (iterate until an eval passes) changed: a new iteration, an eval, its end. */
  'chain.updated': event('chain.updated', z.object({ chain: runChainSchema })),
  /** The automation made a decision about a task's pull request. */
  'automation.logged': event('automation.logged', z.object({ event: automationEventSchema })),
  /** A task's pull request was read again (state, checks, review decision). */
  'pull-request.updated': event('pull-request.updated', z.object({ status: pullRequestStatusSchema })),
  'review.updated': event(
    'review.updated',
    z.object({ reviewId: idSchema, review: reviewSchema.nullable() }),
  ),
  'settings.changed': event('settings.changed', z.object({ settings: settingsSchema })),
  /** The desktop shell asks the window to show a place (a run from a notification or the tray). */
  'ui.navigate': event(
    'ui.navigate',
    z.object({ href: z.string().regex(/^#\/[a-z]+(\/[a-z]{3}_[0-9a-z]{20})?$/) }),
  ),
  'queue.changed': event('queue.changed', z.object({ paused: z.boolean() })),
  ...terminalEvents,
  /** Something finished that the user should hear about (once; the desktop shows it as an OS notification). */
  notification: event(
    'notification',
    z.object({
      id: z.string(),
      level: z.enum(['success', 'warning', 'error']),
      title: z.string(),
      body: z.string(),
      dispatchId: idSchema.nullable(),
      taskId: idSchema.nullable(),
      reviewId: idSchema.nullable(),
      /** Opened by the notification's action (a pull request). */
      url: z.string().nullable(),
    }),
  ),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
