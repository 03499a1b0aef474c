import { describe, expect, it } from 'vitest';
import type { Dispatch, TaskRow } from '@shared/contract';
import { DISPATCH_STATUSES } from '@shared/domain/dispatch';
import {
  applyChanges,
  beginLoad,
  changedIdsSince,
  emptyCollection,
  finishLoad,
  removeWhere,
  type Collection,
} from '@renderer/stores/collection';
import { applyRunUpdates, latestRunByTask } from '@renderer/stores/dispatch-state';
import { latestRuns } from '@renderer/stores/dispatches';
import { LANES, buildBoard } from '@renderer/stores/lanes';
import { selectQueueBoard } from '@renderer/stores/queue-board';
import { taskMatcher, type QueueFilter } from '@renderer/stores/queue-filter';
import { countOpenTasksByProject } from '@renderer/stores/selectors';
import { patchPullRequestsByTask, pullRequestsByTask } from '@renderer/stores/task-pull-requests';
import { at, id, task } from './fixtures';
import { run, runId } from './run-fixtures';

function loaded<T extends { id: string; updatedAt: string }>(list: T[]): Collection<T> {
  const c = beginLoad(emptyCollection<T>());
  return finishLoad(c, c.loadSeq, list);
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('changedIdsSince', () => {
  it('names the ids changed over several steps, deletions included', () => {
    const first = loaded([task(1), task(2), task(3)]);
    const second = applyChanges(first, [[task(2).id, task(2, { title: 'renamed', updatedAt: at(30) })]]);
    const third = applyChanges(second, [
      [task(4).id, task(4)],
      [task(3).id, null],
    ]);
    const fourth = removeWhere(third, (t) => t.id === task(1).id);
    expect([...changedIdsSince(fourth.byId, first.byId)!].sort()).toEqual(
      [task(1).id, task(2).id, task(3).id, task(4).id].sort(),
    );
    expect([...changedIdsSince(third.byId, second.byId)!].sort()).toEqual([task(3).id, task(4).id].sort());
    expect(changedIdsSince(first.byId, first.byId)?.size).toBe(0);
  });

  it('knows what a reload changed, and says nothing of an unrelated map', () => {
    const first = loaded([task(1), task(2)]);
    const same = task(2);
    const before = applyChanges(first, [[same.id, same]]);
    const reload = beginLoad(before);
    const after = finishLoad(reload, reload.loadSeq, [first.byId[task(1).id]!, same, task(5)]);
    expect([...changedIdsSince(after.byId, before.byId)!]).toEqual([task(5).id]);
    expect(changedIdsSince(loaded([task(1)]).byId, first.byId)).toBeNull();
  });

  it('ignores a change that did not take (an older version)', () => {
    const first = loaded([task(1, { updatedAt: at(40) })]);
    const next = applyChanges(first, [[task(1).id, task(1, { updatedAt: at(10) })]]);
    expect(next).toBe(first);
  });
});

describe('derived data patched with what changed', () => {
  const priorities = ['high', 'medium', 'low'] as const;
  const filters: QueueFilter[] = [
    { projectId: null, priorities: [], text: '', showClosed: true },
    { projectId: null, priorities: ['high'], text: '', showClosed: false },
    { projectId: id('prj', 2), priorities: [], text: '1', showClosed: true },
  ];

  it('gives what computing afresh gives, through events, deletions and reloads', () => {
    const next = random(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const taskList: TaskRow[] = Array.from({ length: 400 }, (_, i) =>
      task(i + 1, { priority: pick(priorities), projectId: id('prj', 1 + (i % 3)) }),
    );
    let tasks = loaded(taskList);
    let runs = loaded<Dispatch>([]);
    let runN = 0;
    let minute = 100;
    let pullRequests: { runs: Collection<Dispatch>['byId']; byTask: ReadonlyMap<string, readonly string[]> } =
      {
        runs: runs.byId,
        byTask: new Map(),
      };
    for (let round = 0; round < 150; round++) {
      const filter = next() < 0.85 ? filters[0]! : pick(filters);
      // A frame of run events: new runs, and progress of runs already held.
      const updates: Dispatch[] = [];
      for (let k = next() < 0.1 ? 150 : 1 + Math.floor(next() * 5); k > 0; k--) {
        minute++;
        const held = Object.values(runs.byId);
        if (held.length > 0 && next() < 0.4) {
          const r = pick(held);
          updates.push({
            ...r,
            status: pick(DISPATCH_STATUSES),
            pullRequestUrl: next() < 0.3 ? `https://github.com/a/b/pull/${minute % 7}` : r.pullRequestUrl,
            updatedAt: at(minute),
          });
        } else {
          runN++;
          updates.push(run(runN, 1 + Math.floor(next() * 420), { id: runId(runN), createdAt: at(minute) }));
        }
      }
      runs = applyRunUpdates(runs, updates);
      // Now and then a task changes, comes, or goes; a run goes; or a list is read again.
      const roll = next();
      if (roll < 0.2) {
        const t = pick(Object.values(tasks.byId));
        const status = next() < 0.5 ? 'closed' : 'open';
        tasks = applyChanges(tasks, [
          [t.id, { ...t, status, priority: pick(priorities), updatedAt: at(minute) }],
        ]);
      } else if (roll < 0.3) {
        tasks = applyChanges(tasks, [[pick(Object.keys(tasks.byId)), null]]);
      } else if (roll < 0.35) {
        const n = 1000 + round;
        tasks = applyChanges(tasks, [
          [task(n).id, task(n, { createdAt: at(minute), updatedAt: at(minute) })],
        ]);
      } else if (roll < 0.4 && runN > 0) {
        runs = applyChanges(runs, [[pick(Object.keys(runs.byId)), null]]);
      } else if (roll < 0.43) {
        const reload = beginLoad(tasks);
        tasks = finishLoad(reload, reload.loadSeq, Object.values(tasks.byId));
      }

      const latest = latestRunByTask(runs.byId);
      expect(latestRuns(runs.byId), `round ${round}: latest runs`).toEqual(latest);
      const got = selectQueueBoard(tasks.byId, runs.byId, filter);
      const fresh = buildBoard(Object.values(tasks.byId), latest, taskMatcher(filter));
      for (const lane of LANES) {
        expect(
          got.board[lane].map((c) => [c.task.id, c.run?.id]),
          `round ${round}, ${lane}`,
        ).toEqual(fresh[lane].map((c) => [c.task.id, c.run?.id]));
      }
      const inScope = taskMatcher({ ...filter, priorities: [], text: '' });
      expect(got.inProject, `round ${round}: in project`).toBe(
        Object.values(tasks.byId).filter(inScope).length,
      );

      const counts = new Map<string, number>();
      for (const t of Object.values(tasks.byId)) {
        if (t.status === 'open') counts.set(t.projectId, (counts.get(t.projectId) ?? 0) + 1);
      }
      expect(countOpenTasksByProject(tasks.byId), `round ${round}: open counts`).toEqual(counts);

      const changedRuns = changedIdsSince(runs.byId, pullRequests.runs);
      const byTask = changedRuns
        ? patchPullRequestsByTask(pullRequests.byTask, pullRequests.runs, runs.byId, changedRuns)
        : pullRequestsByTask(runs.byId);
      expect(byTask, `round ${round}: pull requests`).toEqual(pullRequestsByTask(runs.byId));
      pullRequests = { runs: runs.byId, byTask };
    }
  });

  it('keeps the lanes and cards an event did not touch, so they do not render again', () => {
    const tasks = loaded([task(1), task(2), task(3)]);
    const runs = loaded([run(1, 2, { status: 'succeeded' }), run(2, 3, { status: 'failed' })]);
    const filter = filters[0]!;
    const before = selectQueueBoard(tasks.byId, runs.byId, filter);
    expect(selectQueueBoard(tasks.byId, runs.byId, filter)).toBe(before);
    const after = selectQueueBoard(tasks.byId, applyRunUpdates(runs, [run(3, 1)]).byId, filter);
    expect(after.board.queued.map((c) => c.task.id)).toEqual([task(1).id]);
    expect(after.board.backlog).toEqual([]);
    expect(after.board.done).toBe(before.board.done);
    expect(after.board.attention).toBe(before.board.attention);
    expect(after.board.done[0]).toBe(before.board.done[0]);
  });
});
