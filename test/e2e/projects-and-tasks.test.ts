import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { startHeadlessHost, type RunningHost } from '../support/headless-host';
import { makeTempDir } from '../support/temp-dir';

const SHOTS = join(__dirname, '../../artifacts/e2e');

describe('queue: projects and tasks in the browser', () => {
  let host: RunningHost;
  let browser: LaunchedBrowser;
  let keys: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHeadlessHost();
    browser = await launchBrowser();
    keys = makeTempDir('sortie-e2e-key-');
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    keys?.remove();
  });

  it('creates a project and a task that survive a reload', async () => {
    const { page } = browser;
    await page.goto(host.appUrl);

    // The token leaves the address bar once the page has it.
    await expect.poll(() => page.url()).not.toContain('token=');

    await page.getByRole('button', { name: 'Add a project' }).click();
    const projectDialog = page.getByRole('dialog', { name: 'New project' });
    await projectDialog.getByLabel('Name').fill('sortie');
    await projectDialog.getByLabel('Aliases').fill('srt, sortie-app');
    // Every wrong field is shown at once, each next to its field, in words a user says.
    await projectDialog.getByLabel('Repository URL').fill('github.com/example/sortie');
    await projectDialog.getByLabel('Git URL').fill('not a url');
    await projectDialog.getByLabel('Maximum run time (minutes)').fill('0');
    await projectDialog.getByRole('button', { name: 'Create project' }).click();
    const alerts = projectDialog.getByRole('alert');
    await expect.poll(() => alerts.count()).toBe(3);
    expect(await alerts.allTextContents()).toEqual([
      'Repository URL must be a GitHub repository URL; did you mean https://github.com/example/sortie?',
      'Git URL must be a URL git can clone, like https://github.com/OWNER/NAME.git, git@github.com:OWNER/NAME.git or a path starting with /',
      'Maximum run time (minutes) must be a whole number from 1 to 10080 (a week)',
    ]);
    // The first wrong field has the focus; each error goes as its field is edited.
    expect(
      await projectDialog.getByLabel('Repository URL').evaluate((input) => input === document.activeElement),
    ).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'project-form-errors.png') });
    await projectDialog.getByLabel('Repository URL').fill('https://github.com/example/sortie');
    await expect.poll(() => alerts.count()).toBe(2);
    await projectDialog.getByLabel('Git URL').fill('git@github.com:example/sortie.git');
    await projectDialog.getByLabel('Maximum run time (minutes)').fill('');
    await projectDialog.getByLabel('Description').fill('The desktop app that hands tasks to agents.');
    await projectDialog.getByRole('button', { name: 'Create project' }).click();
    await projectDialog.waitFor({ state: 'detached' });

    const projectFilter = page.getByLabel('Project', { exact: true });
    const sortieOption = projectFilter.locator('option', { hasText: /^sortie/ });
    await sortieOption.waitFor({ state: 'attached' });

    await page.getByRole('button', { name: 'Create a task' }).click();
    const taskDialog = page.getByRole('dialog', { name: 'New task' });
    await taskDialog.getByLabel('Title').fill('Show run output live');
    await taskDialog.getByLabel('Summary').fill('Stream agent output into the run view as it happens.');
    await taskDialog.getByLabel('Priority').selectOption('high');
    await page.screenshot({ path: join(SHOTS, 'new-task-dialog.png') });
    // Enter in a single-line field submits the form.
    await taskDialog.getByLabel('Title').press('Enter');
    await taskDialog.waitFor({ state: 'detached' });

    const tasks = page.getByRole('list', { name: 'Tasks' });
    const taskTitle = tasks.getByRole('link', { name: 'Show run output live', exact: true });
    await taskTitle.waitFor();
    expect(await tasks.getByRole('listitem').first().textContent()).toContain('High');

    await page.reload();
    await sortieOption.waitFor({ state: 'attached' });
    await taskTitle.waitFor();
    expect(page.url()).not.toContain('token=');

    await projectFilter.selectOption((await sortieOption.getAttribute('value'))!);
    await page.getByText('1 open task in sortie').waitFor();
    await page.screenshot({ path: join(SHOTS, 'queue-with-task.png'), fullPage: true });
  });

  it('shows field errors next to the field and keeps what was typed', async () => {
    const { page } = browser;
    await page.keyboard.press('n');
    const taskDialog = page.getByRole('dialog', { name: 'New task' });
    await taskDialog.getByLabel('Summary').fill('A summary worth keeping.');
    await taskDialog.getByRole('button', { name: 'Create task' }).click();
    const title = taskDialog.getByLabel('Title');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(await taskDialog.getByRole('alert').textContent()).toMatch(/empty/);
    expect(await taskDialog.getByLabel('Summary').inputValue()).toBe('A summary worth keeping.');
    await page.keyboard.press('Escape');
    await taskDialog.waitFor({ state: 'detached' });
  });

  it('shows changes made elsewhere as they happen', async () => {
    const { page } = browser;
    const list = await host.rpc<{ id: string; name: string }[]>('projects.list', {});
    const sortie = list.find((p) => p.name === 'sortie');
    expect(sortie).toBeDefined();
    await host.rpc('tasks.create', {
      projectId: sortie!.id,
      title: 'Created through the API',
      priority: 'low',
    });
    await page.getByRole('link', { name: 'Created through the API', exact: true }).waitFor();
  });

  it('edits a task from its card, reading the summary the board does not hold and keeping it', async () => {
    const { page } = browser;
    // Loaded from the list only: the board holds the task's row, without its summary.
    await page.reload();
    await page.getByRole('button', { name: 'More actions for Show run output live' }).click();
    await page.getByRole('button', { name: 'Edit task' }).click();
    const taskDialog = page.getByRole('dialog', { name: 'Edit task' });
    const summary = taskDialog.getByLabel('Summary');
    await expect
      .poll(() => summary.inputValue())
      .toBe('Stream agent output into the run view as it happens.');
    await taskDialog.getByLabel('Title').fill('Show run output live, as it comes');
    await taskDialog.getByRole('button', { name: 'Save task' }).click();
    await taskDialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Show run output live, as it comes', exact: true }).waitFor();
    const rows = await host.rpc<{ items: { id: string; title: string }[] }>('tasks.list', {});
    const edited = rows.items.find((t) => t.title === 'Show run output live, as it comes');
    expect(await host.rpc<{ summary: string }>('tasks.get', { id: edited!.id })).toMatchObject({
      summary: 'Stream agent output into the run view as it happens.',
    });
  });

  it('adds a runner', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Runners' }).click();
    await page.getByRole('heading', { name: 'Runners', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add a runner' }).click();
    const dialog = page.getByRole('dialog', { name: 'New runner' });
    await dialog.getByLabel('Name', { exact: true }).fill('build-box');
    await dialog.getByLabel('Host', { exact: true }).fill('build.example.internal');
    await dialog.getByLabel('Port', { exact: true }).fill('2222');
    await dialog.getByLabel('User', { exact: true }).fill('dev');
    await dialog.getByLabel('Authentication').selectOption('keyFile');
    // Saving checks that the key file is there on this computer; what it holds is read on use.
    const keyPath = join(keys.path, 'id_ed25519');
    writeFileSync(keyPath, 'a private key\n', { mode: 0o600 });
    await dialog.getByLabel('Key file path').fill(keyPath);
    await dialog.getByLabel('Default runner').check();
    await dialog.getByRole('button', { name: 'Add runner' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /build-box/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('dev@build.example.internal:2222');
    await page.screenshot({ path: join(SHOTS, 'runners.png'), fullPage: true });
  });

  it('saves settings, showing validation errors by their field', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const user = page.getByLabel('GitHub main user');
    await user.fill('not a user!');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => user.getAttribute('aria-invalid')).toBe('true');
    expect(await user.inputValue()).toBe('not a user!');

    await user.fill('octocat');
    await page.getByLabel('Dark').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByText('Settings saved.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'settings.png'), fullPage: true });

    await page.reload();
    await expect.poll(() => page.getByLabel('GitHub main user').inputValue()).toBe('octocat');
  });

  it('deletes a project after saying how many tasks go with it', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Queue' }).click();
    const projectFilter = page.getByLabel('Project', { exact: true });
    const sortieOption = projectFilter.locator('option', { hasText: /^sortie/ });
    await projectFilter.selectOption((await sortieOption.getAttribute('value'))!);
    await page.getByRole('button', { name: 'Delete project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete project sortie?' });
    await dialog.getByText('Its 2 tasks (open and closed) will be deleted with it.').waitFor();
    await dialog.getByRole('button', { name: 'Delete project' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Add a project' }).waitFor();
  });

  it('asks for the link when opened without a token', async () => {
    const fresh = await browser.context.newPage();
    try {
      await fresh.goto(host.baseUrl);
      await fresh.getByRole('heading', { name: 'Open Sortie from its link' }).waitFor();
      await fresh.screenshot({ path: join(SHOTS, 'no-token.png') });
    } finally {
      await fresh.close();
    }
  });

  it('logs no errors in the page', () => {
    expect(browser.uncaught).toEqual([]);
    const unexpected = browser.consoleErrors.filter(
      (text) =>
        // The deliberate validation failures above answer 400.
        !/status of 400/.test(text) &&
        // Chromium notes that this directive only works as a header (the host sends it as one).
        !/'frame-ancestors' is ignored/.test(text),
    );
    expect(unexpected).toEqual([]);
  });
});
