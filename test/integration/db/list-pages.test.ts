import { describe, expect, it } from 'vitest';
import type { PagePosition } from '@shared/contract/paging';
import { taskRowSchema } from '@shared/contract/tasks';
import type { Repositories } from '../../../src/main/core/repositories';
import { dispatchPageQuery, type DispatchPageFilter } from '../../../src/main/core/repositories/dispatches';
import type { RepositoryPage } from '../../../src/main/core/repositories/page';
import {
  taskCountQuery,
  taskPageQuery,
  type TaskPageFilter,
} from '../../../src/main/core/repositories/tasks';
import { makeProject, makeRunner, makeTask, useDatabase, type TestClock } from './helpers';

/** Every page from the first on, `limit` at a time, joined. */
function walk<T>(read: (after: PagePosition | null) => RepositoryPage<T>): { items: T[]; pages: number } {
  const items: T[] = [];
  let pages = 0;
  let after: PagePosition | null = null;
  do {
    const page = read(after);
    items.push(...page.items);
    pages++;
    after = page.next;
  } while (after !== null && pages < 1000);
  return { items, pages };
}

/**
 * 60 tasks over two projects, every third one closed, created in bursts of five within the same
 * millisecond (so pages must break ties by id), each with a run; every fourth run is active.
 */
function seed(repos: Repositories, clock: TestClock) {
  const projects = [makeProject(repos, 'api'), makeProject(repos, 'web')];
  const runner = makeRunner(repos, 'box');
  for (let i = 0; i < 60; i++) {
    if (i % 5 === 0) clock.advance(7);
    const task = makeTask(repos, projects[i % 2]!.id, `task ${i}`);
    if (i % 3 === 0) repos.tasks.update(task.id, { status: 'closed' });
    const run = repos.dispatches.create({ taskId: task.id, runnerId: runner.id, agent: 'codex' });
    if (i % 4 !== 0) repos.dispatches.update(run.id, { status: 'canceled' });
  }
  return { projects };
}

describe('list pages', () => {
  const env = useDatabase();

  it('walks every task once, newest first, in pages that break ties by id, with each filter', () => {
    const { repos, clock } = env();
    const { projects } = seed(repos, clock);
    const filters = [
      { includeClosed: true },
      { includeClosed: false },
      { projectId: projects[0]!.id, includeClosed: true },
      { projectId: projects[1]!.id, includeClosed: false },
    ];
    for (const filter of filters) {
      const whole = repos.tasks.list(filter).map((task) => task.id);
      const { items, pages } = walk((after) => repos.tasks.listRows(filter, { limit: 4, after }));
      expect(items.map((row) => row.id)).toEqual(whole);
      expect(pages).toBe(Math.max(1, Math.ceil(whole.length / 4)));
      // Oldest first: the same tasks the other way round, and the count of them all.
      const oldest = walk((after) => repos.tasks.listRows(filter, { limit: 4, after }, 'oldest'));
      expect(oldest.items.map((row) => row.id)).toEqual([...whole].reverse());
      expect(repos.tasks.countRows(filter)).toBe(whole.length);
    }
  });

  it('gives task rows without the summary and note', () => {
    const { repos, clock } = env();
    seed(repos, clock);
    const [row] = repos.tasks.listRows({ includeClosed: true }, { limit: 1, after: null }).items;
    expect(taskRowSchema.strict().parse(row)).toEqual(row);
    expect(row).not.toHaveProperty('summary');
  });

  it('walks every run once, newest first, active ones alone when asked', () => {
    const { repos, clock } = env();
    seed(repos, clock);
    const all = walk((after) => repos.dispatches.list({ activeOnly: false }, { limit: 7, after }));
    expect(all.items).toHaveLength(60);
    const sorted = [...all.items].sort((a, b) =>
      a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
    );
    expect(all.items.map((run) => run.id)).toEqual(sorted.map((run) => run.id));
    const active = walk((after) => repos.dispatches.list({ activeOnly: true }, { limit: 4, after }));
    expect(active.items.map((run) => run.id)).toEqual(
      all.items.filter((run) => run.status === 'queued').map((run) => run.id),
    );
  });

  it('reads every page through an index, without a table scan or a sort', () => {
    const { db, repos, clock } = env();
    seed(repos, clock);
    db.exec('ANALYZE');
    const plan = (sql: string) =>
      db
        .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ projectId: 'prj_00000000000000000000', afterCreatedAt: '', afterId: '', limit: 10 })
        .map((step) => step.detail);
    const queries: string[] = [];
    const counts: string[] = [];
    for (const byProject of [false, true]) {
      for (const openOnly of [false, true]) {
        for (const after of [false, true]) {
          for (const oldest of [false, true]) {
            queries.push(taskPageQuery({ byProject, openOnly, after, oldest } satisfies TaskPageFilter));
          }
        }
        counts.push(taskCountQuery({ byProject, openOnly }));
      }
    }
    for (const activeOnly of [false, true]) {
      for (const newestOfTask of [false, true]) {
        for (const after of [false, true]) {
          queries.push(dispatchPageQuery({ activeOnly, newestOfTask, after } satisfies DispatchPageFilter));
        }
      }
    }
    for (const sql of queries) {
      const steps = plan(sql);
      expect(steps.join('\n'), sql).toMatch(/USING INDEX (tasks|dispatches)_/);
      for (const step of steps) {
        // "SCAN tasks" alone reads the whole table; "SCAN … USING INDEX" walks an index in order
        // and stops at the page's LIMIT.
        expect(step, sql).not.toMatch(/^SCAN \w+$/);
        expect(step, sql).not.toMatch(/TEMP B-TREE/);
      }
    }
    // A count walks an index only, never the table's rows.
    for (const sql of counts) expect(plan(sql).join('\n'), sql).toMatch(/USING COVERING INDEX/);
  });
});
