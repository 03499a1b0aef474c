import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Page as ListPage, Project, RunChain, Task, TaskRow } from '@shared/contract';
import { startE2eRunner, type E2eRunner } from '../support/e2e-runner';

const SHOTS = join(__dirname, '../../artifacts/e2e');
/** Runs go through real ssh, git and the fake agents; the monitor and the evals are read every 2 s. */
const CHAIN_TIMEOUT = 120_000;
/** What the project offers in one click: it passes in any worktree. */
const DEFAULT_EVAL = 'git status --short';

describe('run until the eval passes: from a task, each iteration with its eval, and the verdict', () => {
  let e2e: E2eRunner;
  let project: Project;
  let task: Task;
  /** Fails on its first attempt, passes (slowly) from the second: a counter in this file's remote folder. */
  let evalCommand: string;

  const page = (): Page => e2e.browser.page;
  const chains = (): Locator => page().getByRole('region', { name: 'Run until the eval passes' });
  const iteration = (n: number): Locator =>
    chains()
      .getByRole('list', { name: 'Iterations' })
      .first()
      .getByRole('listitem', { name: `Iteration ${n}` });
  const cardLink = (title: string): Locator => page().getByRole('link', { name: title, exact: true });
  const card = (title: string): Locator => page().locator('article.card', { has: cardLink(title) });

  async function createTask(title: string): Promise<Task> {
    return e2e.host.rpc<Task>('tasks.create', { projectId: project.id, title, summary: `${title}.` });
  }

  async function chainsOf(taskId: string): Promise<RunChain[]> {
    return e2e.host.rpc<RunChain[]>('dispatches.chains', { taskId });
  }

  async function openTaskPage(t: Task): Promise<void> {
    await page().goto(`${e2e.host.baseUrl}/#/task/${t.id}`);
    await page().getByRole('heading', { name: t.title, level: 1 }).waitFor();
  }

  async function dismissToasts(): Promise<void> {
    const dismiss = page()
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2eRunner('iterate', { viewport: { width: 1280, height: 900 } });
    await e2e.addRunner({ name: 'lab' });
    project = await e2e.addProject({ baseBranch: 'main' });
    task = await createTask('Make the widget tests pass');
    const counter = join(dirname(e2e.homes.agentHome), 'eval-attempts');
    evalCommand = [
      `n=$(( $(cat '${counter}' 2>/dev/null || echo 0) + 1 )); echo "$n" > '${counter}'`,
      `if [ "$n" -lt 2 ]; then echo "FAIL widget renders (attempt $n)"; echo '1 test failed' >&2; exit 1; fi`,
      `sleep 4; echo "12 tests passed (attempt $n)"`,
    ].join('; ');
  });

  afterAll(async () => {
    // A hanging eval or run would outlive the test: cancel whatever still goes on.
    if (e2e) {
      // Chains between runs end with the cancel of their last run.
      const tasks = await e2e.host
        .rpc<ListPage<TaskRow>>('tasks.list', { includeClosed: true, limit: 1000 })
        .then((page) => page.items)
        .catch(() => []);
      for (const t of tasks) {
        const runs = await e2e.host.rpc<Dispatch[]>('dispatches.history', { taskId: t.id }).catch(() => []);
        for (const run of runs)
          await e2e.host.rpc('dispatches.cancel', { dispatchId: run.id }).catch(() => null);
      }
    }
    await e2e?.close();
  });

  it('keeps a default eval command on the project, set in its dialog', async () => {
    await page().goto(e2e.host.appUrl);
    await expect.poll(() => page().url()).not.toContain('token=');
    const filter = page().getByLabel('Project', { exact: true });
    await filter.selectOption(project.id);
    await page().getByRole('button', { name: 'Edit project' }).click();
    const dialog = page().getByRole('dialog', { name: 'Edit project api' });
    const field = dialog.getByLabel('Default eval command');
    expect(await field.inputValue()).toBe('');
    await field.fill(DEFAULT_EVAL);
    await field.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const [saved] = await e2e.host.rpc<Project[]>('projects.list', {});
    expect(saved!.defaultEvalCommand).toBe(DEFAULT_EVAL);
  });

  it('asks for the eval command (the project’s to start with), and shows what the core refuses by its field', async () => {
    await openTaskPage(task);
    const panel = page().getByRole('complementary', { name: 'Actions' });
    // The one-click entry names the project's command.
    await panel.getByRole('button', { name: `Run until ${DEFAULT_EVAL} passes (max 3)` }).waitFor();
    await panel.getByRole('button', { name: 'Run until the eval passes…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Run until the eval passes' });
    const command = dialog.getByLabel('Eval command');
    expect(await command.inputValue()).toBe(DEFAULT_EVAL);
    // The eval command has the focus: typing replaces nothing by surprise, Enter starts.
    expect(await command.evaluate((el) => el === document.activeElement)).toBe(true);
    const max = dialog.getByLabel('Maximum iterations');
    expect(await max.inputValue()).toBe('3');

    // The feedback template is folded away, with its placeholders listed.
    await dialog.getByText('Feedback template (optional)').click();
    const hint = await dialog.locator('.iterate-template .field-hint').textContent();
    expect(hint).toContain('{eval_output}');
    expect(hint).toContain('{max_iterations}');

    await max.fill('25');
    await command.press('Enter');
    await dialog.getByRole('alert').getByText('must be at most 20').waitFor();
    expect(await max.getAttribute('aria-invalid')).toBe('true');
    expect(await e2e.host.rpc<Dispatch[]>('dispatches.history', { taskId: task.id })).toEqual([]);

    await max.fill('3');
    await command.fill(evalCommand);
    await page().screenshot({ path: join(SHOTS, 'iterate-dialog.png') });
    e2e.outcome('slow');
    await command.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows iteration 1 failing its eval with its output, then iteration 2/3 on the queue card', async () => {
    await chains().waitFor();
    const first = iteration(1);
    await expect.poll(() => first.textContent(), { timeout: CHAIN_TIMEOUT }).toContain('exit code 1');
    expect(await first.textContent()).toContain('Failed');
    expect(await first.textContent()).toContain(evalCommand);
    await first.getByText('Output (2 lines)').click();
    const output = first.getByLabel('Eval output');
    expect(await output.textContent()).toBe('FAIL widget renders (attempt 1)\n1 test failed');

    // The next iteration is a follow-up on the same branch; the card counts it.
    await page()
      .getByRole('navigation', { name: 'Breadcrumbs' })
      .getByRole('link', { name: 'Queue' })
      .click();
    await expect
      .poll(() => card(task.title).locator('.card-iteration').textContent(), { timeout: CHAIN_TIMEOUT })
      .toBe('iteration 2/3');
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'iterate-queue-card.png') });
  });

  it('passes on iteration 2 and says so on the task page', async () => {
    await cardLink(task.title).click();
    await page().getByRole('heading', { name: task.title, level: 1 }).waitFor();
    await chains().getByText('Iteration 2/3: eval passed').waitFor({ timeout: CHAIN_TIMEOUT });
    const second = iteration(2);
    expect(await second.textContent()).toContain('Passed');
    expect(await second.textContent()).toContain('exit code 0');
    expect(await chains().locator('.chain-status').first().textContent()).toBe('Eval passed');

    const [chain] = await chainsOf(task.id);
    expect(chain).toMatchObject({ status: 'passed', iteration: 2, verdict: 'Iteration 2/3: eval passed' });
    expect(chain!.evals.map((e) => [e.iteration, e.status, e.exitCode])).toEqual([
      [1, 'failed', 1],
      [2, 'passed', 0],
    ]);
    // Each iteration links to its run; the second one continued the first one's branch.
    const [latest, earliest] = await e2e.host.rpc<Dispatch[]>('dispatches.history', { taskId: task.id });
    expect(
      await iteration(1)
        .getByRole('link', { name: /Open run/ })
        .getAttribute('href'),
    ).toBe(`#/run/${earliest!.id}`);
    expect(await second.getByRole('link', { name: /Open run/ }).getAttribute('href')).toBe(
      `#/run/${latest!.id}`,
    );
    expect(latest!.branch).toBe(earliest!.branch);
    expect(latest!.followUpRequest).toContain('FAIL widget renders (attempt 1)');
    // Nothing goes on any more: the panel offers a new run.
    expect(await page().getByRole('heading', { name: 'Run this task' }).isVisible()).toBe(true);

    await dismissToasts();
    await second.getByText(/^Output/).click();
    await page().setViewportSize({ width: 1280, height: 1500 });
    await page().screenshot({ path: join(SHOTS, 'iterate-task-page.png') });
    await page().setViewportSize({ width: 1280, height: 900 });
  });

  it('runs until the project’s default eval passes in one click from the card’s Run menu', async () => {
    e2e.outcome('success');
    const other = await createTask('Document the widget');
    await page().goto(e2e.host.appUrl);
    await card(other.title).getByRole('button', { name: 'Choose runner and agent' }).click();
    const options = page().getByRole('dialog', { name: `Run “${other.title}”` });
    await options.getByRole('button', { name: 'Run until the eval passes…' }).waitFor();
    await page().screenshot({ path: join(SHOTS, 'iterate-run-menu.png') });
    await options.getByRole('button', { name: `Run until ${DEFAULT_EVAL} passes (max 3)` }).click();
    await options.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await chainsOf(other.id))[0]?.verdict, { timeout: CHAIN_TIMEOUT })
      .toBe('Iteration 1/3: eval passed');
    const [chain] = await chainsOf(other.id);
    expect(chain).toMatchObject({ evalCommand: DEFAULT_EVAL, maxIterations: 3, status: 'passed' });
  });

  it('cancels a chain while its eval runs, from the task page', async () => {
    const slow = await createTask('Wait for the slow eval');
    await openTaskPage(slow);
    await page().getByRole('button', { name: 'Run until the eval passes…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Run until the eval passes' });
    await dialog.getByLabel('Eval command').fill('sleep 120');
    await dialog.getByLabel('Eval command').press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const panel = page().getByRole('complementary', { name: 'Actions' });
    await panel.getByRole('heading', { name: 'Running the eval' }).waitFor({ timeout: CHAIN_TIMEOUT });
    await expect.poll(() => iteration(1).textContent(), { timeout: CHAIN_TIMEOUT }).toContain('Running');
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page()
      .getByRole('dialog', { name: 'Stop running until the eval passes?' })
      .getByRole('button', { name: 'Cancel', exact: true })
      .click();
    const status = chains().locator('.chain-status').first();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Canceled');
    expect(await chains().locator('.chain-verdict').first().textContent()).toMatch(
      /^Verdict: Iteration 1\/3: canceled/,
    );
    // Its eval was stopped, not failed.
    await expect.poll(() => iteration(1).locator('.chain-eval .badge').textContent()).toBe('Canceled');
    const [chain] = await chainsOf(slow.id);
    expect(chain!.status).toBe('canceled');
    await panel.getByRole('heading', { name: 'Run this task' }).waitFor();
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
