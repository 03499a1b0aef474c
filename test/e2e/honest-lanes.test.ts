import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Task } from '@shared/contract';
import { startE2eRunner, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('honest lanes: an unreachable runner, a canceled run', () => {
  let e2e: E2eRunner;
  const page = (): Page => e2e.browser.page;
  const lane = (name: string): Locator => page().getByRole('region', { name, exact: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('lanes');
    await e2e.addRunner({ name: 'box', maxConcurrent: 2, defaultAgent: 'codex' });
    await e2e.addProject();
  });
  afterAll(async () => {
    if (!e2e) return;
    await e2e.sshd.start().catch(() => undefined);
    await e2e.close();
  });

  async function queue(title: string): Promise<{ task: Task; run: Dispatch }> {
    const projects = await e2e.host.rpc<{ id: string }[]>('projects.list', {});
    const task = await e2e.host.rpc<Task>('tasks.create', { projectId: projects[0]!.id, title });
    const run = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: task.id });
    return { task, run };
  }

  async function status(id: string): Promise<Dispatch> {
    return e2e.host.rpc<Dispatch>('dispatches.get', { id });
  }

  it('keeps a run whose runner cannot be reached in Running, says so, and offers no Run again', async () => {
    e2e.outcome('slow');
    const { run } = await queue('Survives the network');
    await page().goto(e2e.host.appUrl);
    await expect.poll(async () => (await status(run.id)).status, { timeout: 60_000 }).toBe('running');
    await e2e.sshd.stop();
    await expect.poll(async () => (await status(run.id)).released, { timeout: 60_000 }).toBe(true);

    const unreachable = lane('Running').locator('article.card', { hasText: 'Survives the network' });
    await unreachable.getByText(/Runner unreachable since .*: the agent may still be working/).waitFor();
    expect(await unreachable.getByRole('button', { name: /Run/ }).count()).toBe(0);
    await unreachable.getByRole('link', { name: 'View run' }).waitFor();
    expect(await lane('Needs attention').locator('article.card').count()).toBe(0);
    await page().screenshot({ path: join(SHOTS, 'lanes-runner-unreachable.png') });

    // It still holds its slot on the Runs page.
    await page().goto(`${e2e.host.appUrl}#/runs`);
    await page()
      .getByRole('listitem', { name: /box: 1 of 2 slots busy/ })
      .waitFor();

    // Its task page says so, offers giving up on it (asking first), and no new run.
    await page().goto(`${e2e.host.appUrl}#/task/${run.taskId}`);
    const actions = page().getByRole('complementary', { name: 'Actions' });
    await actions.getByRole('heading', { name: 'Runner unreachable' }).waitFor();
    await actions.getByRole('button', { name: 'Give up on run' }).click();
    const confirm = page().getByRole('dialog', { name: 'Give up on this run?' });
    await confirm.getByRole('button', { name: 'Keep running' }).click();
    expect(await actions.getByRole('button', { name: 'Start run' }).count()).toBe(0);

    // The runner answers again: the true outcome, in its lane.
    await e2e.sshd.start();
    await expect.poll(async () => (await status(run.id)).status, { timeout: 90_000 }).toBe('succeeded');
    await page().goto(e2e.host.appUrl);
    await lane('Done').locator('article.card', { hasText: 'Survives the network' }).waitFor();
  });

  it('shows a canceled run in Done without the success colour', async () => {
    e2e.outcome('hang');
    const { run } = await queue('Stopped halfway');
    await expect.poll(async () => (await status(run.id)).status, { timeout: 60_000 }).toBe('running');
    await e2e.host.rpc('dispatches.cancel', { dispatchId: run.id });
    await page().goto(e2e.host.appUrl);
    const canceled = lane('Done').locator('article.card', { hasText: 'Stopped halfway' });
    await canceled.waitFor({ timeout: 30_000 });
    const succeeded = lane('Done').locator('article.card', { hasText: 'Survives the network' });
    const border = (l: Locator) => l.evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(await border(canceled)).not.toBe(await border(succeeded));
    expect(await canceled.getAttribute('class')).toContain('card-canceled');
  });
});
