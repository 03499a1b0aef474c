import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@shared/contract';
import { LANES } from '@shared/domain/lane';
import { installClient } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import { RECENT_RUNS_HELD, loadDispatches, useDispatchesStore } from '@renderer/stores/dispatches';
import { selectQueueBoard } from '@renderer/stores/queue-board';
import { loadTasks, useTasksStore } from '@renderer/stores/tasks';
import { createApi } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
import { seedRunnerAndProjects } from '../../bench/seed-projects';
import { makeTempDir } from '../../support/temp-dir';

// The board the host answers (`queue.board`) and the board the window sorts from the lists it
// reads must agree, also where the newest run of a task is older than the RECENT_RUNS_HELD most
// recent runs: the window's first look and its own board then show the same lanes.

const OLD_TASKS = 120;

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let router: ReturnType<typeof createApi>;

beforeAll(async () => {
  dir = makeTempDir('sortie-board-parity-');
  core = createCore({ dataDir: dir.path });
  router = createApi(core);
  const { runner, projects } = await seedRunnerAndProjects(router, 2);
  const runs = core.repos.dispatches;
  const priorities = ['high', 'medium', 'low'] as const;
  const task = (i: number): Task =>
    core.repos.tasks.create({
      projectId: projects[i % 2]!.id,
      title: `Task ${i}`,
      summary: '',
      priority: priorities[i % 3]!,
      note: '',
      source: 'api',
    });
  const finish = (taskId: string, status: 'failed' | 'blocked' | 'canceled') => {
    const run = runs.create({ taskId, runnerId: runner.id, agent: 'codex' });
    runs.update(run.id, { status, finishedAt: new Date().toISOString() });
  };
  // Tasks whose only run is older than all the recent ones; some of them closed.
  for (let i = 0; i < OLD_TASKS; i++) {
    const old = task(i);
    finish(old.id, i % 2 === 0 ? 'failed' : i % 3 === 0 ? 'canceled' : 'blocked');
    if (i % 5 === 0) core.repos.tasks.update(old.id, { status: 'closed' });
  }
  // Then more runs than the window reads as recent, on a few busy tasks, and tasks never run.
  const busy = [task(1000), task(1001), task(1002)];
  for (let i = 0; i < RECENT_RUNS_HELD + 300; i++) finish(busy[i % 3]!.id, 'canceled');
  for (let i = 0; i < 40; i++) task(2000 + i);
  installClient(
    createClient({
      invoke: (channel, input) => router.call(channel, input),
      on: () => () => {},
      onEventsMissed: () => () => {},
    }),
  );
  await Promise.all([loadDispatches(), loadTasks(true)]);
}, 120_000);

afterAll(() => {
  core?.close();
  dir?.remove();
});

describe('the host’s board and the window’s', () => {
  it('put every task in the same lane, in the same order, with a long run history', async () => {
    const tasks = useTasksStore.getState().byId;
    const runs = useDispatchesStore.getState().byId;
    // The window holds the recent runs and, past them, each task's newest: not every run.
    expect(Object.keys(runs).length).toBeGreaterThan(RECENT_RUNS_HELD);
    expect(Object.keys(runs).length).toBeLessThan(RECENT_RUNS_HELD + OLD_TASKS + 300);
    for (const showClosed of [false, true]) {
      const answer = await router.call('queue.board', { includeClosed: showClosed, cardsPerLane: 200 });
      if (!answer.ok) throw new Error(answer.error.message);
      const host = answer.value as {
        lanes: Record<
          string,
          { count: number; cards: { task: { id: string }; run: { id: string } | null }[] }
        >;
      };
      const window = selectQueueBoard(tasks, runs, {
        projectId: null,
        priorities: [],
        text: '',
        showClosed,
      }).board;
      for (const lane of LANES) {
        expect(host.lanes[lane]!.count, lane).toBe(window[lane].length);
        expect(
          host.lanes[lane]!.cards.map((card) => `${card.task.id}:${card.run?.id ?? '-'}`),
          lane,
        ).toEqual(window[lane].slice(0, 200).map((card) => `${card.task.id}:${card.run?.id ?? '-'}`));
      }
      // The old runs decide their tasks' lanes on both.
      expect(host.lanes.attention!.count).toBeGreaterThan(0);
    }
  });
});
