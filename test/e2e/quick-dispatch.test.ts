import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, TaskRow } from '@shared/contract';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { startHeadlessHost, type RunningHost } from '../support/headless-host';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('quick dispatch window', () => {
  let host: RunningHost;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHeadlessHost();
    browser = await launchBrowser();
    // Nothing launches here: the run only has to be queued.
    await host.rpc('queue.setPaused', { paused: true });
    await host.rpc('projects.upsert', {
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
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('suggests projects, shows the default runner and agent, and queues the task on Enter', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 560, height: 196 });
    await page.goto(`${host.appUrl}#/quick`);
    const field = page.getByLabel('Quick dispatch', { exact: true }).getByRole('textbox');
    await expect.poll(() => page.getByText('Runs on lab with Claude Code').count()).toBe(1);
    await field.fill('ba');
    await page.getByRole('option', { name: /backend/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'quick-dispatch.png') });
    await field.press('Tab');
    expect(await field.inputValue()).toBe('backend ');
    await field.pressSequentially('prio high fix the login timeout');
    // What the line becomes, as the core reads it, on one line in place of the hint.
    await expect
      .poll(() => page.getByRole('definition').allTextContents())
      .toEqual(['api (as “backend”)', 'fix the login timeout', 'High', 'lab', 'Claude Code']);
    await page.screenshot({ path: join(SHOTS, 'quick-dispatch-preview.png') });
    await field.press('Enter');
    await page.getByText('Queued: fix the login timeout').waitFor();
    const tasks = (await host.rpc<Page<TaskRow>>('tasks.list', {})).items;
    expect(tasks).toMatchObject([{ title: 'fix the login timeout', priority: 'high', source: 'tray' }]);
    const runs = (
      await host.rpc<Page<{ taskId: string; status: string; agent: string }>>('dispatches.list', {})
    ).items;
    expect(runs).toMatchObject([{ taskId: tasks[0]!.id, status: 'queued', agent: 'claude' }]);
  });

  it('shows what is wrong inline and creates nothing', async () => {
    const { page } = browser;
    const field = page.getByLabel('Quick dispatch', { exact: true }).getByRole('textbox');
    await field.fill('web fix it');
    // The preview says so while typing, before Enter.
    await page.getByText('there is no project called "web" (projects: api)').waitFor();
    await field.press('Enter');
    await page
      .getByRole('alert')
      .getByText(/no project called "web"/)
      .waitFor();
    expect(await field.inputValue()).toBe('web fix it');
    expect((await host.rpc<Page<TaskRow>>('tasks.list', {})).items).toHaveLength(1);
  });
});
