import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Task } from '@shared/contract';
import { startE2eRunner, waitForRun, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('terminal: a shell in the run’s worktree, in the window', () => {
  let e2e: E2eRunner;
  let run: Dispatch;
  const page = (): Page => e2e.browser.page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('terminal');
    await e2e.addRunner({ name: 'box', defaultAgent: 'codex' });
    const project = await e2e.addProject();
    e2e.outcome('success');
    const task = await e2e.host.rpc<Task>('tasks.create', { projectId: project.id, title: 'Poke around' });
    run = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: task.id });
    run = await waitForRun(e2e, run.id, ['succeeded']);
  });
  afterAll(async () => {
    if (e2e) await e2e.close();
  });

  const rows = () => page().locator('.xterm-rows').first();

  it('opens in the worktree (pwd prints its path), takes keystrokes, and closes cleanly', async () => {
    page().on('response', (r) => {
      if (r.status() >= 400)
        void r.text().then((t) => console.log('DEBUG', r.url(), r.status(), t, r.request().postData()));
    });
    await page().goto(`${e2e.host.appUrl}#/run/${run.id}`);
    await page().getByRole('button', { name: 'Open terminal' }).click();
    const terminal = page().getByRole('region', { name: 'Terminal' });
    await terminal.getByRole('button', { name: 'Copy SSH command' }).waitFor({ timeout: 20_000 });
    const worktree = e2e.sshd
      .runAsUser(['bash', '-c', 'cd "$1" && pwd -P', 'bash', run.worktreePath.replace(/^~/, e2e.sshd.home)])
      .trim();
    await page().keyboard.type('pwd -P\n');
    await expect.poll(() => rows().textContent(), { timeout: 20_000 }).toContain(worktree);
    await page().screenshot({ path: join(SHOTS, 'run-terminal.png'), fullPage: true });

    // A second one at once, then both closed.
    await page().getByRole('button', { name: 'Open another terminal' }).click();
    await expect.poll(() => page().getByRole('region', { name: 'Terminal' }).count()).toBe(2);
    const ids = async () =>
      page()
        .locator('[data-terminal-id]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-terminal-id')));
    await expect.poll(async () => (await ids()).every((id) => id !== '')).toBe(true);
    const terminalIds = (await ids()) as string[];
    // The window streams each over its own socket, behind the token: a wrong one is refused.
    const refused = await new Promise<number>((resolve) => {
      const url = `${e2e.host.baseUrl.replace(/^http/, 'ws')}/api/terminals/${terminalIds[0]}/stream?token=wrong`;
      const socket = new WebSocket(url);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);
    const closeButtons = page()
      .getByRole('region', { name: 'Terminal' })
      .getByRole('button', { name: 'Close' });
    while ((await closeButtons.count()) > 0) await closeButtons.first().click();
    await expect.poll(() => page().getByRole('region', { name: 'Terminal' }).count()).toBe(0);
    // Closing the panels (their sockets) closed the shells.
    await expect
      .poll(() => e2e.host.rpc<{ open: string[] }>('terminals.keepAlive', { terminalIds }))
      .toEqual({ open: [] });
  });

  it('logs no errors in the page', () => {
    expect(e2e.browser.uncaught).toEqual([]);
    expect(e2e.browser.consoleErrors.filter((text) => !/'frame-ancestors' is ignored/.test(text))).toEqual(
      [],
    );
  });
});
