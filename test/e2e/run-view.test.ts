import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, RunEventPage, Task } from '@shared/contract';
import { shownEntryCount } from './output-entries';
import { startE2eRunner, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');

const SUMMARY = [
  '## What to do',
  '',
  'Stream what the agent does into the **run view** as it happens:',
  '',
  '- messages and `commands` with their exit code',
  '- file changes',
  '',
  'Done when the output appears live. See https://github.com/acme/api/issues/7.',
].join('\n');

describe('run view: run a task from its page, watch it live, follow up and cancel', () => {
  let e2e: E2eRunner;
  let task: Task;
  /** The first run, which opens the pull request. */
  let firstRun: Dispatch;

  const page = (): Page => e2e.browser.page;
  const output = () => page().getByRole('log', { name: 'Output' });
  const history = () => page().getByRole('list', { name: 'Run history' });

  async function runs(): Promise<Dispatch[]> {
    return e2e.host.rpc<Dispatch[]>('dispatches.history', { taskId: task.id });
  }

  async function dismissToasts(): Promise<void> {
    const dismiss = page()
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  async function openTaskPage(): Promise<void> {
    await page().goto(`${e2e.host.baseUrl}/#/task/${task.id}`);
    await page().getByRole('heading', { name: task.title, level: 1 }).waitFor();
  }

  /**
   * Starts a run from the task page and opens its live view. Once a run opened a pull request,
   * Start run asks whether to continue it: `newPullRequest` starts a new one.
   */
  async function startRunAndWatch(options: { newPullRequest?: boolean } = {}): Promise<string> {
    await page().getByRole('button', { name: 'Start run' }).click();
    if (options.newPullRequest) {
      const choice = page().getByRole('dialog', { name: 'This task has an open pull request' });
      await choice.getByRole('button', { name: 'Start a new pull request' }).click();
      await choice.waitFor({ state: 'detached' });
    }
    const watch = page()
      .getByRole('complementary', { name: 'Actions' })
      .getByRole('link', { name: 'Watch live' });
    await watch.waitFor();
    await watch.click();
    await page().waitForURL(/#\/run\/dsp_/);
    // The run page is loaded on first use: wait until it shows (its link back to the task).
    await page().locator('.run-page').getByRole('link', { name: 'Open task' }).waitFor();
    return page().url().split('/').pop()!;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('run-view', { viewport: { width: 1280, height: 860 } });
    await e2e.addRunner({ name: 'lab' });
    const project = await e2e.addProject({ baseBranch: 'main' });
    task = await e2e.host.rpc<Task>('tasks.create', {
      projectId: project.id,
      title: 'Stream agent output into the run view',
      summary: SUMMARY,
      priority: 'high',
      note: 'api: show what the agent does while it works, not only at the end',
      source: 'api',
    });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the task with its summary rendered and its original note', async () => {
    await page().goto(e2e.host.appUrl);
    await expect.poll(() => page().url()).not.toContain('token=');
    await openTaskPage();
    const summary = page().getByRole('region', { name: 'Summary' });
    await summary.getByRole('heading', { name: 'What to do' }).waitFor();
    expect(await summary.locator('strong').textContent()).toBe('run view');
    expect(await summary.getByRole('listitem').count()).toBe(2);
    const link = summary.getByRole('link', { name: 'https://github.com/acme/api/issues/7' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noreferrer');
    expect(await page().getByRole('region', { name: 'Original note' }).textContent()).toContain(
      'show what the agent does',
    );
    expect(await page().getByText('No runs yet.').count()).toBe(1);
    // Runner and agent default to the default runner's. (The Queue, kept hidden behind this page,
    // has a card's "Choose runner and agent" button: the labels are matched exactly.)
    expect(await page().getByLabel('Runner', { exact: true }).inputValue()).not.toBe('');
    expect(await page().getByLabel('Agent', { exact: true }).inputValue()).toBe('codex');
  });

  it('runs the task from its page and shows the agent working live, then the result', async () => {
    e2e.outcome('slow');
    const runId = await startRunAndWatch();
    expect(await page().getByRole('button', { name: 'Cancel run' }).isVisible()).toBe(true);

    // Entries appear while the agent works.
    await output().getByText('Looking at the worktree first.').waitFor({ timeout: 60_000 });
    await output().getByText('git status --short --branch').waitFor();
    expect(await page().getByRole('button', { name: 'Cancel run' }).isVisible()).toBe(true);
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'run-live-view.png') });

    const result = page().getByRole('region', { name: 'The run succeeded' });
    await result.waitFor({ timeout: 60_000 });
    const prLink = result.getByRole('link', { name: /^acme\/api\/pull\/\d+$/ });
    expect(await prLink.getAttribute('href')).toMatch(/^https:\/\/github\.com\/acme\/api\/pull\/\d+$/);
    expect(await prLink.getAttribute('target')).toBe('_blank');
    expect(await page().getByRole('button', { name: 'Cancel run' }).count()).toBe(0);

    // Every stored event shows once: live entries were merged without duplicates.
    const stored = await e2e.host.rpc<RunEventPage>('dispatches.events', {
      dispatchId: runId,
      afterSeq: 0,
      limit: 2000,
    });
    await expect.poll(() => output().getByRole('listitem').count()).toBe(shownEntryCount(stored.events));
    expect(await output().getByText('Looking at the worktree first.').count()).toBe(1);

    // Each launch phase and the agent's work, with durations.
    const phases = page().getByRole('region', { name: 'Phases' }).getByRole('listitem');
    expect(await phases.count()).toBe(9);
    const last = (await phases.allTextContents()).at(-1)!;
    expect(last).toMatch(/Agent at work: Done\d/);

    // The exact prompt that was sent.
    await page().getByText('Prompt sent to the agent').click();
    const detail = await e2e.host.rpc<{ prompt: string }>('dispatches.get', { id: runId });
    expect(detail.prompt).toContain(task.title);
    expect(await page().locator('.run-prompt-text').textContent()).toBe(detail.prompt);
    await page().getByText('Prompt sent to the agent').click();

    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'run-result.png') });
    firstRun = (await runs())[0]!;
    expect(firstRun.status).toBe('succeeded');
  });

  it('reads a finished run’s history again when the view is opened afresh', async () => {
    await page().reload();
    await page().getByRole('region', { name: 'The run succeeded' }).waitFor();
    const stored = await e2e.host.rpc<RunEventPage>('dispatches.events', {
      dispatchId: firstRun.id,
      afterSeq: 0,
      limit: 2000,
    });
    await expect.poll(() => output().getByRole('listitem').count()).toBe(shownEntryCount(stored.events));
    // A finished run has nothing new to follow: no marker says otherwise.
    expect(await page().getByText('Following new output').count()).toBe(0);
  });

  it('sends a follow-up from the task page with Ctrl+Enter, and the new run continues on the same branch', async () => {
    e2e.outcome('success');
    await page().getByRole('link', { name: 'Open task' }).click();
    await page().getByRole('heading', { name: task.title, level: 1 }).waitFor();
    const request = page().getByLabel('Follow-up request', { exact: true });
    expect(await page().getByRole('button', { name: 'Send follow-up' }).isDisabled()).toBe(true);
    await request.fill('Also cover the reconnect case.');
    await request.press('Control+Enter');
    await expect.poll(() => request.inputValue()).toBe('');

    await history().getByRole('listitem', { name: 'Follow-up run 2' }).waitFor();
    const followUps = page().getByRole('region', { name: 'Follow-up requests' });
    await followUps.getByText('Also cover the reconnect case.').waitFor();

    const second = history().getByRole('listitem', { name: 'Follow-up run 2' });
    await expect.poll(() => second.textContent(), { timeout: 60_000 }).toContain('Succeeded');
    const [latest, first] = await runs();
    expect(latest!.followUpRequest).toBe('Also cover the reconnect case.');
    expect(latest!.branch).toBe(first!.branch);
    expect(latest!.pullRequestUrl).toBe(first!.pullRequestUrl);
    // Both runs show the one branch.
    expect(await history().getByText(first!.branch, { exact: true }).count()).toBe(2);
    expect(await second.textContent()).toContain('Asked: Also cover the reconnect case.');

    await dismissToasts();
    // The page scrolls inside <main>: a taller window shows all of it.
    await page().setViewportSize({ width: 1280, height: 1320 });
    await page().screenshot({ path: join(SHOTS, 'task-page.png') });
    await page().setViewportSize({ width: 1280, height: 860 });
  });

  it('cancels a hanging run from its live view', async () => {
    e2e.outcome('hang');
    const runId = await startRunAndWatch({ newPullRequest: true });
    await output().getByText('Waiting for something that never comes.').waitFor({ timeout: 60_000 });
    // The maximum run time counts down while it runs (4 h by default).
    const countdown = page().locator('[data-countdown="max-run-time"]');
    await expect.poll(() => countdown.textContent(), { timeout: 10_000 }).toMatch(/Times out in\s*[34]h/);
    // Canceling asks first; backing out leaves the run going.
    await page().getByRole('button', { name: 'Cancel run' }).click();
    const confirm = page().getByRole('dialog', { name: 'Cancel this run?' });
    await confirm.getByRole('button', { name: 'Keep running' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await runs())[0]!.status).toBe('running');
    await page().getByRole('button', { name: 'Cancel run' }).click();
    await confirm.getByRole('button', { name: 'Cancel run' }).click();
    await page().getByRole('region', { name: 'The run was canceled' }).waitFor({ timeout: 30_000 });
    // Whatever the core recorded about the cancel shows too, once.
    const stored = await e2e.host.rpc<RunEventPage>('dispatches.events', {
      dispatchId: runId,
      afterSeq: 0,
      limit: 2000,
    });
    await expect.poll(() => output().getByRole('listitem').count()).toBe(shownEntryCount(stored.events));
    expect(await page().getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    const [latest] = await runs();
    expect(latest!.status).toBe('canceled');
  });

  it('opens a long run a window at a time, and pauses following while scrolled up', async () => {
    e2e.outcome('big-output');
    const other = await e2e.host.rpc<Task>('tasks.create', {
      projectId: task.projectId,
      title: 'Write a lot of output',
    });
    const queued = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: other.id });
    await expect
      .poll(async () => (await e2e.host.rpc<Dispatch>('dispatches.get', { id: queued.id })).status, {
        timeout: 90_000,
      })
      .toBe('succeeded');
    const stored = await e2e.host.rpc<RunEventPage>('dispatches.events', {
      dispatchId: queued.id,
      afterSeq: 0,
      limit: 2000,
    });
    expect(stored.events.length).toBeGreaterThan(250);

    const started = Date.now();
    await page().goto(`${e2e.host.baseUrl}/#/run/${queued.id}`);
    const earlier = output().getByRole('button', { name: /^Show \d+ earlier entries$/ });
    await earlier.waitFor();
    const opened = Date.now() - started;
    expect(await output().getByRole('listitem').count()).toBe(200);
    expect(
      await page()
        .getByText(`${shownEntryCount(stored.events)} entries`, { exact: true })
        .isVisible(),
    ).toBe(true);
    expect(opened).toBeLessThan(10_000);

    // Scrolling up stops following; the entries in view stay put.
    await output().evaluate((box) => box.scrollTo({ top: 0 }));
    const jump = page().getByRole('button', { name: /^Jump to latest/ });
    await jump.waitFor();

    await earlier.click();
    await expect.poll(() => output().getByRole('listitem').count()).toBe(shownEntryCount(stored.events));

    await jump.click();
    await expect
      .poll(() => output().evaluate((box) => box.scrollHeight - box.scrollTop - box.clientHeight))
      .toBeLessThan(30);
    await dismissToasts();
    // Clicking inside the box scrolled the page (<main>) too: back to its top for the picture.
    await page()
      .locator('main')
      .evaluate((main) => main.scrollTo({ top: 0 }));
    await page().screenshot({ path: join(SHOTS, 'run-long-output.png') });
  });

  it('closes dialogs with Esc, and deletes the task after confirming', async () => {
    await openTaskPage();
    await page().getByRole('button', { name: 'Delete task' }).click();
    const dialog = page().getByRole('dialog', { name: 'Delete this task?' });
    await dialog.waitFor();
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page().getByRole('button', { name: 'Discard history' }).click();
    const discard = page().getByRole('dialog', { name: 'Discard the run history?' });
    await discard.getByRole('button', { name: 'Discard history' }).click();
    await discard.waitFor({ state: 'detached' });
    await page().getByText('No runs yet.').waitFor();

    await page().getByRole('button', { name: 'Delete task' }).click();
    await dialog.getByRole('button', { name: 'Delete task' }).click();
    await page().waitForURL(/#\/queue$/);
  });

  it('logs no errors in the page', () => {
    expect(e2e.browser.uncaught).toEqual([]);
    // Chromium notes that this directive only works as a header (the host sends it as one).
    expect(e2e.browser.consoleErrors.filter((text) => !/'frame-ancestors' is ignored/.test(text))).toEqual(
      [],
    );
  });
});
