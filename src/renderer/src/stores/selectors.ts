import type { Project, Runner, Task } from '@shared/contract';
import { PRIORITY_RANK } from '@shared/domain/task';

type ById<T> = Readonly<Record<string, T>>;

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function sortProjects(byId: ById<Project>): Project[] {
  return Object.values(byId).sort((a, b) => byName.compare(a.name, b.name) || cmp(a.id, b.id));
}

/** Default runner first, then by name. */
export function sortRunners(byId: ById<Runner>): Runner[] {
  return Object.values(byId).sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || byName.compare(a.name, b.name) || cmp(a.id, b.id),
  );
}

export function newestFirst<T extends { id: string; createdAt: string }>(byId: ById<T>): T[] {
  return Object.values(byId).sort((a, b) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id));
}

export interface TaskFilter {
  /** null: every project. */
  readonly projectId: string | null;
  readonly showClosed: boolean;
}

/**
 * The queue's order: open before closed, then priority (high first), then oldest first, as the
 * scheduler picks them.
 */
export function compareTasks(a: Task, b: Task): number {
  return (
    Number(a.status === 'closed') - Number(b.status === 'closed') ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    cmp(a.createdAt, b.createdAt) ||
    cmp(a.id, b.id)
  );
}

export function selectVisibleTasks(byId: ById<Task>, filter: TaskFilter): Task[] {
  return Object.values(byId)
    .filter(
      (task) =>
        (filter.projectId === null || task.projectId === filter.projectId) &&
        (filter.showClosed || task.status === 'open'),
    )
    .sort(compareTasks);
}

export function countOpenTasksByProject(byId: ById<Task>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of Object.values(byId)) {
    if (task.status === 'open') counts.set(task.projectId, (counts.get(task.projectId) ?? 0) + 1);
  }
  return counts;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
