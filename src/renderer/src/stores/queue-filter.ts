import type { TaskRow } from '@shared/contract';
import type { TaskPriority } from '@shared/domain/task';

/** What the queue shows. Empty `priorities` and `text` mean no restriction. */
export interface QueueFilter {
  /** null: every project. */
  readonly projectId: string | null;
  readonly priorities: readonly TaskPriority[];
  /** Words that must all appear in the title, in any order and case. */
  readonly text: string;
  readonly showClosed: boolean;
}

export function queryWords(text: string): string[] {
  return text
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** A predicate for the filter, with the query split once rather than per task. */
export function taskMatcher(filter: QueueFilter): (task: TaskRow) => boolean {
  const words = queryWords(filter.text);
  const priorities = filter.priorities.length > 0 ? new Set(filter.priorities) : null;
  return (task) => {
    if (filter.projectId !== null && task.projectId !== filter.projectId) return false;
    if (!filter.showClosed && task.status === 'closed') return false;
    if (priorities && !priorities.has(task.priority)) return false;
    if (words.length === 0) return true;
    const title = task.title.toLocaleLowerCase();
    return words.every((word) => title.includes(word));
  };
}

/** The filters a user may forget they set (the project is always in sight). */
export function isNarrowed(filter: Pick<QueueFilter, 'priorities' | 'text'>): boolean {
  return filter.priorities.length > 0 || queryWords(filter.text).length > 0;
}

/** Adds or removes one priority; the result keeps the order high, medium, low. */
export function togglePriority(
  selected: readonly TaskPriority[],
  priority: TaskPriority,
  order: readonly TaskPriority[],
): TaskPriority[] {
  const next = new Set(selected);
  if (next.has(priority)) next.delete(priority);
  else next.add(priority);
  return order.filter((p) => next.has(p));
}
