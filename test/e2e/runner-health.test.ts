import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunnerHealth } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eRunner, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('runners: connection health and Reconnect', () => {
  let e2e: E2eRunner;
  const page = (): Page => e2e.browser.page;
  const row = () => page().getByRole('row', { name: /^lab/ });
  const cell = () => row().locator('td.runner-health');
  const badge = () => cell().locator('.badge');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('health');
    await e2e.addRunner({ name: 'lab' });
  });
  afterAll(async () => {
    if (!e2e) return;
    if (!(await isListening())) await e2e.sshd.start();
    await e2e.close();
  });

  async function isListening(): Promise<boolean> {
    const { connect } = await import('node:net');
    return new Promise((resolve) => {
      const socket = connect(e2e.sshd.port, e2e.sshd.host, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  }

  /** Something that uses the runner's pooled connection. */
  const useTheRunner = () => e2e.host.rpc('maintenance.cleanup', {});

  it('shows each runner’s last known health as it changes, with the error while failing', async () => {
    await page().goto(e2e.host.appUrl);
    await page().getByRole('link', { name: 'Runners' }).click();
    await page().getByRole('heading', { name: 'Runners', level: 1 }).waitFor();
    await expect.poll(() => badge().textContent()).toBe('Not used yet');

    await useTheRunner();
    await expect.poll(() => badge().textContent()).toBe('Connected');

    await e2e.sshd.stop();
    await useTheRunner();
    // The page shows what the core reports: the state and the error of the last failure.
    const reported = async () =>
      (await e2e.host.rpc<RunnerHealth[]>('runners.health', {})).find((h) => h.state === 'failing');
    await expect.poll(reported).toBeDefined();
    const { message } = (await reported())!;
    expect(message).toMatch(/refused the connection|connection was lost|did not complete/);
    await expect.poll(() => badge().textContent()).toBe('Failing');
    expect(await cell().getByRole('status').textContent()).toBe(message);
    await page().screenshot({ path: join(SHOTS, 'runner-health-failing.png'), fullPage: true });
  });

  it('Reconnect forgets the failure, and the next use connects afresh', async () => {
    await page().getByRole('button', { name: 'Reconnect lab' }).click();
    await expect.poll(() => badge().textContent()).toBe('Not used yet');
    await e2e.sshd.start();
    await useTheRunner();
    await expect.poll(() => badge().textContent()).toBe('Connected');
  });
});
