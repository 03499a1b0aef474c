import { z } from 'zod';
import { AGENTS } from '../domain/dispatch';
import { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from '../domain/task';
import { dispatchSchema } from './dispatches';
import { iterateInput } from './iterations';
import { channel } from './define';
import { idSchema, multiLineText, requiredLine, timestampSchema } from './common';
import {
  countedPageSchema,
  cursorSchema,
  listOrderSchema,
  pageLimitSchema,
  PAGE_LIMIT_DEFAULT,
} from './paging';

export const taskPrioritySchema = z.enum(TASK_PRIORITIES);
export const taskStatusSchema = z.enum(TASK_STATUSES);
export const taskSourceSchema = z.enum(TASK_SOURCES);

export const taskSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  /** Markdown. */
  summary: z.string(),
  /** The note the task was captured from, kept verbatim ('' when typed in the window). */
  note: z.string(),
  priority: taskPrioritySchema,
  status: taskStatusSchema,
  source: taskSourceSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

/**
 * A task as lists show it (a card, a row, a palette entry): without its summary and note, which
 * can be long and are read by `tasks.get` when the task's page or edit dialog opens.
 */
export const taskRowSchema = taskSchema.omit({ summary: true, note: true });
export type TaskRow = z.infer<typeof taskRowSchema>;

/** The row of a task: what `tasks.list` gives for it. */
export function toTaskRow({ summary: _summary, note: _note, ...row }: Task): TaskRow {
  return row;
}

export const followUpRequestSchema = z.object({
  id: idSchema,
  taskId: idSchema,
  request: z.string(),
  createdAt: timestampSchema,
});
export type FollowUpRequest = z.infer<typeof followUpRequestSchema>;

export const taskDetailSchema = taskSchema.extend({
  followUps: z.array(followUpRequestSchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

const title = requiredLine(300);
const summary = multiLineText(100_000);

export const taskCreateInput = z
  .object({
    projectId: idSchema,
    title,
    summary: summary.default(''),
    priority: taskPrioritySchema.default('medium'),
    note: multiLineText(10_000).default(''),
    source: taskSourceSchema.default('app'),
  })
  .strict();

export const taskUpdateInput = z
  .object({
    id: idSchema,
    title: title.optional(),
    summary: summary.optional(),
    priority: taskPrioritySchema.optional(),
    status: taskStatusSchema.optional(),
  })
  .strict();

export const taskCaptureInput = z
  .object({
    /** `<project or alias> [prio high|medium|low] <what to do>`; any whitespace separates words. */
    note: multiLineText(10_000),
    source: taskSourceSchema.default('tray'),
    /** Also queue a run of the new task (quick dispatch). */
    queue: z.boolean().default(false),
    runnerId: idSchema.optional(),
    agent: z.enum(AGENTS).optional(),
    /** Run until an eval passes; wins over what the note says (`--iterate N --eval CMD`). */
    iterate: iterateInput.optional(),
  })
  .strict();

export const taskChannels = {
  /**
   * Newest first (or oldest first), a page at a time: pass `nextCursor` back as `cursor` for the
   * next page. `total` is how many tasks the filters matched when the page was read.
   */
  'tasks.list': channel(
    'tasks.list',
    z
      .object({
        projectId: idSchema.optional(),
        includeClosed: z.boolean().default(false),
        order: listOrderSchema,
        limit: pageLimitSchema,
        cursor: cursorSchema.optional(),
      })
      .strict()
      .default({ includeClosed: false, order: 'newest', limit: PAGE_LIMIT_DEFAULT }),
    countedPageSchema(taskRowSchema),
  ),
  'tasks.get': channel('tasks.get', z.object({ id: idSchema }).strict(), taskDetailSchema),
  'tasks.create': channel('tasks.create', taskCreateInput, taskSchema),
  'tasks.update': channel('tasks.update', taskUpdateInput, taskSchema),
  /** Creates a task from a one-line note, and optionally queues its run; all or nothing. */
  'tasks.capture': channel(
    'tasks.capture',
    taskCaptureInput,
    z.object({ task: taskSchema, dispatch: dispatchSchema.nullable() }),
  ),
  'tasks.delete': channel(
    'tasks.delete',
    z.object({ id: idSchema }).strict(),
    z.object({ deleted: z.literal(true) }),
  ),
} as const;
