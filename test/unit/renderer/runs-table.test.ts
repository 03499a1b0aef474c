import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RUN_SORT,
  buildRunRows,
  runnerLoads,
  sortRunRows,
  toggleSort,
  type RunSort,
} from '@renderer/stores/runs-table';
import type { Dispatch } from '@shared/contract';
import { at, id, project, runner, task } from './fixtures';
import { run, runId } from './run-fixtures';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((x) => [x.id, x]));

const tasks = byId([
  task(1, { title: 'beta' }),
  task(2, { title: 'Alpha' }),
  task(3, { title: 'gamma 10' }),
  task(4, { title: 'gamma 9' }),
]);
const projects = byId([project(1, { name: 'web' }), project(2, { name: 'api' })]);
const runners = byId([runner(1, { name: 'box' }), runner(2, { name: 'attic', isDefault: false })]);

const runs: Dispatch[] = [
  run(1, 1, {
    status: 'succeeded',
    startedAt: at(2),
    finishedAt: at(12),
    pullRequestUrl: 'https://x/pull/1',
  }),
  run(3, 2, {
    status: 'running',
    startedAt: at(4),
    runnerId: id('rnr', 2),
    agent: 'claude',
    projectId: id('prj', 2),
  }),
  run(5, 3, { status: 'queued' }),
  run(6, 4, { status: 'failed', startedAt: at(6), finishedAt: at(7), summary: 'Tests failed' }),
  run(7, 9, { status: 'blocked', startedAt: at(8), finishedAt: at(9), runnerId: id('rnr', 7) }),
];
const now = Date.parse(at(20));
const rows = buildRunRows(runs, tasks, projects, runners);
const order = (sort: RunSort) => sortRunRows(rows, sort, now).map((r) => r.run.id);

describe('runs table', () => {
  it('joins each run with its task, project and runner names, null when unknown', () => {
    const unknown = rows.find((r) => r.run.id === runId(7))!;
    expect(unknown).toMatchObject({ taskTitle: null, projectName: 'web', runnerName: null });
    const running = rows.find((r) => r.run.id === runId(3))!;
    expect(running).toMatchObject({
      taskTitle: 'Alpha',
      projectName: 'api',
      runnerName: 'attic',
      progress: 'Agent working',
    });
    expect(rows.find((r) => r.run.id === runId(6))?.progress).toBe('Tests failed');
  });

  it('shows the most recently started first by default', () => {
    // Not yet started sorts by when it was queued.
    expect(order(DEFAULT_RUN_SORT)).toEqual([runId(7), runId(6), runId(5), runId(3), runId(1)]);
  });

  it('sorts by status: active first, the furthest along first', () => {
    expect(order({ key: 'status', direction: 'asc' })).toEqual([
      runId(3),
      runId(5),
      runId(7),
      runId(6),
      runId(1),
    ]);
    expect(order({ key: 'status', direction: 'desc' })).toEqual([
      runId(1),
      runId(6),
      runId(7),
      runId(5),
      runId(3),
    ]);
  });

  it('sorts text columns naturally and case-blind, with missing names last either way', () => {
    expect(order({ key: 'task', direction: 'asc' })).toEqual([
      runId(3),
      runId(1),
      runId(6),
      runId(5),
      runId(7),
    ]);
    expect(order({ key: 'task', direction: 'desc' })).toEqual([
      runId(5),
      runId(6),
      runId(1),
      runId(3),
      runId(7),
    ]);
    expect(order({ key: 'runner', direction: 'asc' }).at(-1)).toBe(runId(7));
    expect(order({ key: 'project', direction: 'asc' })[0]).toBe(runId(3));
  });

  it('sorts by duration: a running run counts up to now, queued ones count zero', () => {
    // running: 16 min so far; succeeded: 10; failed: 1; blocked: 1; queued: 0.
    expect(order({ key: 'duration', direction: 'desc' })).toEqual([
      runId(3),
      runId(1),
      runId(7),
      runId(6),
      runId(5),
    ]);
  });

  it('breaks ties by the most recently created run', () => {
    // Claude before Codex; the four Codex runs newest first.
    expect(order({ key: 'agent', direction: 'asc' })).toEqual([
      runId(3),
      runId(7),
      runId(6),
      runId(5),
      runId(1),
    ]);
  });

  it('flips the sorted column, and starts dates descending and names ascending', () => {
    expect(toggleSort({ key: 'task', direction: 'asc' }, 'task')).toEqual({ key: 'task', direction: 'desc' });
    expect(toggleSort({ key: 'task', direction: 'asc' }, 'duration')).toEqual({
      key: 'duration',
      direction: 'desc',
    });
    expect(toggleSort(DEFAULT_RUN_SORT, 'runner')).toEqual({ key: 'runner', direction: 'asc' });
  });

  it("counts each runner's busy slots (preparing, running) and queued runs against its capacity", () => {
    const loads = runnerLoads(
      [runner(1, { maxConcurrent: 2 }), runner(2, { maxConcurrent: 1 })],
      [
        ...runs,
        run(8, 1, { status: 'preparing' }),
        run(9, 1, { status: 'queued' }),
        run(10, 1, { status: 'running', runnerId: null }),
        // Its runner could not be reached: its agent may still hold the slot.
        run(11, 1, { status: 'blocked', released: true }),
      ],
    );
    expect(loads.map(({ runner: r, busy, queued, capacity }) => [r.name, busy, queued, capacity])).toEqual([
      ['box1', 2, 2, 2],
      ['box2', 1, 0, 1],
    ]);
  });
});
