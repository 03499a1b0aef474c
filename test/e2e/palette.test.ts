// Functions passed to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Page as ListPage, Task, TaskRow } from '@shared/contract';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { startHeadlessHost, type RunningHost } from '../support/headless-host';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('keyboard: shortcuts, going back and the command palette', () => {
  let host: RunningHost;
  let browser: LaunchedBrowser;
  let runId: string;
  let loginTaskId: string;
  let docsTaskId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHeadlessHost();
    browser = await launchBrowser({ viewport: { width: 1440, height: 900 } });
    // Runs are only queued here: nothing launches.
    await host.rpc('queue.setPaused', { paused: true });
    const project = await host.rpc<{ id: string }>('projects.upsert', {
      name: 'api',
      aliases: ['backend'],
      repoUrl: 'https://github.com/acme/api',
      gitUrl: 'git@github.com:acme/api.git',
    });
    await host.rpc('runners.upsert', {
      name: 'lab',
      host: 'lab.invalid',
      shellPrelude: 'export PATH=$PATH',
      defaultAgent: 'claude',
    });
    const login = await host.rpc<Task>('tasks.create', {
      projectId: project.id,
      title: 'Fix the login redirect',
    });
    loginTaskId = login.id;
    docsTaskId = (await host.rpc<Task>('tasks.create', { projectId: project.id, title: 'Document the API' }))
      .id;
    runId = (await host.rpc<Dispatch>('dispatches.queue', { taskId: login.id })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const page = (): Page => browser.page;
  const hash = () => page().evaluate(() => window.location.hash);
  /** The page the hash names ('' is the queue, the start page). */
  const pageName = async () => (await hash()).replace(/^#\/?/, '').split('/')[0] || 'queue';
  const focused = () =>
    page().evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return {
        label: element?.labels?.[0]?.textContent ?? element?.getAttribute('aria-label') ?? '',
        text: element?.textContent ?? '',
        role: element?.getAttribute('role') ?? '',
      };
    });
  const blur = () => page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const palette = () => page().getByRole('dialog', { name: 'Command palette' });

  it('n opens a new task with the title field focused', async () => {
    await page().goto(host.appUrl);
    await page().getByRole('link', { name: 'Document the API', exact: true }).waitFor();
    await blur();
    await page().keyboard.press('n');
    const dialog = page().getByRole('dialog', { name: 'New task' });
    await dialog.waitFor();
    expect((await focused()).label).toBe('Title');
    await page().keyboard.type('Typed straight away');
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Typed straight away');
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('arrow keys reach the first card without a Tab, then move between cards', async () => {
    await blur();
    await page().keyboard.press('ArrowDown');
    expect((await focused()).text).toBe('Document the API');
    // The queued run's card is in the next lane with cards.
    await page().keyboard.press('ArrowRight');
    expect((await focused()).text).toBe('Fix the login redirect');
  });

  it('Esc goes back from a task page, but first leaves a field', async () => {
    await page().keyboard.press('Enter');
    await expect.poll(hash).toBe(`#/task/${loginTaskId}`);
    await page().getByRole('heading', { name: 'Fix the login redirect' }).first().waitFor();
    await page().keyboard.press('Escape');
    await expect.poll(pageName).toBe('queue');

    // Opened directly there is no page of Sortie's to go back to: Esc goes to the queue.
    await page().goto(`${host.appUrl}#/task/${docsTaskId}`);
    await page().getByRole('heading', { name: 'Document the API' }).first().waitFor();
    // A task without runs offers its runner and agent: in a field, Esc is the field's.
    const field = page().getByRole('main').locator('select, textarea, input').first();
    await field.focus();
    await page().keyboard.press('Escape');
    expect(await hash()).toBe(`#/task/${docsTaskId}`);
    await blur();
    await page().keyboard.press('Escape');
    await expect.poll(hash).toBe('#/queue');
  });

  it('? lists the keyboard shortcuts', async () => {
    await blur();
    await page().keyboard.press('?');
    const dialog = page().getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const does of [
      /Command palette/,
      /New task, typing its title/,
      /Move between cards/,
      /Back from a task/,
    ]) {
      await dialog.getByText(does).first().waitFor();
    }
    await page().screenshot({ path: join(SHOTS, 'keyboard-shortcuts.png') });
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('Ctrl+K opens the palette focused; typing filters, Enter goes to a run page', async () => {
    await page().keyboard.press('Control+k');
    await palette().waitFor();
    expect((await focused()).role).toBe('combobox');
    await page().keyboard.type('login queued');
    const first = palette().getByRole('option').first();
    await expect.poll(() => first.textContent()).toMatch(/^Fix the login redirectRun · Queued · lab/);
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page().screenshot({ path: join(SHOTS, 'palette-go-to.png') });
    await page().keyboard.press('Enter');
    await palette().waitFor({ state: 'detached' });
    await expect.poll(hash).toBe(`#/run/${runId}`);

    // Esc goes back from the run page to where the palette was opened.
    await blur();
    await page().keyboard.press('Escape');
    await expect.poll(pageName).toBe('queue');
  });

  it('arrow keys choose in the palette, and Esc closes it', async () => {
    await page().keyboard.press('Control+k');
    await palette().waitFor();
    await page().keyboard.type('runners');
    await page().keyboard.press('ArrowDown');
    const selected = palette().locator('[role="option"][aria-selected="true"]');
    expect(await selected.count()).toBe(1);
    await page().keyboard.press('ArrowUp');
    expect(await palette().getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await page().keyboard.press('Escape');
    await palette().waitFor({ state: 'detached' });
    expect(await pageName()).toBe('queue');
  });

  it('quick capture previews what the line becomes, and Enter creates the task and queues it', async () => {
    await page().keyboard.press('Control+k');
    await palette().waitFor();
    await page().keyboard.type('capture');
    await page().keyboard.press('Enter');
    const line = palette().getByLabel('Quick capture line');
    await line.waitFor();
    expect((await focused()).label).toBe('Quick capture line');

    const preview = palette().getByRole('definition');
    const fields = () => preview.allTextContents();
    await page().keyboard.type('web fix it');
    await palette().getByText('there is no project called "web" (projects: api)').waitFor();

    await line.fill('');
    await page().keyboard.type('backend prio high fix the flaky upload --iterate 2 --eval npm test');
    await expect
      .poll(fields)
      .toEqual([
        'api (as “backend”)',
        'fix the flaky upload',
        'High',
        'lab',
        'Claude Code',
        'npm test passes (at most 2 runs)',
      ]);
    await page().screenshot({ path: join(SHOTS, 'palette-capture.png') });

    await line.fill('');
    await page().keyboard.type('backend prio high fix the flaky upload');
    await expect
      .poll(fields)
      .toEqual(['api (as “backend”)', 'fix the flaky upload', 'High', 'lab', 'Claude Code']);
    await page().keyboard.press('Enter');
    await palette().waitFor({ state: 'detached' });
    const tasks = (await host.rpc<ListPage<TaskRow>>('tasks.list', {})).items;
    const created = tasks.find((t) => t.title === 'fix the flaky upload');
    // A list row has no note: the task itself keeps the line it was captured from.
    expect(await host.rpc<Task>('tasks.get', { id: created!.id })).toMatchObject({
      priority: 'high',
      source: 'app',
      note: 'backend prio high fix the flaky upload',
    });
    const runs = (await host.rpc<ListPage<Dispatch>>('dispatches.list', {})).items;
    expect(runs.find((r) => r.taskId === created!.id)).toMatchObject({ status: 'queued', agent: 'claude' });
    // The board shows it at once.
    await page().getByRole('link', { name: 'fix the flaky upload', exact: true }).waitFor();
  });

  it('reviews a pull request from a pasted URL, checking it as it is typed', async () => {
    await page().keyboard.press('Control+k');
    await palette().waitFor();
    await page().keyboard.type('review a pull');
    await page().keyboard.press('Enter');
    await palette().getByLabel('Pull request URL').waitFor();
    await page().keyboard.type('https://github.com/acme/api/issues/3');
    await palette()
      .getByText(/not a pull request/)
      .waitFor();
    await palette().getByLabel('Pull request URL').fill('https://github.com/acme/api/pull/3');
    await palette().getByText('Enter reviews it on lab with Claude Code.').waitFor();
    // Backspace in an empty field goes back to the commands.
    await palette().getByLabel('Pull request URL').fill('');
    await page().keyboard.press('Backspace');
    await palette().getByRole('combobox').waitFor();
    await page().keyboard.press('Escape');
    await palette().waitFor({ state: 'detached' });
  });

  it('links quick capture from the sidebar, opening the palette’s capture', async () => {
    const link = page().getByRole('link', { name: 'Quick capture' });
    expect(await link.getAttribute('href')).toBe('#/quick');
    await link.click();
    await palette().getByLabel('Quick capture line').waitFor();
    expect((await focused()).label).toBe('Quick capture line');
    await page().keyboard.press('Escape');
    await palette().waitFor({ state: 'detached' });
    expect(browser.uncaught).toEqual([]);
  });
});
