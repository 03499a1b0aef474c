import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Task } from '@shared/contract';
import { startE2eRunner, waitForRun, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('changes: what a run changed, from its worktree on the runner', () => {
  let e2e: E2eRunner;
  let run: Dispatch;
  const page = (): Page => e2e.browser.page;
  const changes = () => page().getByRole('region', { name: 'Changes', exact: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('changes');
    await e2e.addRunner({ name: 'box', defaultAgent: 'codex' });
    const project = await e2e.addProject();
    e2e.outcome('success');
    const task = await e2e.host.rpc<Task>('tasks.create', { projectId: project.id, title: 'Make a change' });
    run = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: task.id });
    run = await waitForRun(e2e, run.id, ['succeeded']);
    run = await e2e.host.rpc<Dispatch>('dispatches.get', { id: run.id });
  });
  afterAll(async () => {
    if (e2e) await e2e.close();
  });

  /** What git on the runner counts for the branch against its base: `ADDED\tDELETED\tPATH`. */
  function numstat(): string[] {
    return e2e.sshd
      .runAsUser([
        'bash',
        '-c',
        'cd "$1" && git diff --numstat "$(git merge-base HEAD upstream/main)"',
        'bash',
        run.worktreePath.replace(/^~/, e2e.sshd.home),
      ])
      .trim()
      .split('\n');
  }

  it('lists the changed files with the counts git gives, and shows each diff unified or split', async () => {
    await page().goto(`${e2e.host.appUrl}#/run/${run.id}`);
    const files = changes().getByRole('list', { name: 'Changed files' });
    await files.waitFor({ timeout: 30_000 });
    const expected = numstat();
    expect(await files.getByRole('listitem').count()).toBe(expected.length);
    for (const line of expected) {
      const [added, deleted, path] = line.split('\t') as [string, string, string];
      const item = files.getByRole('listitem').filter({ hasText: path });
      expect(await item.getByLabel(`${added} added, ${deleted} deleted`).count()).toBe(1);
    }
    const diff = changes().getByRole('region', { name: 'Changes to FAKE_CHANGES.md' });
    await diff.locator('.diff-code-insert').first().waitFor();
    expect(await diff.locator('.diff-code-insert').count()).toBeGreaterThan(0);
    await changes().getByRole('button', { name: 'Split' }).click();
    await diff.locator('table.diff-split').waitFor();
    await changes()
      .getByText(/1 commit on the branch|\d+ commits on the branch/)
      .waitFor();
    await page().screenshot({ path: join(SHOTS, 'run-changes.png'), fullPage: true });

    // A changed file named in the output leads to its diff.
    await page()
      .locator('main')
      .evaluate((main) => main.scrollTo({ top: main.scrollHeight }));
    await page()
      .getByRole('log', { name: 'Output' })
      .getByRole('button', { name: 'FAKE_CHANGES.md' })
      .first()
      .click();
    await expect
      .poll(() => diff.evaluate((el) => Math.round(el.getBoundingClientRect().top)), { timeout: 5_000 })
      .toBeLessThan(200);
  });

  it('shows the same changes on the task page', async () => {
    await page().goto(`${e2e.host.appUrl}#/task/${run.taskId}`);
    await changes().getByRole('list', { name: 'Changed files' }).getByText('FAKE_CHANGES.md').waitFor({
      timeout: 30_000,
    });
  });
});
