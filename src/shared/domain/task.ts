export const TASK_PRIORITIES = ['high', 'medium', 'low'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Lower sorts first: the scheduler and the queue show high before medium before low. */
export const PRIORITY_RANK: Record<TaskPriority, number> = { high: 0, medium: 1, low: 2 };

/** A run with no task (a review run) ranks with tasks of this priority. */
export const TASKLESS_RUN_PRIORITY: TaskPriority = 'medium';

export const TASK_STATUSES = ['open', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Where a task came from: the window, the tray's quick dispatch, or the headless API. */
export const TASK_SOURCES = ['app', 'tray', 'api', 'cli'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
