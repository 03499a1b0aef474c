import { describe, expect, it } from 'vitest';
import { countOpenTasksByProject, selectVisibleTasks, sortProjects } from '@renderer/stores/selectors';
import type { Task } from '@shared/contract';
import { at, id, project, task } from './fixtures';

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

describe('selectors', () => {
  const tasks: Task[] = [
    task(1, { priority: 'low' }),
    task(2, { priority: 'high', createdAt: at(20) }),
    task(3, { priority: 'high', createdAt: at(10) }),
    task(4, { priority: 'medium', status: 'closed' }),
    task(5, { priority: 'medium', projectId: id('prj', 2) }),
  ];

  it('orders the queue by priority, then oldest first, and hides closed tasks', () => {
    const visible = selectVisibleTasks(byId(tasks), { projectId: null, showClosed: false });
    expect(visible.map((t) => t.title)).toEqual(['Task 3', 'Task 2', 'Task 5', 'Task 1']);
  });

  it('puts closed tasks after open ones when asked to show them', () => {
    const visible = selectVisibleTasks(byId(tasks), { projectId: id('prj', 1), showClosed: true });
    expect(visible.map((t) => t.title)).toEqual(['Task 3', 'Task 2', 'Task 1', 'Task 4']);
  });

  it('filters by project', () => {
    const visible = selectVisibleTasks(byId(tasks), { projectId: id('prj', 2), showClosed: true });
    expect(visible.map((t) => t.title)).toEqual(['Task 5']);
  });

  it('counts open tasks per project', () => {
    const counts = countOpenTasksByProject(byId(tasks));
    expect(counts.get(id('prj', 1))).toBe(3);
    expect(counts.get(id('prj', 2))).toBe(1);
  });

  it('sorts projects by name, ignoring case and reading numbers as numbers', () => {
    const list = [
      project(1, { name: 'beta' }),
      project(2, { name: 'Alpha' }),
      project(3, { name: 'app10' }),
      project(4, { name: 'app9' }),
    ];
    expect(sortProjects(byId(list)).map((p) => p.name)).toEqual(['Alpha', 'app9', 'app10', 'beta']);
  });
});
