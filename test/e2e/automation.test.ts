// Functions passed to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutomationEvent, Dispatch, Project, Task } from '@shared/contract';
import { parsePullRequestUrl } from '@shared/domain/review';
import { cancelActiveRuns, startE2eRunner, type E2eRunner } from '../support/e2e-runner';
import { mergePullRequest, submitReview, type PullRequestRef } from '../support/fake-cli/github-fixture';

const SHOTS = join(__dirname, '../../artifacts/e2e');
/** Runs go through real ssh, git, the fake gh and the fake agents; the monitor polls every 2 s. */
const RUN_TIMEOUT = 60_000;
const MAIN_USER = 'octo-lead';
const REVIEW_BODY = 'The refresh races with logout: take the lock first.';
const FOLLOW_UP_LABEL = 'Follow-up queued for review feedback';

describe('pull request automation: status everywhere, reviewer feedback followed up, merged on the card', () => {
  let e2e: E2eRunner;
  let project: Project;
  let task: Task;
  let pr: PullRequestRef;

  const page = (): Page => e2e.browser.page;
  const cardLink = (title: string): Locator => page().getByRole('link', { name: title, exact: true });
  const card = (title: string): Locator => page().locator('article.card', { has: cardLink(title) });
  const automation = (): Locator => page().getByRole('region', { name: 'Pull request automation' });
  const decisions = (): Locator => automation().getByRole('list', { name: 'Automation decisions' });
  const followUpField = (): Locator => page().getByLabel('Follow-up request', { exact: true });
  const choice = (): Locator => page().getByRole('dialog', { name: 'This task has an open pull request' });

  async function history(): Promise<Dispatch[]> {
    return e2e.host.rpc<Dispatch[]>('dispatches.history', { taskId: task.id });
  }

  async function openQueue(): Promise<void> {
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await cardLink(task.title).waitFor();
  }

  async function dismissToasts(): Promise<void> {
    const dismiss = page()
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  async function isFocused(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => el === document.activeElement);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('automation', { viewport: { width: 1400, height: 900 } });
    await e2e.addRunner({ name: 'lab' });
    project = await e2e.addProject({ baseBranch: 'main' });
    task = await e2e.host.rpc<Task>('tasks.create', {
      projectId: project.id,
      title: 'Harden the session refresh',
      summary: 'Refresh the session token before it expires.',
    });
  });

  afterAll(async () => {
    // A run left going would outlive the test: cancel whatever still runs.
    if (e2e) await cancelActiveRuns(e2e.host, task.id);
    await e2e?.close();
  });

  it('sets the main GitHub user and keeps a project’s pull request choices when it is saved', async () => {
    await page().goto(e2e.host.appUrl);
    await expect.poll(() => page().url()).not.toContain('token=');
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page().getByLabel('GitHub main user').fill(MAIN_USER);
    // The follow-up reads as one sentence; its interval stays editable while it is off.
    await page().getByLabel('Follow up reviewer feedback on open pull requests').waitFor();
    expect(await page().getByLabel('Look at open pull requests every (minutes)').isEnabled()).toBe(true);
    await page().getByRole('button', { name: 'Save settings' }).click();
    await page().getByText('Settings saved.').waitFor();
    await page().screenshot({ path: join(SHOTS, 'automation-settings.png'), fullPage: true });

    await openQueue();
    await page().getByLabel('Project', { exact: true }).selectOption(project.id);
    await page().getByRole('button', { name: 'Edit project' }).click();
    let dialog = page().getByRole('dialog', { name: 'Edit project api' });
    const follow = dialog.getByLabel('Follow up failing checks');
    expect(await follow.isChecked()).toBe(false);
    expect(await dialog.getByLabel('At most this many follow-ups').count()).toBe(0);
    await follow.check();
    const most = dialog.getByLabel('At most this many follow-ups');
    expect(await most.inputValue()).toBe('2');
    await most.fill('11');
    await most.press('Enter');
    await dialog.getByRole('alert').getByText('must be a whole number from 1 to 10').waitFor();
    await most.fill('3');
    await dialog.screenshot({ path: join(SHOTS, 'automation-project-dialog.png') });
    await most.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    let [saved] = await e2e.host.rpc<Project[]>('projects.list', {});
    expect(saved).toMatchObject({ followUpFailingChecks: true, maxCheckFixes: 3, closeOnMerge: false });

    // Saved again for another field, the choices stay; turned off, the count is kept.
    await page().getByRole('button', { name: 'Edit project' }).click();
    dialog = page().getByRole('dialog', { name: 'Edit project api' });
    expect(await dialog.getByLabel('Follow up failing checks').isChecked()).toBe(true);
    expect(await dialog.getByLabel('At most this many follow-ups').inputValue()).toBe('3');
    expect(await dialog.getByLabel('Close the task when its pull request is merged').isChecked()).toBe(false);
    await dialog.getByLabel('Follow up failing checks').uncheck();
    await dialog.getByLabel('Description').fill('The session service.');
    await dialog.getByRole('button', { name: 'Save project' }).click();
    await dialog.waitFor({ state: 'detached' });
    [saved] = await e2e.host.rpc<Project[]>('projects.list', {});
    expect(saved).toMatchObject({
      followUpFailingChecks: false,
      maxCheckFixes: 3,
      closeOnMerge: false,
      description: 'The session service.',
    });
  });

  it('runs the task, which opens a pull request, and offers to check it from the task page', async () => {
    e2e.outcome('success');
    await card(task.title).getByRole('button', { name: 'Run', exact: true }).click();
    const link = card(task.title).getByRole('link', { name: /^PR #\d+/ });
    await link.waitFor({ timeout: RUN_TIMEOUT });
    const [run] = await history();
    expect(run!.status).toBe('succeeded');
    const ref = parsePullRequestUrl(run!.pullRequestUrl!)!;
    pr = { owner: ref.owner, name: ref.name, number: ref.number };

    await cardLink(task.title).click();
    await page().getByRole('heading', { name: task.title, level: 1 }).waitFor();
    await automation().waitFor();
    expect(await automation().textContent()).toContain('Not read yet');
    expect(await automation().textContent()).toContain('No decisions yet');
  });

  it('follows up the main user’s requested changes when asked to check now, and the follow-up runs', async () => {
    // GitHub stamps reviews to the second: a review must come a second after the run started.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    submitReview(
      e2e.sshd,
      pr,
      {
        user: MAIN_USER,
        state: 'CHANGES_REQUESTED',
        body: REVIEW_BODY,
        submittedAt: new Date().toISOString(),
        comments: [{ path: 'FAKE_CHANGES.md', line: 1, body: 'Say why here.' }],
      },
      e2e.homes,
    );
    e2e.outcome('slow');
    await automation().getByRole('button', { name: 'Check the pull request now' }).click();
    const first = decisions().getByRole('listitem').first();
    await first.getByText(FOLLOW_UP_LABEL).waitFor({ timeout: 30_000 });
    await automation().getByRole('status').getByText(`Checked: ${FOLLOW_UP_LABEL}.`).waitFor();
    // What was read shows beside the pull request: open, changes requested.
    const status = automation().locator('.automation-pr .pr-status');
    expect(await status.getAttribute('data-pr-state')).toBe('open');
    expect(await status.textContent()).toContain('Changes requested');

    const [decision] = await e2e.host.rpc<AutomationEvent[]>('automation.log', { taskId: task.id });
    expect(decision).toMatchObject({ outcome: 'queued-follow-up', taskId: task.id });
    const runLink = first.getByRole('link', { name: 'Open the follow-up run' });
    expect(await runLink.getAttribute('href')).toBe(`#/run/${decision!.dispatchId}`);
    // The follow-up starts, with the review quoted in its request.
    await page()
      .getByRole('complementary', { name: 'Actions' })
      .getByRole('link', { name: 'Watch live' })
      .waitFor({ timeout: RUN_TIMEOUT });
    const followUp = page().getByRole('list', { name: 'Run history' }).getByRole('listitem', {
      name: 'Follow-up run 2',
    });
    expect(await followUp.textContent()).toContain(REVIEW_BODY);
    await dismissToasts();
    await page().setViewportSize({ width: 1400, height: 1300 });
    await page().screenshot({ path: join(SHOTS, 'automation-task-page.png') });
    await page().setViewportSize({ width: 1400, height: 900 });
    await expect.poll(async () => (await history())[0]!.status, { timeout: RUN_TIMEOUT }).toBe('succeeded');
  });

  it('asks, when Run is pressed with the pull request open, whether to continue it or start a new one', async () => {
    await openQueue();
    const current = card(task.title);
    // The card shows what was read of the pull request.
    expect(await current.locator('.pr-status').getAttribute('data-pr-state')).toBe('open');
    await current.getByRole('button', { name: 'Run again', exact: true }).click();
    await choice().waitFor();
    const proceed = choice().getByRole('button', { name: 'Continue the pull request (follow-up)' });
    expect(await isFocused(proceed)).toBe(true);
    await page().screenshot({ path: join(SHOTS, 'automation-run-choice.png') });
    // Enter continues: the task page opens with the follow-up request focused.
    await page().keyboard.press('Enter');
    await page().getByRole('heading', { name: task.title, level: 1 }).waitFor();
    await expect.poll(() => isFocused(followUpField())).toBe(true);

    // From the task page the same question; Esc backs out and nothing is queued.
    const runs = (await history()).length;
    await page().getByRole('button', { name: 'Start run' }).click();
    await choice().waitFor();
    await page().keyboard.press('Escape');
    await choice().waitFor({ state: 'detached' });
    expect(await history()).toHaveLength(runs);
    // Continuing from the task page focuses the follow-up request there.
    await page().getByRole('button', { name: 'Start run' }).click();
    await choice().getByRole('button', { name: 'Continue the pull request (follow-up)' }).click();
    await choice().waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(followUpField())).toBe(true);
    expect(await history()).toHaveLength(runs);
  });

  it('shows the pull request as merged on the card once it is merged and checked again', async () => {
    mergePullRequest(e2e.sshd, pr, e2e.homes);
    await automation().getByRole('button', { name: 'Check the pull request now' }).click();
    await decisions()
      .getByRole('listitem')
      .first()
      .getByText('Merged or closed')
      .waitFor({ timeout: 30_000 });
    await expect
      .poll(() => automation().locator('.automation-pr .pr-status').getAttribute('data-pr-state'))
      .toBe('merged');

    await openQueue();
    const merged = card(task.title).locator('.pr-status');
    await expect.poll(() => merged.getAttribute('data-pr-state')).toBe('merged');
    expect(await merged.textContent()).toContain('Merged');
    // Run again starts a new pull request without asking: the old one is done.
    expect(await choice().count()).toBe(0);
    await dismissToasts();
    await card(task.title).screenshot({ path: join(SHOTS, 'automation-card-merged.png') });
    await page().screenshot({ path: join(SHOTS, 'automation-queue.png') });
  });

  it('lists every task’s decisions under Runs, the task named and linked', async () => {
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    const runsRow = page()
      .getByRole('row', { name: /Harden the session refresh/ })
      .first();
    await runsRow.waitFor();
    expect(await runsRow.locator('.pr-status').first().getAttribute('data-pr-state')).toBe('merged');
    await page()
      .getByRole('navigation', { name: 'Runs views' })
      .getByRole('link', { name: 'Pull request automation' })
      .click();
    await page().getByRole('heading', { name: 'Pull request automation', level: 1 }).waitFor();
    const log = page().getByRole('list', { name: 'Automation decisions' });
    await expect.poll(() => log.getByRole('listitem').count()).toBe(2);
    const items = log.getByRole('listitem');
    expect(await items.nth(0).textContent()).toContain('Merged or closed');
    expect(await items.nth(1).textContent()).toContain(FOLLOW_UP_LABEL);
    expect(await items.nth(1).getByRole('link', { name: task.title, exact: true }).getAttribute('href')).toBe(
      `#/task/${task.id}`,
    );
    expect(
      await page()
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Runs' })
        .getAttribute('aria-current'),
    ).toBe('page');
    await page().screenshot({ path: join(SHOTS, 'automation-log.png') });
  });

  it('logs no errors in the page', () => {
    expect(e2e.browser.uncaught).toEqual([]);
    const unexpected = e2e.browser.consoleErrors.filter(
      (text) =>
        // The deliberate validation failure above answers 400.
        !/status of 400/.test(text) &&
        // Chromium notes that this directive only works as a header (the host sends it as one).
        !/'frame-ancestors' is ignored/.test(text),
    );
    expect(unexpected).toEqual([]);
  });
});
