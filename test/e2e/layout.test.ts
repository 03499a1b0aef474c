import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Project, Task } from '@shared/contract';
import { startE2eRunner, waitForRun, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e/layout');
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

describe('layout: every page fits a 1024 px window, light and dark', () => {
  let e2e: E2eRunner;
  let run: Dispatch;
  const page = (): Page => e2e.browser.page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('layout', { viewport: SIZES[0] });
    await e2e.addRunner({
      name: 'a-runner-with-a-rather-long-name',
      maxConcurrent: 3,
      defaultAgent: 'codex',
    });
    const project = await e2e.addProject();
    e2e.outcome('success');
    const done = await e2e.host.rpc<Task>('tasks.create', {
      projectId: project.id,
      title: 'A finished task whose title is long enough to need two lines on its card',
    });
    run = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: done.id });
    for (const title of ['Backlog one', 'Backlog two']) {
      await e2e.host.rpc<Task>('tasks.create', { projectId: (project as Project).id, title });
    }
    run = await waitForRun(e2e, run.id, ['succeeded']);
  });
  afterAll(async () => {
    if (e2e) await e2e.close();
  });

  /** The page never scrolls sideways: wide content scrolls within its own frame. */
  async function expectNoPageOverflow(where: string): Promise<void> {
    const { overflow, widest } = await page().evaluate(() => {
      const width = document.documentElement.clientWidth;
      // The outermost elements that stick out, to say what to fix.
      const out = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter(
        (el) =>
          el.getBoundingClientRect().right > width + 1 && !el.parentElement?.closest('[data-overflowing]'),
      );
      const names = out
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`);
      return { overflow: document.documentElement.scrollWidth - width, widest: names.join(', ') };
    });
    expect(overflow, `${where} overflows the window by ${overflow}px (${widest})`).toBeLessThanOrEqual(0);
  }

  async function expectInView(name: string, selector: string): Promise<void> {
    const width = page().viewportSize()!.width;
    for (const box of await page()
      .locator(selector)
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right, `${name} ends at ${box.right}px of ${width}px`).toBeLessThanOrEqual(width);
    }
  }

  for (const size of SIZES) {
    for (const scheme of SCHEMES) {
      it(`queue, runs, runners and a run at ${size.width}×${size.height}, ${scheme}`, async () => {
        await page().setViewportSize(size);
        await page().emulateMedia({ colorScheme: scheme });
        const shot = (name: string) =>
          page().screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}-${scheme}.png`) });

        await page().goto(e2e.host.appUrl);
        await page().locator('article.card').first().waitFor();
        await expectNoPageOverflow('the queue');
        // With work in two lanes, the whole board fits: the Done lane is in view.
        const board = page().locator('.board');
        expect(await board.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        await expectInView('the Done lane', '.lane-done');
        await shot('queue');

        await page().goto(`${e2e.host.appUrl}#/runs`);
        await page().getByRole('table').first().waitFor();
        await expectNoPageOverflow('the runs page');
        await shot('runs');

        await page().goto(`${e2e.host.appUrl}#/runners`);
        await page().getByRole('button', { name: /Edit/ }).first().waitFor();
        await expectNoPageOverflow('the runners page');
        await expectInView('Edit', 'button:has-text("Edit")');
        await expectInView('Remove', 'button:has-text("Remove")');
        await shot('runners');

        await page().goto(`${e2e.host.appUrl}#/run/${run.id}`);
        await page().getByRole('log', { name: 'Output' }).waitFor();
        await expectNoPageOverflow('the run page');
        await shot('run');
      });
    }
  }
});
