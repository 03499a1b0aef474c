import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Task } from '@shared/contract';
import { startE2eRunner, waitForRun, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');

// What the fake agents report, in the real CLIs' formats: Codex 24,631 tokens in (19,072 cached)
// and 1,187 out, no cost; Claude Code 42 + 3,110 + 60,480 in (60,480 cached), 812 out, $0.0421.
describe('cost, tokens and readable output of runs of both agents', () => {
  let e2e: E2eRunner;
  let task: Task;
  let codexRun: Dispatch;
  let claudeRun: Dispatch;
  const page = (): Page => e2e.browser.page;
  const output = () => page().getByRole('log', { name: 'Output' });
  const entry = (text: string) => output().getByRole('listitem').filter({ hasText: text });

  async function openRun(run: Dispatch): Promise<void> {
    await page().goto(`${e2e.host.baseUrl}/#/run/${run.id}`);
    await page().getByRole('region', { name: 'The run succeeded' }).waitFor();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('run-usage', { viewport: { width: 1280, height: 900 } });
    await e2e.addRunner({ name: 'lab' });
    const project = await e2e.addProject({ baseBranch: 'main' });
    task = await e2e.host.rpc<Task>('tasks.create', { projectId: project.id, title: 'Count what runs cost' });
    e2e.outcome('success');
    for (const agent of ['codex', 'claude'] as const) {
      const queued = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: task.id, agent });
      const done = await waitForRun(e2e, queued.id, ['succeeded', 'failed', 'blocked', 'canceled'], 90_000);
      if (agent === 'codex') codexRun = done;
      else claudeRun = done;
    }
    await page().goto(e2e.host.appUrl);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('shows a Codex run’s tokens (no cost) and its commands as it meant them, each with its exit code', async () => {
    expect(codexRun.status).toBe('succeeded');
    await openRun(codexRun);
    const usage = page().locator('.run-facts [data-usage]');
    await expect.poll(() => usage.textContent()).toContain('25k in (19k cached) · 1.2k out');
    expect(await usage.textContent()).not.toContain('$');

    // The run's facts come with the run; its output is read after (its own request).
    const commit = entry("git commit -m 'feat: Count what runs cost'");
    await expect.poll(() => commit.count()).toBe(1);
    expect(await commit.textContent()).toContain('exit 0');
    expect(await output().getByText('bash -lc').count()).toBe(0);
    // Start and end of a command are one entry, with its output on it.
    const status = entry('git status --short --branch');
    expect(await status.count()).toBe(1);
    expect(await status.textContent()).toMatch(/exit 0.*## /s);
    // The final answer is the result card, not an Agent message.
    expect(await output().getByText('"status"').count()).toBe(0);
    expect(await entry('Codex finished its turn').textContent()).toContain('25k in');
    await page().screenshot({ path: join(SHOTS, 'run-usage-codex.png') });
  });

  it('shows a Claude Code run’s cost and its commands, not their descriptions', async () => {
    expect(claudeRun.status).toBe('succeeded');
    await openRun(claudeRun);
    const usage = page().locator('.run-facts [data-usage]');
    await expect.poll(() => usage.textContent()).toContain('$0.04');
    expect(await usage.textContent()).toContain('64k in (60k cached) · 812 out');

    // The run's facts come with the run; its output is read after (its own request).
    const status = entry('git status --short --branch');
    await expect.poll(() => status.count()).toBe(1);
    expect(await status.textContent()).toContain('exit 0');
    expect(await output().getByText('Run git', { exact: true }).count()).toBe(0);
    expect(await entry('Command output').count()).toBe(0);
    expect(await output().getByText('"status"').count()).toBe(0);
    await page().screenshot({ path: join(SHOTS, 'run-usage-claude.png') });
  });

  it('adds up the task’s runs on its page', async () => {
    await page().goto(`${e2e.host.baseUrl}/#/task/${task.id}`);
    const total = page().getByLabel('Usage of all runs');
    await total.waitFor();
    const text = await total.textContent();
    expect(text).toContain('$0.04');
    // 63,632 + 24,631 in, 60,480 + 19,072 cached, 812 + 1,187 out; Codex's cost is unknown.
    expect(text).toContain('88k in (80k cached) · 2.0k out');
    expect(text).toContain('1 run without a cost');
  });

  it('sorts the runs by cost and sums each project over the last days', async () => {
    await page().goto(`${e2e.host.baseUrl}/#/runs`);
    const table = page().locator('table.runs-table');
    await table.waitFor();
    await page().getByRole('button', { name: 'Cost' }).click();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.first().textContent()).toContain('$0.04');
    expect(await rows.nth(1).textContent()).toContain('26k tok');

    await page().getByText('Usage by project').click();
    const summary = page().getByRole('table', { name: 'Usage by project' });
    const lastWeek = await summary.locator('tbody td').first().textContent();
    expect(lastWeek).toContain('$0.04');
    expect(lastWeek).toContain('in 2 runs');
    await page().screenshot({ path: join(SHOTS, 'runs-by-cost.png') });
  });

  it('logs no errors in the page', () => {
    expect(e2e.browser.uncaught).toEqual([]);
    expect(e2e.browser.consoleErrors.filter((text) => !/'frame-ancestors' is ignored/.test(text))).toEqual(
      [],
    );
  });
});
