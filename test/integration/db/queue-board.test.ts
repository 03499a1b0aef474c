import { describe, expect, it } from 'vitest';
import { toTaskRow, type Dispatch, type TaskRow } from '@shared/contract';
import { queueBoardSchema } from '@shared/contract/board';
import type { DispatchStatus } from '@shared/domain/dispatch';
import { LANES, LANE_ORDER, isNewerRun, laneOf, type LaneCard, type LaneId } from '@shared/domain/lane';
import type { Repositories } from '../../../src/main/core/repositories';
import { taskBoardQuery } from '../../../src/main/core/repositories/tasks';
import { readQueueBoard } from '../../../src/main/core/services/queue-board';
import { expectAppError, makeProject, makeRunner, makeTask, useDatabase, type TestClock } from './helpers';

/** The statuses a run passes through to reach each final one (the repository checks each step). */
const PATHS: Record<DispatchStatus, DispatchStatus[]> = {
  queued: [],
  preparing: ['preparing'],
  running: ['preparing', 'running'],
  succeeded: ['preparing', 'running', 'succeeded'],
  failed: ['preparing', 'failed'],
  blocked: ['preparing', 'running', 'blocked'],
  canceled: ['canceled'],
};
const ENDS = Object.keys(PATHS) as DispatchStatus[];
const PRIORITIES = ['high', 'medium', 'low'] as const;

/**
 * 90 tasks over two projects in every lane: mixed priorities, every seventh closed, most with one
 * to three runs created in bursts within one millisecond (the newest decided by id), some blocked
 * runs released, some tasks never run.
 */
function seed(repos: Repositories, clock: TestClock) {
  const projects = [makeProject(repos, 'api'), makeProject(repos, 'web')];
  const runner = makeRunner(repos, 'box');
  for (let i = 0; i < 90; i++) {
    if (i % 4 === 0) clock.advance(3);
    const task = makeTask(repos, projects[i % 2]!.id, `task ${i}`);
    repos.tasks.update(task.id, { priority: PRIORITIES[i % 3]! });
    if (i % 7 === 0) repos.tasks.update(task.id, { status: 'closed' });
    const runs = i % 5 === 0 ? 0 : 1 + (i % 3);
    for (let r = 0; r < runs; r++) {
      if ((i + r) % 2 === 0) clock.advance(1);
      const run = repos.dispatches.create({ taskId: task.id, runnerId: runner.id, agent: 'codex' });
      const end = ENDS[(i * 3 + r) % ENDS.length]!;
      for (const status of PATHS[end]) {
        clock.advance(i % 2);
        repos.dispatches.update(run.id, {
          status,
          ...(status === 'running' ? { startedAt: clock.iso() } : {}),
          ...(['succeeded', 'failed', 'canceled'].includes(status) ? { finishedAt: clock.iso() } : {}),
        });
      }
      if (end === 'blocked' && i % 2 === 0) repos.dispatches.update(run.id, { released: true });
    }
  }
  return { projects };
}

/** The board as the window draws it from every task and run: each lane whole, in lane order. */
function wholeBoard(repos: Repositories, filter: { projectId?: string; includeClosed: boolean }) {
  const lanes = Object.fromEntries(
    LANES.map((lane) => [lane, [] as LaneCard<TaskRow, Dispatch>[]]),
  ) as Record<LaneId, LaneCard<TaskRow, Dispatch>[]>;
  for (const task of repos.tasks.list(filter).map(toTaskRow)) {
    let run: Dispatch | undefined;
    for (const candidate of repos.dispatches.listForTask(task.id)) {
      if (!run || isNewerRun(candidate, run)) run = candidate;
    }
    lanes[laneOf(task, run)].push({ task, run });
  }
  for (const lane of LANES) lanes[lane].sort(LANE_ORDER[lane]);
  return lanes;
}

describe('queue.board', () => {
  const env = useDatabase();

  it('counts every lane and gives its first cards in the order the window sorts them', () => {
    const { repos, clock } = env();
    const { projects } = seed(repos, clock);
    const filters = [
      { includeClosed: false },
      { includeClosed: true },
      { projectId: projects[0]!.id, includeClosed: false },
      { projectId: projects[1]!.id, includeClosed: true },
    ];
    for (const filter of filters) {
      const whole = wholeBoard(repos, filter);
      // Every lane has cards in the whole seed, so the test sees each lane's order.
      if (filter.includeClosed && !filter.projectId)
        for (const lane of LANES) expect(whole[lane].length).toBeGreaterThan(3);
      // 3 takes the first cards of long lanes without sorting them all; 200 sorts each whole.
      for (const cardsPerLane of [3, 200]) {
        const answer = readQueueBoard(repos, { ...filter, cardsPerLane });
        expect(queueBoardSchema.parse(answer)).toEqual(answer);
        for (const lane of LANES) {
          expect(answer.lanes[lane].count, lane).toBe(whole[lane].length);
          expect(answer.lanes[lane].cards, lane).toEqual(
            whole[lane].slice(0, cardsPerLane).map(({ task, run }) => ({ task, run: run ?? null })),
          );
        }
      }
    }
  });

  it('refuses a project that does not exist', () => {
    const { repos } = env();
    expectAppError(
      () =>
        readQueueBoard(repos, {
          projectId: 'prj_00000000000000000000',
          includeClosed: false,
          cardsPerLane: 5,
        }),
      'NOT_FOUND',
    );
  });

  it('finds each task’s newest run with one index search, without a scan of the runs or a sort', () => {
    const { db, repos, clock } = env();
    seed(repos, clock);
    db.exec('ANALYZE');
    for (const byProject of [false, true]) {
      for (const openOnly of [false, true]) {
        const plan = db
          .prepare<{ projectId: string }, { detail: string }>(
            `EXPLAIN QUERY PLAN ${taskBoardQuery({ byProject, openOnly })}`,
          )
          .all({ projectId: 'prj_00000000000000000000' })
          .map((step) => step.detail)
          .join('\n');
        expect(plan).toMatch(/SEARCH dispatches USING COVERING INDEX dispatches_by_task \(task_id=\?\)/);
        expect(plan).toMatch(/SEARCH d USING INDEX/);
        expect(plan).not.toMatch(/SCAN d|TEMP B-TREE/);
      }
    }
  });
});
