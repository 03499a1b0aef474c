import { describe, expect, it } from 'vitest';
import { dispatchSchema } from '@shared/contract/dispatches';
import type { PagePosition } from '@shared/contract/paging';
import type { Repositories } from '../../../src/main/core/repositories';
import { expectAppError, makeProject, makeRunner, makeTask, useDatabase } from './helpers';

const MISSING_DISPATCH = 'dsp_00000000000000000000';

function setup(repos: Repositories) {
  const project = makeProject(repos, 'sortie');
  const task = makeTask(repos, project.id);
  const runner = makeRunner(repos, 'box');
  return { project, task, runner };
}

describe('dispatch repository', () => {
  const env = useDatabase();

  it("creates a queued run in the task's project", () => {
    const { repos, clock } = env();
    const { project, task, runner } = setup(repos);
    const run = repos.dispatches.create({
      taskId: task.id,
      runnerId: runner.id,
      agent: 'claude',
      branch: 'sortie/x',
      followUpRequest: 'also the tests',
    });
    expect(dispatchSchema.parse(run)).toEqual(run);
    expect(run).toMatchObject({
      projectId: project.id,
      runnerId: runner.id,
      status: 'queued',
      phase: '',
      branch: 'sortie/x',
      followUpRequest: 'also the tests',
      baseDispatchId: null,
      createdAt: clock.iso(),
      startedAt: null,
    });
    expect(repos.dispatches.get(run.id)).toEqual(run);
  });

  it('refuses a run for an unknown task, runner or base run', () => {
    const { repos } = env();
    const { task } = setup(repos);
    expectAppError(
      () => repos.dispatches.create({ taskId: 'tsk_00000000000000000000', runnerId: null, agent: 'codex' }),
      'NOT_FOUND',
      'taskId',
    );
    expectAppError(
      () =>
        repos.dispatches.create({ taskId: task.id, runnerId: 'rnr_00000000000000000000', agent: 'codex' }),
      'NOT_FOUND',
      'runnerId',
    );
    expectAppError(
      () =>
        repos.dispatches.create({
          taskId: task.id,
          runnerId: null,
          agent: 'codex',
          baseDispatchId: MISSING_DISPATCH,
        }),
      'NOT_FOUND',
      'baseDispatchId',
    );
    expect(repos.dispatches.listForTask(task.id)).toEqual([]);
  });

  it('moves through allowed statuses and records the fields given', () => {
    const { repos, clock } = env();
    const { task } = setup(repos);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });

    clock.advance(1000);
    const preparing = repos.dispatches.update(run.id, {
      status: 'preparing',
      phase: 'prepare-worktree',
      phaseStartedAt: clock.iso(),
      startedAt: clock.iso(),
    });
    expect(preparing).toMatchObject({
      status: 'preparing',
      phase: 'prepare-worktree',
      updatedAt: clock.iso(),
    });

    repos.dispatches.update(run.id, { status: 'running', summary: 'agent working' });
    clock.advance(1000);
    const done = repos.dispatches.update(run.id, {
      status: 'succeeded',
      pullRequestUrl: 'https://github.com/me/sortie/pull/1',
      finishedAt: clock.iso(),
    });
    expect(done).toMatchObject({
      status: 'succeeded',
      summary: 'agent working',
      phase: 'prepare-worktree',
      pullRequestUrl: 'https://github.com/me/sortie/pull/1',
      finishedAt: clock.iso(),
      createdAt: run.createdAt,
    });
  });

  it('refuses a status change the state machine does not allow and keeps the run as it was', () => {
    const { repos } = env();
    const { task } = setup(repos);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });

    expectAppError(
      () => repos.dispatches.update(run.id, { status: 'running', summary: 'x' }),
      'CONFLICT',
      'status',
    );
    expect(repos.dispatches.get(run.id)).toEqual(run);

    repos.dispatches.update(run.id, { status: 'canceled' });
    expectAppError(() => repos.dispatches.update(run.id, { status: 'queued' }), 'CONFLICT', 'status');
    expect(repos.dispatches.get(run.id)?.status).toBe('canceled');
  });

  it('lets a blocked run be reconciled to its real outcome', () => {
    const { repos } = env();
    const { task } = setup(repos);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    repos.dispatches.update(run.id, { status: 'blocked' });
    expect(repos.dispatches.update(run.id, { status: 'succeeded' }).status).toBe('succeeded');
  });

  it('lists newest first, optionally only active ones, up to a limit', () => {
    const { repos, clock } = env();
    const { task, runner } = setup(repos);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(10);
      ids.push(repos.dispatches.create({ taskId: task.id, runnerId: runner.id, agent: 'codex' }).id);
    }
    const [a, b, c, d] = ids;
    repos.dispatches.update(b ?? '', { status: 'failed' });
    repos.dispatches.update(d ?? '', { status: 'preparing' });

    const page = (activeOnly: boolean, limit: number, after: PagePosition | null = null) =>
      repos.dispatches.list({ activeOnly }, { limit, after });
    const idsOf = (p: { items: { id: string }[] }) => p.items.map((x) => x.id);
    expect(idsOf(page(false, 10))).toEqual([d, c, b, a]);
    expect(page(false, 10).next).toBeNull();
    const first = page(false, 2);
    expect(idsOf(first)).toEqual([d, c]);
    expect(first.next).toEqual({ createdAt: expect.any(String), id: c });
    const second = page(false, 2, first.next);
    expect(idsOf(second)).toEqual([b, a]);
    expect(second.next).toBeNull();
    expect(idsOf(page(true, 10))).toEqual([d, c, a]);
    const active = page(true, 1);
    expect(idsOf(active)).toEqual([d]);
    expect(idsOf(page(true, 5, active.next))).toEqual([c, a]);
    expect(repos.dispatches.listForTask(task.id).map((x) => x.id)).toEqual([d, c, b, a]);
    expect(repos.dispatches.listActiveForRunner(runner.id).map((x) => x.id)).toEqual([a, c, d]);
  });

  it('keeps the prompt and result schema uploaded for a run', () => {
    const { repos } = env();
    const { task } = setup(repos);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    expect(repos.dispatches.getPrompt(run.id)).toBeNull();
    repos.dispatches.setPrompt(run.id, 'Fix the build', '{"type":"object"}');
    expect(repos.dispatches.getPrompt(run.id)).toEqual({
      prompt: 'Fix the build',
      resultSchema: '{"type":"object"}',
    });
    expectAppError(() => repos.dispatches.setPrompt(MISSING_DISPATCH, 'p', 's'), 'NOT_FOUND');
  });

  it('remembers how far the output stream was read', () => {
    const ctx = env();
    const { task } = setup(ctx.repos);
    const run = ctx.repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    expect(ctx.repos.dispatches.getOutputOffset(run.id)).toBe(0);
    ctx.repos.dispatches.setOutputOffset(run.id, 4096);
    ctx.reopen();
    expect(ctx.repos.dispatches.getOutputOffset(run.id)).toBe(4096);
    expect(ctx.repos.dispatches.getOutputOffset(MISSING_DISPATCH)).toBeNull();
  });

  it('removes the runs of a task with their events and counts them', () => {
    const { repos } = env();
    const { task, project } = setup(repos);
    const other = makeTask(repos, project.id, 'other');
    const first = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex', baseDispatchId: first.id });
    const kept = repos.dispatches.create({ taskId: other.id, runnerId: null, agent: 'codex' });
    repos.runEvents.append(first.id, 'note', {});

    expect(repos.dispatches.removeForTask(task.id)).toBe(2);
    expect(repos.dispatches.listForTask(task.id)).toEqual([]);
    expect(repos.runEvents.list(first.id, 0, 10)).toEqual([]);
    expect(repos.dispatches.get(kept.id)).toEqual(kept);
  });

  it('reports unknown ids as NOT_FOUND', () => {
    const { repos } = env();
    expect(repos.dispatches.get(MISSING_DISPATCH)).toBeNull();
    expectAppError(() => repos.dispatches.update(MISSING_DISPATCH, { summary: 'x' }), 'NOT_FOUND');
  });
});
