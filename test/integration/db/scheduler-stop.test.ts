import { expect, it } from 'vitest';
import { createScheduler } from '../../../src/main/core/services/dispatch/scheduler';
import { silentLogger } from '../../../src/main/core/logger';
import { makeProject, makeRunner, makeTask, useDatabase } from './helpers';

const ctx = useDatabase();

it('starts nothing and reads nothing once stopped, even when a launch ends after the database closed', async () => {
  const { repos, db } = ctx();
  const runner = makeRunner(repos, 'one-slot', { maxConcurrent: 1 });
  const project = makeProject(repos, 'api');
  for (const title of ['First', 'Second'])
    repos.dispatches.create({
      taskId: makeTask(repos, project.id, title).id,
      runnerId: runner.id,
      agent: 'codex',
    });

  const launched: string[] = [];
  let finishLaunch = () => {};
  const scheduler = createScheduler({
    repos,
    logger: silentLogger,
    onOrphaned: () => {},
    launch: (id) => {
      launched.push(id);
      return new Promise<void>((resolve) => (finishLaunch = resolve));
    },
  });
  scheduler.kick();
  await new Promise((r) => setTimeout(r, 10));
  expect(launched).toHaveLength(1);

  // The core closes while a launch is still going: the launch's end must not touch the closed database.
  scheduler.stop();
  db.close();
  finishLaunch();
  await scheduler.idle();
  scheduler.kick();
  await new Promise((r) => setTimeout(r, 10));
  expect(launched).toHaveLength(1);
});
