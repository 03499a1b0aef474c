import { create } from 'zustand';
import { TASK_PRIORITIES, type TaskPriority } from '@shared/domain/task';
import { togglePriority } from './queue-filter';

/**
 * The queue's priority and text filters; kept here so they survive switching pages. (The
 * project and "show closed" live in the ui store, which the loader reads.)
 */
export interface QueueViewState {
  readonly priorities: readonly TaskPriority[];
  readonly text: string;
}

export const useQueueViewStore = create<QueueViewState>()(() => ({ priorities: [], text: '' }));

export function setQueueText(text: string): void {
  useQueueViewStore.setState({ text });
}

export function toggleQueuePriority(priority: TaskPriority): void {
  useQueueViewStore.setState((s) => ({
    priorities: togglePriority(s.priorities, priority, TASK_PRIORITIES),
  }));
}

export function clearQueueFilters(): void {
  useQueueViewStore.setState({ priorities: [], text: '' });
}
