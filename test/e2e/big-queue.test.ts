// Functions passed to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import type { Locator, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@shared/contract';
import { createApi } from '../../src/main/api';
import { createCore } from '../../src/main/core/core';
import { seedRunnerAndProjects } from '../bench/seed-projects';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { startHeadlessHost, type RunningHost } from '../support/headless-host';
import { makeTempDir } from '../support/temp-dir';

// A queue of 1,200 tasks, as a user with a long backlog opens it: the board shows before the
// window holds every task, and coming back to it from another page finds it as it was left.

const TASKS = 1200;
/** Tasks 0..BACKLOG-1 never ran; the rest failed once and need attention. */
const BACKLOG = 900;

let dir: ReturnType<typeof makeTempDir>;
let host: RunningHost;
let browser: LaunchedBrowser;
/** The backlog's first and last cards: high priority first, then oldest first. */
let firstBacklog = '';
let lastBacklog = '';

async function seed(dataDir: string): Promise<void> {
  const core = createCore({ dataDir });
  try {
    const { runner, projects } = await seedRunnerAndProjects(createApi(core), 2);
    const priorities = ['low', 'medium', 'high'] as const;
    const tasks: Task[] = [];
    for (let i = 0; i < TASKS; i++) {
      tasks.push(
        core.repos.tasks.create({
          projectId: projects[i % 2]!.id,
          title: `Task ${i} of the long backlog`,
          summary: '',
          priority: priorities[i % 3]!,
          note: '',
          source: 'api',
        }),
      );
    }
    for (const task of tasks.slice(BACKLOG)) {
      const run = core.repos.dispatches.create({ taskId: task.id, runnerId: runner.id, agent: 'codex' });
      core.repos.dispatches.update(run.id, { status: 'failed', finishedAt: new Date().toISOString() });
    }
    const backlog = tasks.slice(0, BACKLOG);
    firstBacklog = backlog.find((task) => task.priority === 'high')!.title;
    lastBacklog = backlog.filter((task) => task.priority === 'low').at(-1)!.title;
  } finally {
    core.close();
  }
}

describe('a queue of many tasks', () => {
  beforeAll(async () => {
    dir = makeTempDir('sortie-e2e-big-queue-');
    await seed(dir.path);
    [host, browser] = await Promise.all([
      startHeadlessHost({ dataDir: dir.path }),
      launchBrowser({ viewport: { width: 1440, height: 900 } }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    dir?.remove();
  });

  const page = () => browser.page;
  const lane = (name: string): Locator => page().getByRole('region', { name, exact: true });
  const laneCount = async (name: string) =>
    Number((await lane(name).locator('.lane-count').textContent())?.replace(/\D/g, ''));
  const cardLink = (title: string): Locator => page().getByRole('link', { name: title, exact: true });
  const backlogScroll = () => lane('Backlog').locator('.lane-scroll');

  it('shows every lane’s count and its first cards while the tasks are still on their way', async () => {
    // Every read of the task list waits until the test lets it through.
    const held: Route[] = [];
    let holding = true;
    await page().route('**/api/rpc/tasks.list', (route) =>
      holding ? void held.push(route) : route.continue(),
    );
    await page().goto(`${host.appUrl}#/queue`);

    await cardLink(firstBacklog).waitFor();
    expect(await laneCount('Backlog')).toBe(BACKLOG);
    expect(await laneCount('Needs attention')).toBe(TASKS - BACKLOG);
    expect(await page().locator('.board-summary').textContent()).toContain(`${TASKS} open tasks`);
    // The list was asked for once the board showed, and none of it has come.
    await expect.poll(() => held.length).toBeGreaterThan(0);

    holding = false;
    for (const route of held) await route.continue();
    // The window's own board takes over with the same counts, and holds every card: the lane
    // scrolls as far as its 900 cards reach.
    const fullHeight = async () =>
      (await lane('Backlog')
        .getByRole('list')
        .evaluate((list) => list.scrollHeight)) >=
      BACKLOG * 100;
    await expect.poll(fullHeight).toBe(true);
    await backlogScroll().evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await cardLink(lastBacklog).waitFor();
    expect(await laneCount('Backlog')).toBe(BACKLOG);
  });

  it('finds the Queue as it was left when coming back from another page', async () => {
    await backlogScroll().evaluate((element) => element.scrollTo({ top: 124 * 300 }));
    const scrolled = await backlogScroll().evaluate((element) => element.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    const shownTitle = await lane('Backlog')
      .locator('.lane-item')
      .nth(5)
      .getByRole('link')
      .first()
      .textContent();

    await page().getByRole('link', { name: 'Runs' }).click();
    await page().getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    // The Queue's keys belong to the Queue: n on the Runs page opens no task dialog.
    await page().keyboard.press('n');
    await page().evaluate(() => new Promise((drawn) => requestAnimationFrame(() => setTimeout(drawn, 50))));
    expect(await page().getByRole('dialog').count()).toBe(0);

    await page().getByRole('link', { name: 'Queue' }).click();
    await page().getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    expect(await backlogScroll().evaluate((element) => element.scrollTop)).toBe(scrolled);
    expect(await cardLink(shownTitle!).isVisible()).toBe(true);
    await page().keyboard.press('n');
    await page().getByRole('dialog', { name: 'New task' }).waitFor();
  });
});
