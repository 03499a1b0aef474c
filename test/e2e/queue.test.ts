// Functions passed to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Page as ListPage, Runner, TaskRow } from '@shared/contract';
import { cancelActiveRuns, startE2eRunner, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');
/** Runs go through real ssh, git and the fake agents; the monitor polls every 2 s. */
const RUN_TIMEOUT = 60_000;

describe('queue: lanes, filters, keyboard and runs from the cards', () => {
  let e2e: E2eRunner;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('queue', { viewport: { width: 1600, height: 900 } });
  });

  afterAll(async () => {
    // Hanging fake agents would outlive the test: cancel whatever still runs.
    if (e2e) {
      const active = await e2e.host
        .rpc<ListPage<Dispatch>>('dispatches.list', { activeOnly: true, limit: 1000 })
        .then((page) => page.items)
        .catch(() => []);
      await Promise.all(
        active.map((run) => e2e.host.rpc('dispatches.cancel', { dispatchId: run.id }).catch(() => null)),
      );
    }
    await e2e?.close();
  });

  const page = (): Page => e2e.browser.page;
  const lane = (name: string): Locator => page().getByRole('region', { name, exact: true });
  const cardLink = (title: string): Locator => page().getByRole('link', { name: title, exact: true });
  const card = (title: string): Locator => page().locator('article.card', { has: cardLink(title) });
  const laneCount = async (name: string) => Number(await lane(name).locator('.lane-count').textContent());
  const focusedText = () => page().evaluate(() => document.activeElement?.textContent ?? '');

  async function taskId(title: string): Promise<string> {
    const tasks = (await e2e.host.rpc<ListPage<TaskRow>>('tasks.list', { includeClosed: true, limit: 1000 }))
      .items;
    const task = tasks.find((t) => t.title === title);
    if (!task) throw new Error(`no task ${title}`);
    return task.id;
  }

  async function dismissToasts(): Promise<void> {
    const dismiss = page()
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  it('tells a new user the next steps: a project, a runner', async () => {
    await page().goto(e2e.host.appUrl);
    await page().getByText('No projects yet').waitFor();
    await page().getByRole('button', { name: 'Add a project' }).waitFor();
    const runnerLink = page().getByRole('main').getByRole('link', { name: 'Add a runner' });
    expect(await runnerLink.getAttribute('href')).toBe('#/runners');
    await page().screenshot({ path: join(SHOTS, 'queue-first-run.png') });
  });

  it('shows the board once a runner and a project exist, inviting the first task', async () => {
    await e2e.addRunner({
      name: 'box',
      // One slot, so a second run waits in the Queued lane while the first one works.
      maxConcurrent: 1,
      defaultAgent: 'codex',
    });
    await e2e.addProject();

    // Both arrive as events: no reload.
    const backlog = lane('Backlog');
    await backlog.getByText('No tasks yet').waitFor();
    await backlog.getByRole('button', { name: 'Create a task' }).waitFor();
    expect(await page().getByRole('note', { name: 'No runner yet' }).count()).toBe(0);
    for (const name of ['Queued', 'Preparing', 'Running', 'Needs attention', 'Done'])
      await lane(name).waitFor();
  });

  const TITLES = [
    'Hang forever',
    'Fix the login redirect',
    'Needs a token',
    'Keep the agent busy',
    'Waits its turn',
    'Document the API',
  ];

  it('creates tasks from the one-line input at the top of the backlog, and from the dialog with n', async () => {
    const input = page().getByLabel('New task title');
    for (const title of TITLES) {
      await input.fill(title);
      await input.press('Enter');
      await lane('Backlog').getByRole('link', { name: title, exact: true }).waitFor();
      // The input is ready for the next one at once.
      expect(await input.inputValue()).toBe('');
    }
    expect(await page().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'New task title',
    );

    // An empty title is refused next to the input.
    await input.press('Enter');
    await lane('Backlog').getByRole('alert').getByText('Type a title first.').waitFor();
    await input.press('Escape');

    await page().keyboard.press('n');
    const dialog = page().getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Title').fill('Rotate the deploy keys');
    await dialog.getByLabel('Priority').selectOption('high');
    await dialog.getByLabel('Title').press('Enter');
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => laneCount('Backlog')).toBe(TITLES.length + 1);
    // High priority first, then the others oldest first.
    const order = await lane('Backlog').locator('[data-card-link]').allTextContents();
    expect(order).toEqual(['Rotate the deploy keys', ...TITLES]);
    expect(await card('Fix the login redirect').textContent()).toContain('Medium');
    expect(await card('Rotate the deploy keys').textContent()).toContain('High');
  });

  it('filters by title with / and by priority, and clears the filters', async () => {
    await page().getByRole('heading', { name: 'Queue', level: 1 }).click();
    await page().keyboard.press('/');
    const search = page().getByLabel('Search');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page().keyboard.type('LOGIN fix');
    await expect
      .poll(() => lane('Backlog').locator('[data-card-link]').allTextContents())
      .toEqual(['Fix the login redirect']);
    await page()
      .getByText(`Showing 1 of ${TITLES.length + 1} tasks`)
      .waitFor();
    await search.press('Escape');
    expect(await search.inputValue()).toBe('');

    const priority = page().getByRole('group', { name: 'Priority' });
    await priority.getByRole('button', { name: 'High' }).click();
    expect(await priority.getByRole('button', { name: 'High' }).getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() => lane('Backlog').locator('[data-card-link]').allTextContents())
      .toEqual(['Rotate the deploy keys']);
    await priority.getByRole('button', { name: 'Low' }).click();
    await expect.poll(() => laneCount('Backlog')).toBe(1);
    await page().getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => laneCount('Backlog')).toBe(TITLES.length + 1);

    // The project filter lists the project with its open tasks.
    const project = page().getByLabel('Project', { exact: true });
    await project.selectOption({ label: `api (${TITLES.length + 1})` });
    await page()
      .getByText(`${TITLES.length + 1} open tasks in api`)
      .waitFor();
    await project.selectOption({ label: `All projects (${TITLES.length + 1})` });
  });

  it('moves focus through the cards with the arrow keys and opens one with Enter', async () => {
    // The board is one Tab stop: the first card.
    await page().getByLabel('New task title').focus();
    await page().keyboard.press('Tab');
    expect(await focusedText()).toBe('Rotate the deploy keys');
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('Fix the login redirect');
    await page().keyboard.press('ArrowUp');
    expect(await focusedText()).toBe('Hang forever');
    await page().keyboard.press('End');
    expect(await focusedText()).toBe('Document the API');
    // Nothing to the right yet: focus stays.
    await page().keyboard.press('ArrowRight');
    expect(await focusedText()).toBe('Document the API');
    const ring = await page().evaluate(() => {
      const focusedCard = document.activeElement?.closest('.card');
      return focusedCard ? getComputedStyle(focusedCard).outlineStyle : 'none';
    });
    expect(ring).toBe('solid');

    await page().keyboard.press('Home');
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('Enter');
    await expect.poll(() => page().url()).toContain(`#/task/${await taskId('Hang forever')}`);
    await page().goBack();
    await lane('Backlog').waitFor();
  });

  it('runs a task from its card and follows it: queued, preparing, running, done with its pull request', async () => {
    // A run that never ends takes the runner's only slot.
    e2e.outcome('hang');
    await card('Hang forever').getByRole('button', { name: 'Run', exact: true }).click();
    await lane('Running')
      .getByRole('link', { name: 'Hang forever', exact: true })
      .waitFor({ timeout: RUN_TIMEOUT });
    expect(await card('Hang forever').textContent()).toMatch(/Agent working/);

    // Record every lane the next card is shown in, as the DOM changes.
    const loginId = await taskId('Fix the login redirect');
    await page().evaluate((id) => {
      const seen: string[] = [];
      (window as unknown as { __lanes: string[] }).__lanes = seen;
      const look = () => {
        const lane = document
          .querySelector(`[data-task-id="${id}"]`)
          ?.closest('[data-lane]')
          ?.getAttribute('data-lane');
        if (lane && seen.at(-1) !== lane) seen.push(lane);
      };
      new MutationObserver(look).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      look();
    }, loginId);

    // Pick the runner and agent in the small panel beside Run.
    e2e.outcome('slow');
    await card('Fix the login redirect').getByRole('button', { name: 'Choose runner and agent' }).click();
    const options = page().getByRole('dialog', { name: 'Run “Fix the login redirect”' });
    expect(await options.getByLabel('Runner').inputValue()).toBe(
      (await e2e.host.rpc<Runner[]>('runners.list', {}))[0]!.id,
    );
    expect(await options.getByLabel('Agent').inputValue()).toBe('codex');
    await options.getByLabel('Agent').selectOption('claude');
    await page().screenshot({ path: join(SHOTS, 'queue-run-options.png') });
    await options.getByRole('button', { name: 'Run', exact: true }).click();
    await options.waitFor({ state: 'hidden' });

    const queued = lane('Queued').getByRole('link', { name: 'Fix the login redirect', exact: true });
    await queued.waitFor();
    expect(await card('Fix the login redirect').textContent()).toContain('Waiting for a free slot');
    // The card was followed to its new lane.
    expect(await focusedText()).toBe('Fix the login redirect');

    // Free the slot: the queued run starts.
    await cancelActiveRuns(e2e.host, await taskId('Hang forever'));
    const done = lane('Done').getByRole('link', { name: 'Fix the login redirect', exact: true });
    await done.waitFor({ timeout: RUN_TIMEOUT });
    const pr = card('Fix the login redirect').getByRole('link', { name: /^PR #\d+/ });
    expect(await pr.getAttribute('href')).toMatch(/^https:\/\/github\.com\/acme\/api\/pull\/\d+$/);
    expect(await pr.getAttribute('target')).toBe('_blank');
    expect(await pr.getAttribute('rel')).toBe('noreferrer');
    const lanes = await page().evaluate(() => (window as unknown as { __lanes: string[] }).__lanes);
    expect(lanes).toEqual(['backlog', 'queued', 'preparing', 'running', 'done']);
    const run = (await e2e.host.rpc<Dispatch[]>('dispatches.history', { taskId: loginId }))[0]!;
    expect(run.agent).toBe('claude');
    // The canceled run is done too.
    await lane('Done').getByRole('link', { name: 'Hang forever', exact: true }).waitFor();
  });

  it('shows needs attention, running and queued at once, and the runs with their runner load', async () => {
    e2e.outcome('blocked');
    // From the keyboard: the card, then Tab to its Run button.
    await cardLink('Needs a token').focus();
    await page().keyboard.press('Tab');
    expect(await focusedText()).toBe('Run');
    await page().keyboard.press('Enter');
    await lane('Needs attention')
      .getByRole('link', { name: 'Needs a token', exact: true })
      .waitFor({ timeout: RUN_TIMEOUT });
    expect(await card('Needs a token').textContent()).toMatch(/Blocked/);

    e2e.outcome('hang');
    await card('Keep the agent busy').getByRole('button', { name: 'Run', exact: true }).click();
    await lane('Running')
      .getByRole('link', { name: 'Keep the agent busy', exact: true })
      .waitFor({ timeout: RUN_TIMEOUT });
    await card('Waits its turn').getByRole('button', { name: 'Run', exact: true }).click();
    await lane('Queued').getByRole('link', { name: 'Waits its turn', exact: true }).waitFor();

    expect(await laneCount('Backlog')).toBe(2);
    expect(await laneCount('Queued')).toBe(1);
    expect(await laneCount('Running')).toBe(1);
    expect(await laneCount('Needs attention')).toBe(1);
    expect(await laneCount('Done')).toBe(2);
    await dismissToasts();
    // Let a second tick by so the elapsed times read as times.
    await page().waitForTimeout(1_200);
    await page().screenshot({ path: join(SHOTS, 'queue-lanes.png') });

    await page().getByRole('link', { name: 'Runs', exact: true }).click();
    await page().getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    const load = page().getByRole('list', { name: 'Runner capacity' }).getByRole('listitem');
    expect(await load.getAttribute('aria-label')).toBe('box: 1 of 1 slots busy, 1 queued');
    const rows = page().locator('table.runs-table tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    // Sorted by start, newest first; the queued run has not started and sorts by when it was queued.
    const taskColumn = async () => rows.locator('td:nth-child(2)').allTextContents();
    expect((await taskColumn())[0]).toBe('Waits its turn');
    await page().getByRole('button', { name: 'Task', exact: true }).click();
    expect(
      await page().getByRole('columnheader', { name: 'Task', exact: true }).getAttribute('aria-sort'),
    ).toBe('ascending');
    expect(await taskColumn()).toEqual([
      'Fix the login redirect',
      'Hang forever',
      'Keep the agent busy',
      'Needs a token',
      'Waits its turn',
    ]);
    await page().getByRole('button', { name: 'Task', exact: true }).click();
    expect(
      await page().getByRole('columnheader', { name: 'Task', exact: true }).getAttribute('aria-sort'),
    ).toBe('descending');
    // Back to the newest first.
    await page().getByRole('button', { name: 'Started', exact: true }).click();
    expect(
      await page().getByRole('columnheader', { name: 'Started', exact: true }).getAttribute('aria-sort'),
    ).toBe('descending');
    expect(
      await page()
        .getByRole('row', { name: /Fix the login redirect/ })
        .textContent(),
    ).toMatch(/PR #\d+/);
    await page().waitForTimeout(1_100);
    await page().screenshot({ path: join(SHOTS, 'runs-page.png') });

    // Cancel from the list, after confirming.
    await page().getByRole('button', { name: 'Cancel run of Waits its turn' }).click();
    const confirm = page().getByRole('dialog', { name: 'Cancel this run?' });
    expect(await confirm.textContent()).toContain('“Waits its turn” is queued on box');
    await confirm.getByRole('button', { name: 'Keep running' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page().getByRole('button', { name: 'Cancel run of Waits its turn' }).click();
    await confirm.getByRole('button', { name: 'Cancel run' }).click();
    await confirm.waitFor({ state: 'detached' });
    const row = page().getByRole('row', { name: /Waits its turn/ });
    await expect.poll(() => row.locator('td').first().textContent()).toBe('Canceled');
    expect(await row.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);

    // A row opens its run.
    await row.locator('td').nth(2).click();
    const runs = await e2e.host.rpc<Dispatch[]>('dispatches.history', {
      taskId: await taskId('Waits its turn'),
    });
    await expect.poll(() => page().url()).toContain(`#/run/${runs[0]!.id}`);
  });

  it('logs no errors in the page', () => {
    expect(e2e.browser.uncaught).toEqual([]);
    const unexpected = e2e.browser.consoleErrors.filter(
      (text) =>
        // Chromium notes that this directive only works as a header (the host sends it as one).
        !/'frame-ancestors' is ignored/.test(text),
    );
    expect(unexpected).toEqual([]);
  });
});
