import { describe, expect, it } from 'vitest';
import {
  LANES,
  buildBoard,
  findCard,
  isCollapsedLane,
  laneColumns,
  laneOf,
  type LaneId,
} from '@renderer/stores/lanes';
import { latestRunByTask } from '@renderer/stores/dispatch-state';
import type { Dispatch } from '@shared/contract';
import { DISPATCH_STATUSES } from '@shared/domain/dispatch';
import { at, task } from './fixtures';
import { run, runId } from './run-fixtures';

const everything = () => true;

function lanesOf(board: ReturnType<typeof buildBoard>): Record<LaneId, string[]> {
  return Object.fromEntries(LANES.map((lane) => [lane, board[lane].map((c) => c.task.title)])) as Record<
    LaneId,
    string[]
  >;
}

describe('laneOf', () => {
  it('puts a task by its latest run, and a never-run one in the backlog', () => {
    const expected: Record<(typeof DISPATCH_STATUSES)[number], LaneId> = {
      queued: 'queued',
      preparing: 'preparing',
      running: 'running',
      blocked: 'attention',
      failed: 'attention',
      succeeded: 'done',
      canceled: 'done',
    };
    for (const status of DISPATCH_STATUSES) {
      expect(laneOf(task(1), run(1, 1, { status })), status).toBe(expected[status]);
    }
    expect(laneOf(task(1), undefined)).toBe('backlog');
  });

  it('keeps a run whose runner cannot be reached in running: its agent may still be working', () => {
    expect(laneOf(task(1), run(1, 1, { status: 'blocked', released: true }))).toBe('running');
    expect(laneOf(task(1), run(1, 1, { status: 'blocked', released: false }))).toBe('attention');
  });

  it('puts a closed task in done whatever its run did', () => {
    const closed = task(1, { status: 'closed' });
    expect(laneOf(closed, undefined)).toBe('done');
    expect(laneOf(closed, run(1, 1, { status: 'failed' }))).toBe('done');
  });
});

describe('latestRunByTask', () => {
  it('picks the newest run of each task, whatever the order they come in', () => {
    const runs: Dispatch[] = [run(5, 1, { status: 'failed' }), run(9, 1), run(3, 2), run(7, 1)];
    const byId = Object.fromEntries(runs.map((r) => [r.id, r]));
    const latest = latestRunByTask(byId);
    expect(latest.get(task(1).id)?.createdAt).toBe(at(9));
    expect(latest.get(task(2).id)?.createdAt).toBe(at(3));
    expect(latest.size).toBe(2);
  });

  it('breaks a tie in creation time by id', () => {
    const a = run(1, 1, { id: 'dsp_0000000000000000000a' });
    const b = run(1, 1, { id: 'dsp_0000000000000000000b' });
    expect(latestRunByTask({ [b.id]: b, [a.id]: a }).get(task(1).id)?.id).toBe(b.id);
  });
});

describe('buildBoard', () => {
  const tasks = [
    task(1, { title: 'low old', priority: 'low' }),
    task(2, { title: 'high new', priority: 'high' }),
    task(3, { title: 'medium', priority: 'medium' }),
    task(4, { title: 'queued low', priority: 'low' }),
    task(5, { title: 'queued high', priority: 'high' }),
    task(6, { title: 'done first' }),
    task(7, { title: 'done later' }),
    task(8, { title: 'unreachable' }),
    task(9, { title: 'running old' }),
    task(10, { title: 'running new' }),
  ];
  const runs = [
    run(20, 4),
    run(21, 5),
    run(22, 6, { status: 'succeeded', finishedAt: at(30) }),
    run(23, 7, { status: 'canceled', finishedAt: at(40) }),
    run(24, 8, { status: 'blocked', released: true }),
    run(25, 9, { status: 'running', startedAt: at(25) }),
    run(26, 10, { status: 'running', startedAt: at(26) }),
  ];
  const latest = latestRunByTask(Object.fromEntries(runs.map((r) => [r.id, r])));

  it('sorts each lane: backlog and queued by priority then age, working oldest first, finished newest first', () => {
    expect(lanesOf(buildBoard(tasks, latest, everything))).toEqual({
      backlog: ['high new', 'medium', 'low old'],
      queued: ['queued high', 'queued low'],
      preparing: [],
      running: ['unreachable', 'running old', 'running new'],
      attention: [],
      done: ['done later', 'done first'],
    });
  });

  it('leaves out tasks the filter rejects', () => {
    const board = buildBoard(tasks, latest, (t) => t.priority === 'high');
    expect(lanesOf(board).backlog).toEqual(['high new']);
    expect(lanesOf(board).queued).toEqual(['queued high']);
    expect(board.done).toEqual([]);
  });

  it('reuses unchanged cards and lanes, so one run moving re-renders one or two lanes', () => {
    const first = buildBoard(tasks, latest, everything);
    const moved = run(27, 3, { status: 'queued' });
    const next = latestRunByTask(Object.fromEntries([...runs, moved].map((r) => [r.id, r])));
    const second = buildBoard(tasks, next, everything, first);
    expect(second.running).toBe(first.running);
    expect(second.done).toBe(first.done);
    expect(second.backlog).not.toBe(first.backlog);
    expect(second.queued).not.toBe(first.queued);
    // The cards that stayed are the same objects.
    expect(second.backlog[0]).toBe(first.backlog[0]);
    expect(second.queued.map((c) => c.task.title)).toEqual(['queued high', 'medium', 'queued low']);
  });

  it('finds a card', () => {
    const board = buildBoard(tasks, latest, everything);
    expect(findCard(board, task(10).id)).toEqual({ lane: 'running', index: 2 });
    expect(findCard(board, 'tsk_nope')).toBeNull();
  });
});

describe('buildBoard, incrementally', () => {
  /** A small deterministic random source, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  it('gives the same board as building from scratch, whatever changes in between', () => {
    const next = random(7);
    const priorities = ['high', 'medium', 'low'] as const;
    const statuses = DISPATCH_STATUSES;
    let tasks = Array.from({ length: 300 }, (_, i) => task(i, { priority: priorities[i % 3]! }));
    const runs = new Map<string, Dispatch>();
    let runN = 1000;
    let board = buildBoard(tasks, new Map(), everything);
    for (let round = 0; round < 200; round++) {
      // A few run events, sometimes a burst (sorted again), sometimes a task edit.
      const changes = next() < 0.1 ? 100 : 1 + Math.floor(next() * 3);
      for (let k = 0; k < changes; k++) {
        const t = tasks[Math.floor(next() * tasks.length)]!;
        const status = statuses[Math.floor(next() * statuses.length)]!;
        runN++;
        runs.set(
          t.id,
          run(runN % 59, Number(t.id.slice(-5)), { id: runId(runN), status, finishedAt: at(runN % 50) }),
        );
      }
      if (next() < 0.2) {
        const i = Math.floor(next() * tasks.length);
        tasks = tasks.map((t, j) => (j === i ? { ...t, priority: priorities[Math.floor(next() * 3)]! } : t));
      }
      const include = next() < 0.1 ? (t: { priority: string }) => t.priority !== 'low' : everything;
      board = buildBoard(tasks, runs, include, board);
      const fresh = buildBoard(tasks, runs, include);
      for (const lane of LANES) {
        expect(
          board[lane].map((c) => c.task.id),
          `round ${round}, ${lane}`,
        ).toEqual(fresh[lane].map((c) => c.task.id));
      }
    }
  });
});

describe('laneColumns', () => {
  const counts = (filled: Partial<Record<LaneId, number>>) =>
    Object.fromEntries(LANES.map((lane) => [lane, filled[lane] ?? 0])) as Record<LaneId, number>;

  it('shrinks empty lanes but the backlog, and gives running and done more room', () => {
    const columns = laneColumns(counts({ running: 2, done: 5 })).split(' ');
    expect(columns).toEqual([
      'minmax(172px,1fr)',
      'var(--lane-collapsed-width)',
      'var(--lane-collapsed-width)',
      'minmax(200px,1.3fr)',
      'var(--lane-collapsed-width)',
      'minmax(200px,1.3fr)',
    ]);
    expect(isCollapsedLane('backlog', 0)).toBe(false);
    expect(isCollapsedLane('attention', 1)).toBe(false);
  });
});
