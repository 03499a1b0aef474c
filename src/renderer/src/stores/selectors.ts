import type { Project, Runner, TaskRow } from '@shared/contract';
import { PRIORITY_RANK } from '@shared/domain/task';
import { changedIdsSince } from './collection';

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
export function compareTasks(a: TaskRow, b: TaskRow): number {
  return (
    Number(a.status === 'closed') - Number(b.status === 'closed') ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    cmp(a.createdAt, b.createdAt) ||
    cmp(a.id, b.id)
  );
}

export function selectVisibleTasks<T extends TaskRow>(byId: ById<T>, filter: TaskFilter): T[] {
  return Object.values(byId)
    .filter(
      (task) =>
        (filter.projectId === null || task.projectId === filter.projectId) &&
        (filter.showClosed || task.status === 'open'),
    )
    .sort(compareTasks);
}

const openCounts = new WeakMap<ById<TaskRow>, ReadonlyMap<string, number>>();
/** The last answer, which the next version of the tasks corrects with what changed. */
let lastOpenCounts: { readonly byId: ById<TaskRow>; readonly counts: ReadonlyMap<string, number> } | null =
  null;

function countOpen(byId: ById<TaskRow>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of Object.values(byId)) {
    if (task.status === 'open') counts.set(task.projectId, (counts.get(task.projectId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Open tasks per project; counted once per version of the tasks however many components ask,
 * and from the version before when only some tasks changed.
 */
export function countOpenTasksByProject(byId: ById<TaskRow>): ReadonlyMap<string, number> {
  let counts = openCounts.get(byId);
  if (!counts) {
    const before = lastOpenCounts;
    const changed = before ? changedIdsSince(byId, before.byId) : null;
    if (before && changed) {
      const next = new Map(before.counts);
      const add = (task: TaskRow | undefined, delta: number) => {
        if (task?.status === 'open') next.set(task.projectId, (next.get(task.projectId) ?? 0) + delta);
      };
      for (const id of changed) {
        add(before.byId[id], -1);
        add(byId[id], +1);
      }
      for (const [projectId, count] of next) if (count === 0) next.delete(projectId);
      counts = next;
    } else {
      counts = countOpen(byId);
    }
    openCounts.set(byId, counts);
  }
  lastOpenCounts = { byId, counts };
  return counts;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
