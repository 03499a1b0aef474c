import { useMemo } from 'react';
import { toTaskRow, type ChannelInput, type Task, type TaskRow } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { PAGE_LIMIT_MAX } from '@shared/contract/paging';
import { loadPages, pagesFromBothEnds } from './paged-load';
import { countOpenTasksByProject, selectVisibleTasks, type TaskFilter } from './selectors';

/**
 * Every task as lists show it (`TaskRow`: no summary or note; a task's page and edit dialog read
 * those with `tasks.get`). Events carry whole tasks, which are rows too.
 */
const tasks = createCollectionStore<TaskRow>();

export const useTasksStore = tasks.useStore;

/** Tasks per `tasks.list` call: each call is short for the host, and each page shows at once. */
const TASK_PAGE_SIZE = PAGE_LIMIT_MAX;
export const applyTask = tasks.apply;

/**
 * Loads the tasks of every project, closed ones only when asked (they can be many), a page at a
 * time from both ends of the list at once: each page shows as it arrives, so the board fills
 * while the rest comes.
 */
export function loadTasks(includeClosed: boolean): Promise<void> {
  return loadPages(
    tasks.useStore,
    pagesFromBothEnds(
      (order, cursor, limit) => invoke('tasks.list', { includeClosed, order, limit, cursor }),
      TASK_PAGE_SIZE,
    ),
  );
}

/** The core deletes a project's tasks with it; do the same here without waiting for events. */
export function dropTasksOfProject(projectId: string): void {
  tasks.drop((task) => task.projectId === projectId);
}

/** Shows the task a call replied with at once (without waiting for its event), as its row. */
function applyReply(task: Task): Task {
  tasks.apply(task.id, toTaskRow(task));
  return task;
}

export async function createTask(input: ChannelInput<'tasks.create'>): Promise<Task> {
  return applyReply(await invoke('tasks.create', input));
}

export async function updateTask(input: ChannelInput<'tasks.update'>): Promise<Task> {
  return applyReply(await invoke('tasks.update', input));
}

export async function deleteTask(id: string): Promise<void> {
  await invoke('tasks.delete', { id });
  tasks.apply(id, null);
}

export function useVisibleTasks(filter: TaskFilter): TaskRow[] {
  const byId = useTasksStore((c) => c.byId);
  const { projectId, showClosed } = filter;
  return useMemo(() => selectVisibleTasks(byId, { projectId, showClosed }), [byId, projectId, showClosed]);
}

export function useOpenTaskCounts(): ReadonlyMap<string, number> {
  const byId = useTasksStore((c) => c.byId);
  return useMemo(() => countOpenTasksByProject(byId), [byId]);
}

/** The row when it is a whole task (an event or a reply brought it), else null. */
export function asWholeTask(row: TaskRow): Task | null {
  return 'summary' in row && 'note' in row ? (row as Task) : null;
}

export function useTask(id: string | null): TaskRow | undefined {
  return useTasksStore((c) => (id === null ? undefined : c.byId[id]));
}
