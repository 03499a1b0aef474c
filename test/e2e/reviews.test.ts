// Functions passed to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Review, RunEventPage, Task } from '@shared/contract';
import { shownEntryCount } from './output-entries';
import { startE2eRunner, type E2eRunner } from '../support/e2e-runner';
import {
  createPullRequest,
  readPullRequestReviews,
  setPullRequestState,
} from '../support/fake-cli/github-fixture';

const SHOTS = join(__dirname, '../../artifacts/e2e');
/** Review runs go through real ssh, git, the fake gh and the fake agents; the monitor polls every 2 s. */
const RUN_TIMEOUT = 60_000;
const MAIN_USER = 'octocat';
const REPO = { owner: 'acme', name: 'api' };

describe('reviews: paste a pull request URL, watch the review run live, open the submitted review', () => {
  let e2e: E2eRunner;
  let pr: { number: number; url: string; headSha: string };
  let reviewId: string;

  const page = (): Page => e2e.browser.page;
  const urlField = () => page().getByLabel('Pull request URL');
  const output = () => page().getByRole('log', { name: 'Output' });
  const runsOfReview = () => page().getByRole('list', { name: 'Review runs' });

  async function dismissToasts(): Promise<void> {
    const dismiss = page()
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  async function history(): Promise<Dispatch[]> {
    return e2e.host.rpc<Dispatch[]>('reviews.history', { reviewId });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('reviews', { viewport: { width: 1280, height: 860 } });
    await e2e.addRunner({ name: 'lab' });
    // Each review mentions the main GitHub user on its first line: none can be made without one.
    await e2e.host.rpc('settings.update', { githubMainUser: MAIN_USER });
    pr = createPullRequest(
      e2e.sshd,
      REPO,
      {
        title: 'Retry the login when the token expired',
        files: { 'src/login.ts': 'export function login() {\n  return retry(3);\n}\n' },
      },
      e2e.homes,
    );
  });

  afterAll(async () => {
    // A review run left going would outlive the test: cancel whatever still runs.
    if (e2e) {
      const reviews = await e2e.host.rpc<Review[]>('reviews.list', {}).catch(() => []);
      await Promise.all(
        reviews.map((review) => e2e.host.rpc('reviews.cancel', { reviewId: review.id }).catch(() => null)),
      );
    }
    await e2e?.close();
  });

  it('explains what a review does, and checks the URL as it is typed', async () => {
    await page().goto(e2e.host.appUrl);
    await expect.poll(() => page().url()).not.toContain('token=');
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
    await page().getByText('No reviews yet').waitFor();
    expect(
      await page()
        .getByText(/submits one review on GitHub/)
        .isVisible(),
    ).toBe(true);

    // The tray's "Review a pull request…" asks for #/newreview: the Reviews page, URL field focused.
    await page().goto(`${e2e.host.baseUrl}/#/newreview`);
    await page().waitForURL(/#\/reviews$/);
    await expect.poll(() => urlField().evaluate((field) => field === document.activeElement)).toBe(true);

    // `/` goes to the URL field from anywhere on the page.
    await page()
      .locator('main')
      .click({ position: { x: 5, y: 5 } });
    await page().keyboard.press('/');
    await expect.poll(() => urlField().evaluate((field) => field === document.activeElement)).toBe(true);

    const start = page().getByRole('button', { name: 'Start review' });
    await urlField().fill('https://github.com/acme/api/issues/3');
    await page().getByText('This GitHub address is not a pull request').waitFor();
    expect(await urlField().getAttribute('aria-invalid')).toBe('true');
    expect(await start.isDisabled()).toBe(true);

    await urlField().fill(pr.url);
    await page().getByText(`acme/api#${pr.number}`, { exact: true }).waitFor();
    expect(await urlField().getAttribute('aria-invalid')).toBe('false');
    expect(await start.isEnabled()).toBe(true);
    // Runner and agent default to the default runner's; the extra instructions are folded away.
    expect(await page().getByLabel('Runner').inputValue()).not.toBe('');
    expect(await page().getByLabel('Agent').inputValue()).toBe('codex');
    expect(await page().getByLabel('Extra instructions for this review').isVisible()).toBe(false);
    await page().screenshot({ path: join(SHOTS, 'reviews-new.png') });
  });

  it('starts the review with Enter and shows its run live: phases and the agent’s output', async () => {
    e2e.outcome('slow');
    await page().getByText('Extra instructions').first().click();
    await page().getByLabel('Extra instructions for this review').fill('Look at the retry count.');
    await urlField().press('Enter');
    await page().waitForURL(/#\/reviews\/rev_/, { timeout: 30_000 });
    reviewId = page().url().split('/').pop()!;
    await page().getByRole('heading', { name: 'Retry the login when the token expired', level: 1 }).waitFor();

    const watch = page()
      .getByRole('complementary', { name: 'Actions' })
      .getByRole('link', { name: 'Watch live' });
    await watch.waitFor();
    await watch.click();
    await page().waitForURL(/#\/run\/dsp_/);
    const runId = page().url().split('/').pop()!;
    await page()
      .getByRole('heading', { name: `Review of acme/api#${pr.number}`, level: 1 })
      .waitFor();

    // Entries appear while the agent reviews.
    await output()
      .getByText(/I am asked to review/)
      .waitFor({ timeout: RUN_TIMEOUT });
    await output().getByText('git rev-parse HEAD').waitFor({ timeout: RUN_TIMEOUT });
    const phases = page().getByRole('region', { name: 'Phases' }).getByRole('listitem');
    expect(await phases.count()).toBeGreaterThan(3);
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'review-run-live.png') });

    const result = page().getByRole('region', { name: 'The run succeeded' });
    await result.waitFor({ timeout: RUN_TIMEOUT });
    const [run] = await history();
    expect(run).toMatchObject({ id: runId, kind: 'review', status: 'succeeded', reviewSubmitted: true });
    expect(run!.headSha).toBe(pr.headSha);
    // The result card links the review the run submitted (its summary may link the pull request too).
    expect(await result.getByText('Submitted review', { exact: true }).isVisible()).toBe(true);
    const link = result.locator(`a[href="${run!.githubReviewUrl}"]`);
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('target')).toBe('_blank');

    // The pinned commit, and every stored event once (live entries merged without duplicates).
    expect(await page().getByText(pr.headSha.slice(0, 7), { exact: true }).count()).toBeGreaterThan(0);
    const stored = await e2e.host.rpc<RunEventPage>('dispatches.events', {
      dispatchId: runId,
      afterSeq: 0,
      limit: 2000,
    });
    await expect.poll(() => output().getByRole('listitem').count()).toBe(shownEntryCount(stored.events));

    // The agent submitted one COMMENT review on the fake GitHub, addressed to the main user.
    const submitted = readPullRequestReviews(e2e.sshd, { ...REPO, number: pr.number }, e2e.homes);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.state).toBe('COMMENTED');
    expect(submitted[0]!.body.startsWith(`@${MAIN_USER}`)).toBe(true);
    expect(submitted[0]!.html_url).toBe(run!.githubReviewUrl);
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'review-run-result.png') });
  });

  it('shows the submitted review on the review page, and the review in the list', async () => {
    await page().getByRole('link', { name: 'Open review' }).click();
    await page().waitForURL(new RegExp(`#/reviews/${reviewId}$`));
    const [run] = await history();
    const card = runsOfReview().getByRole('listitem', { name: 'Review 1' });
    await expect.poll(() => card.textContent()).toContain('Succeeded');
    const reviewLink = card.locator(`a[href="${run!.githubReviewUrl}"]`);
    expect(await reviewLink.count()).toBe(1);
    expect(await page().getByText('Look at the retry count.').isVisible()).toBe(true);
    expect(await page().getByText(`@${MAIN_USER}`, { exact: true }).isVisible()).toBe(true);
    await dismissToasts();
    await page().setViewportSize({ width: 1280, height: 1100 });
    await page().screenshot({ path: join(SHOTS, 'review-page.png') });
    await page().setViewportSize({ width: 1280, height: 860 });

    // Esc goes back to the list, where the review shows its latest run and its review on GitHub.
    await page().keyboard.press('Escape');
    await page().waitForURL(/#\/reviews$/);
    const row = page()
      .getByRole('table', { name: 'Reviews' })
      .getByRole('row', { name: /Retry the login/ });
    await expect.poll(() => row.textContent()).toContain('Succeeded');
    expect(await row.textContent()).toContain('acme/api');
    const github = row.getByRole('link', { name: `Submitted review of acme/api#${pr.number}` });
    expect(await github.getAttribute('href')).toBe(run!.githubReviewUrl);
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'reviews-list.png') });

    // The Runs page lists the review run by its pull request, linking to the review.
    await page().getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    const runLink = page().getByRole('link', { name: `acme/api#${pr.number}`, exact: true });
    await runLink.waitFor();
    expect(await runLink.getAttribute('href')).toBe(`#/reviews/${reviewId}`);
  });

  it('re-reviews with a request sent by Ctrl+Enter', async () => {
    e2e.outcome('success');
    await page().goto(`${e2e.host.baseUrl}/#/reviews/${reviewId}`);
    const request = page().getByLabel('Re-review request', { exact: true });
    await request.fill('Check the new retry limit.');
    await request.press('Control+Enter');
    await expect.poll(() => request.inputValue()).toBe('');
    const second = runsOfReview().getByRole('listitem', { name: 'Re-review 2' });
    await second.waitFor();
    expect(await second.textContent()).toContain('Asked: Check the new retry limit.');
    await expect.poll(() => second.textContent(), { timeout: RUN_TIMEOUT }).toContain('Succeeded');
    const [latest] = await history();
    expect(latest!.followUpRequest).toBe('Check the new retry limit.');
    expect(readPullRequestReviews(e2e.sshd, { ...REPO, number: pr.number }, e2e.homes)).toHaveLength(2);
  });

  it('cancels a hanging review run after confirming', async () => {
    e2e.outcome('hang');
    await page().getByRole('button', { name: 'Re-review' }).click();
    const third = runsOfReview().getByRole('listitem', { name: 'Re-review 3' });
    await third.waitFor();
    await expect.poll(() => third.textContent(), { timeout: RUN_TIMEOUT }).toContain('Running');
    await page().getByRole('button', { name: 'Cancel run' }).click();
    const dialog = page().getByRole('dialog', { name: 'Cancel this review run?' });
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => third.textContent(), { timeout: 30_000 }).toContain('Canceled');
    expect(await page().getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    const [latest] = await history();
    expect(latest!.status).toBe('canceled');
  });

  it('refuses a closed pull request, saying why next to the form', async () => {
    const closed = createPullRequest(e2e.sshd, REPO, { title: 'An abandoned idea' }, e2e.homes);
    setPullRequestState(e2e.sshd, { ...REPO, number: closed.number }, 'CLOSED', e2e.homes);
    await page().goto(`${e2e.host.baseUrl}/#/reviews`);
    await urlField().fill(closed.url);
    await urlField().press('Enter');
    const alert = page().getByRole('alert').filter({ hasText: 'Could not start the review' });
    await alert.waitFor({ timeout: 30_000 });
    expect((await alert.textContent())?.toLowerCase()).toContain('closed');
    expect(page().url()).toMatch(/#\/reviews$/);
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'reviews-refused.png') });
  });

  it('deletes the review after confirming what goes with it', async () => {
    await page().goto(`${e2e.host.baseUrl}/#/reviews/${reviewId}`);
    await page().getByRole('button', { name: 'Delete review' }).click();
    const dialog = page().getByRole('dialog', { name: 'Delete this review?' });
    expect(await dialog.textContent()).toContain('worktrees and run directories on the runner');
    // Esc closes the dialog, not the page.
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(page().url()).toContain(reviewId);

    await page().getByRole('button', { name: 'Delete review' }).click();
    await dialog.getByRole('button', { name: 'Delete review' }).click();
    await page().waitForURL(/#\/reviews$/);
    await page().getByText('No reviews yet').waitFor();
    expect(await e2e.host.rpc<Review[]>('reviews.list', {})).toEqual([]);
  });

  it('reviews the pull request a task run opened, from its run view', async () => {
    e2e.outcome('success');
    const project = await e2e.addProject({ baseBranch: 'main' });
    const task = await e2e.host.rpc<Task>('tasks.create', {
      projectId: project.id,
      title: 'Add a health check endpoint',
    });
    const queued = await e2e.host.rpc<Dispatch>('dispatches.queue', { taskId: task.id });
    await expect
      .poll(async () => (await e2e.host.rpc<Dispatch>('dispatches.get', { id: queued.id })).status, {
        timeout: RUN_TIMEOUT,
      })
      .toBe('succeeded');
    const done = await e2e.host.rpc<Dispatch>('dispatches.get', { id: queued.id });
    expect(done.pullRequestUrl).toMatch(/^https:\/\/github\.com\/acme\/api\/pull\/\d+$/);

    await page().goto(`${e2e.host.baseUrl}/#/run/${queued.id}`);
    const result = page().getByRole('region', { name: 'The run succeeded' });
    await result.getByRole('button', { name: 'Review this PR' }).click();
    await page().waitForURL(/#\/reviews\/rev_/, { timeout: 30_000 });
    const opened = await e2e.host.rpc<Review>('reviews.get', { reviewId: page().url().split('/').pop()! });
    expect(opened).toMatchObject({ pullRequestUrl: done.pullRequestUrl, projectId: project.id });
    const card = runsOfReview().getByRole('listitem', { name: 'Review 1' });
    await expect.poll(() => card.textContent(), { timeout: RUN_TIMEOUT }).toContain('Succeeded');

    // A pull request has one review: the run view now leads to it.
    await page().goto(`${e2e.host.baseUrl}/#/run/${queued.id}`);
    const open = result.getByRole('link', { name: 'Open its review' });
    expect(await open.getAttribute('href')).toBe(`#/reviews/${opened.id}`);
  });

  it('logs no errors in the page', () => {
    expect(e2e.browser.uncaught).toEqual([]);
    const unexpected = e2e.browser.consoleErrors.filter(
      (text) =>
        // The closed pull request above is refused with 409.
        !/status of 409/.test(text) &&
        // Chromium notes that this directive only works as a header (the host sends it as one).
        !/'frame-ancestors' is ignored/.test(text),
    );
    expect(unexpected).toEqual([]);
  });
});
