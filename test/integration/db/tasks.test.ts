import { describe, expect, it } from 'vitest';
import { taskCreateInput, taskDetailSchema, taskSchema } from '@shared/contract/tasks';
import { expectAppError, makeProject, makeTask, useDatabase } from './helpers';

const MISSING_TASK = 'tsk_00000000000000000000';

describe('task repository', () => {
  const env = useDatabase();

  it('creates an open task in a project', () => {
    const { repos, clock } = env();
    const project = makeProject(repos, 'sortie');
    const task = repos.tasks.create(
      taskCreateInput.parse({
        projectId: project.id,
        title: 'Fix login',
        note: 'sortie fix login',
        source: 'tray',
      }),
    );
    expect(taskSchema.parse(task)).toEqual(task);
    expect(task).toMatchObject({
      projectId: project.id,
      title: 'Fix login',
      summary: '',
      note: 'sortie fix login',
      priority: 'medium',
      status: 'open',
      source: 'tray',
      createdAt: clock.iso(),
      closedAt: null,
    });
    expect(repos.tasks.get(task.id)).toEqual(task);
  });

  it('refuses a task for an unknown project', () => {
    const { repos } = env();
    expectAppError(() => makeTask(repos, 'prj_00000000000000000000'), 'NOT_FOUND', 'projectId');
  });

  it('lists newest first, by project, hiding closed tasks unless asked', () => {
    const { repos, clock } = env();
    const a = makeProject(repos, 'a');
    const b = makeProject(repos, 'b');
    const first = makeTask(repos, a.id, 'first');
    clock.advance(10);
    const second = makeTask(repos, b.id, 'second');
    clock.advance(10);
    makeTask(repos, a.id, 'third');
    repos.tasks.update(first.id, { status: 'closed' });

    const titles = (tasks: { title: string }[]) => tasks.map((t) => t.title);
    expect(titles(repos.tasks.list({ includeClosed: false }))).toEqual(['third', 'second']);
    expect(titles(repos.tasks.list({ includeClosed: true }))).toEqual(['third', 'second', 'first']);
    expect(titles(repos.tasks.list({ projectId: a.id, includeClosed: true }))).toEqual(['third', 'first']);
    expect(repos.tasks.list({ projectId: b.id, includeClosed: false })[0]?.id).toBe(second.id);
  });

  it('sets closedAt on close, keeps it on other edits and clears it on reopen', () => {
    const { repos, clock } = env();
    const task = makeTask(repos, makeProject(repos, 'p').id);

    clock.advance(1000);
    const closed = repos.tasks.update(task.id, { status: 'closed' });
    const closedAt = clock.iso();
    expect(closed).toMatchObject({ status: 'closed', closedAt, updatedAt: closedAt });

    clock.advance(1000);
    const retitled = repos.tasks.update(task.id, { title: 'Renamed', priority: 'high' });
    expect(retitled).toMatchObject({ title: 'Renamed', priority: 'high', closedAt, updatedAt: clock.iso() });

    clock.advance(1000);
    const reopened = repos.tasks.update(task.id, { status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, updatedAt: clock.iso() });
    expect(reopened.createdAt).toBe(task.createdAt);
  });

  it('keeps follow-up requests oldest first in the detail', () => {
    const { repos, clock } = env();
    const task = makeTask(repos, makeProject(repos, 'p').id);
    clock.advance(5);
    const one = repos.tasks.addFollowUp(task.id, 'also handle logout');
    clock.advance(5);
    const two = repos.tasks.addFollowUp(task.id, 'add a test');

    const detail = repos.tasks.getDetail(task.id);
    expect(detail && taskDetailSchema.parse(detail)).toEqual(detail);
    expect(detail?.followUps).toEqual([one, two]);
    expect(detail?.updatedAt).toBe(two.createdAt);
  });

  it('removes a task with its follow-ups and runs', () => {
    const { repos, db } = env();
    const task = makeTask(repos, makeProject(repos, 'p').id);
    repos.tasks.addFollowUp(task.id, 'more');
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'claude' });

    repos.tasks.remove(task.id);

    expect(repos.tasks.get(task.id)).toBeNull();
    expect(repos.tasks.getDetail(task.id)).toBeNull();
    expect(repos.dispatches.get(run.id)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM task_follow_ups').pluck().get()).toBe(0);
  });

  it('reports unknown ids as NOT_FOUND', () => {
    const { repos } = env();
    expect(repos.tasks.get(MISSING_TASK)).toBeNull();
    expectAppError(() => repos.tasks.update(MISSING_TASK, { title: 'x' }), 'NOT_FOUND');
    expectAppError(() => repos.tasks.remove(MISSING_TASK), 'NOT_FOUND');
    expectAppError(() => repos.tasks.addFollowUp(MISSING_TASK, 'x'), 'NOT_FOUND');
  });

  it('keeps tasks across a restart', () => {
    const ctx = env();
    const task = makeTask(ctx.repos, makeProject(ctx.repos, 'p').id);
    ctx.reopen();
    expect(ctx.repos.tasks.get(task.id)).toEqual(task);
  });
});
