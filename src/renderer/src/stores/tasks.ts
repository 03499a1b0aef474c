import { useMemo } from 'react';
import type { ChannelInput, Task } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { countOpenTasksByProject, selectVisibleTasks, type TaskFilter } from './selectors';

const tasks = createCollectionStore<Task>();

export const useTasksStore = tasks.useStore;
export const applyTask = tasks.apply;

/** Loads the tasks of every project; closed ones only when asked (they can be many). */
export function loadTasks(includeClosed: boolean): Promise<void> {
  return tasks.load(() => invoke('tasks.list', { includeClosed }));
}

/** The core deletes a project's tasks with it; do the same here without waiting for events. */
export function dropTasksOfProject(projectId: string): void {
  tasks.drop((task) => task.projectId === projectId);
}

export async function createTask(input: ChannelInput<'tasks.create'>): Promise<Task> {
  return tasks.applyReply(invoke('tasks.create', input));
}

export async function updateTask(input: ChannelInput<'tasks.update'>): Promise<Task> {
  return tasks.applyReply(invoke('tasks.update', input));
}

export async function deleteTask(id: string): Promise<void> {
  await invoke('tasks.delete', { id });
  tasks.apply(id, null);
}

export function useVisibleTasks(filter: TaskFilter): Task[] {
  const byId = useTasksStore((c) => c.byId);
  const { projectId, showClosed } = filter;
  return useMemo(() => selectVisibleTasks(byId, { projectId, showClosed }), [byId, projectId, showClosed]);
}

export function useOpenTaskCounts(): ReadonlyMap<string, number> {
  const byId = useTasksStore((c) => c.byId);
  return useMemo(() => countOpenTasksByProject(byId), [byId]);
}

export function useTask(id: string | null): Task | undefined {
  return useTasksStore((c) => (id === null ? undefined : c.byId[id]));
}
