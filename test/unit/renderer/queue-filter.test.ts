import { describe, expect, it } from 'vitest';
import {
  isNarrowed,
  queryWords,
  taskMatcher,
  togglePriority,
  type QueueFilter,
} from '@renderer/stores/queue-filter';
import { TASK_PRIORITIES } from '@shared/domain/task';
import { id, task } from './fixtures';

const none: QueueFilter = { projectId: null, priorities: [], text: '', showClosed: false };

describe('queue filter', () => {
  const tasks = [
    task(1, { title: 'Fix the login redirect', priority: 'high' }),
    task(2, { title: 'Show run output LIVE', priority: 'medium', projectId: id('prj', 2) }),
    task(3, { title: 'Login page: dark theme', priority: 'low', status: 'closed' }),
  ];
  const titles = (filter: Partial<QueueFilter>) =>
    tasks.filter(taskMatcher({ ...none, ...filter })).map((t) => t.id);

  it('shows open tasks of every project by default', () => {
    expect(titles({})).toEqual([task(1).id, task(2).id]);
    expect(titles({ showClosed: true })).toHaveLength(3);
  });

  it('narrows by project and by priority', () => {
    expect(titles({ projectId: id('prj', 2) })).toEqual([task(2).id]);
    expect(titles({ priorities: ['high', 'low'], showClosed: true })).toEqual([task(1).id, task(3).id]);
  });

  it('matches every word of the search in the title, in any case and order', () => {
    expect(titles({ text: 'login', showClosed: true })).toEqual([task(1).id, task(3).id]);
    expect(titles({ text: '  live   OUTPUT ' })).toEqual([task(2).id]);
    expect(titles({ text: 'login live' })).toEqual([]);
  });

  it('splits a query into lower-case words', () => {
    expect(queryWords('  Fix  THE\tlogin ')).toEqual(['fix', 'the', 'login']);
    expect(queryWords('   ')).toEqual([]);
  });

  it('says when a priority or search narrows the board', () => {
    expect(isNarrowed({ priorities: [], text: '  ' })).toBe(false);
    expect(isNarrowed({ priorities: ['low'], text: '' })).toBe(true);
    expect(isNarrowed({ priorities: [], text: 'x' })).toBe(true);
  });

  it('toggles a priority, keeping the order high, medium, low', () => {
    expect(togglePriority(['low'], 'high', TASK_PRIORITIES)).toEqual(['high', 'low']);
    expect(togglePriority(['high', 'low'], 'high', TASK_PRIORITIES)).toEqual(['low']);
  });
});
