import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { installFakeClis } from '../support/fake-cli/install';
import { startHeadlessHost, type RunningHost } from '../support/headless-host';
import { generateKeyPair, type KeyPair } from '../support/ssh-keys';
import { startSshd, type Sshd } from '../support/sshd';
import { makeTempDir } from '../support/temp-dir';

const SHOTS = join(__dirname, '../../artifacts/e2e');
const PASSPHRASE = 'correct horse battery staple';

const CHECK_LABELS = [
  'SSH connection',
  'Host key',
  'Shell prelude',
  'Git',
  'GitHub CLI',
  'GitHub CLI login',
  'Codex CLI',
  'Claude Code',
  'Workspace',
];

describe('runners: test a runner against a real sshd', () => {
  let sshd: Sshd;
  let host: RunningHost;
  let browser: LaunchedBrowser;
  let keys: ReturnType<typeof makeTempDir>;
  let lockedKey: KeyPair;
  /** Console errors with the address they came from (the shared list has only the text). */
  const consoleErrors: { text: string; url: string }[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    keys = makeTempDir('sortie-e2e-keys-');
    [sshd, host, browser] = await Promise.all([startSshd(), startHeadlessHost(), launchBrowser()]);
    lockedKey = generateKeyPair(keys.path, { passphrase: PASSPHRASE, name: 'locked' });
    sshd.addAuthorizedKey(lockedKey.publicKey);
    browser.page.on('console', (message) => {
      if (message.type() === 'error')
        consoleErrors.push({ text: message.text(), url: message.location().url });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (sshd) {
      sshd.runAsUser(['rm', '-rf', fakeBin()]);
      await sshd.dispose();
    }
    keys?.remove();
  });

  const page = (): Page => browser.page;
  /** This file's own copy of the stand-in CLIs: other test files share the remote user. */
  const fakeBin = () => join(sshd.home, 'fake-bin-e2e-runners');
  const testPanel = (name: string) => page().getByRole('region', { name: `Test of ${name}` });
  const checklist = (name: string) => page().getByRole('list', { name: `Checks of ${name}` });

  /** Each check line as `Passed: Label message`, `Warning: Label message` or `Failed: Label message`. */
  async function checkTexts(name: string): Promise<string[]> {
    // The pass/fail mark before each line is decoration; the words say it.
    return (await checklist(name).getByRole('listitem').allTextContents()).map((t) =>
      t.trim().replace(/^[✓✕!]/, ''),
    );
  }

  /** Waits for the runner's test to finish and expects every check to have passed. */
  async function expectAllPassed(name: string): Promise<void> {
    const status = testPanel(name).getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).not.toBe('Connecting…');
    const lines = await checkTexts(name);
    expect(await status.textContent(), lines.join('\n')).toBe(`All ${CHECK_LABELS.length} checks passed`);
    expect(lines.every((line) => line.startsWith('Passed: '))).toBe(true);
  }

  async function dismissToasts(): Promise<void> {
    const toasts = page().getByRole('list', { name: 'Notifications' });
    const dismiss = toasts.getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  async function addRunner(fields: { name: string; keyPath: string; prelude: string }): Promise<void> {
    await page()
      .getByRole('button', { name: /^Add (a )?runner$/ })
      .first()
      .click();
    const dialog = page().getByRole('dialog', { name: 'New runner' });
    await dialog.getByLabel('Name', { exact: true }).fill(fields.name);
    await dialog.getByLabel('Host', { exact: true }).fill(sshd.host);
    await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
    await dialog.getByLabel('User', { exact: true }).fill(sshd.username);
    await dialog.getByLabel('Authentication').selectOption('keyFile');
    await dialog.getByLabel('Key file path').fill(fields.keyPath);
    await dialog.getByLabel('Shell prelude').fill(fields.prelude);
    await dialog.getByRole('button', { name: 'Add runner' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page()
      .getByRole('row', { name: new RegExp(`^${fields.name}`) })
      .waitFor();
  }

  it('adds a runner, tests it, and shows each check and the host key recorded at first contact', async () => {
    await page().goto(host.appUrl);
    await page().getByRole('link', { name: 'Runners' }).click();
    await page().getByRole('heading', { name: 'Runners', level: 1 }).waitFor();

    await addRunner({
      name: 'lab',
      keyPath: sshd.userKey.privateKeyPath,
      prelude: installFakeClis(sshd, { omit: ['codex'], dir: fakeBin() }),
    });
    const row = page().getByRole('row', { name: /^lab/ });
    const rowText = await row.textContent();
    expect(rowText).toContain(`${sshd.username}@127.0.0.1:${sshd.port}`);
    expect(rowText).toContain(`Key ${sshd.userKey.privateKeyPath}`);
    expect(rowText).toContain('Host key: pinned on first contact');

    // Hold the reply a moment so the progress can be seen, however fast the runner answers.
    await page().route(
      '**/api/rpc/runners.test',
      async (route) => {
        await sleep(600);
        await route.continue();
      },
      { times: 1 },
    );
    const testButton = page().getByRole('button', { name: 'Test lab' });
    await testButton.click();
    await testPanel('lab').getByRole('status').getByText('Connecting…').waitFor();
    expect(await testButton.isDisabled()).toBe(true);
    await page().screenshot({ path: join(SHOTS, 'runner-testing.png') });

    await checklist('lab').waitFor();
    expect(await testButton.isEnabled()).toBe(true);
    const lines = await checkTexts('lab');
    expect(lines).toHaveLength(CHECK_LABELS.length);
    lines.forEach((line, i) => {
      const status = CHECK_LABELS[i] === 'Codex CLI' ? 'Failed' : 'Passed';
      expect(line.startsWith(`${status}: ${CHECK_LABELS[i]}`), line).toBe(true);
    });
    expect(lines[6]).toMatch(/not found on PATH/);
    expect(await testPanel('lab').getByRole('status').textContent()).toBe('1 of 9 checks failed');

    const recorded = page().getByRole('note', { name: /^First contact: recorded host key/ });
    expect(await recorded.textContent()).toContain(sshd.hostKey.fingerprint);
    await dismissToasts();
    await page().screenshot({ path: join(SHOTS, 'runner-test.png'), fullPage: true });
  });

  it('keeps the last test in the health column, with its time, across a reload', async () => {
    const health = () => page().getByRole('row', { name: /^lab/ }).locator('.runner-last-test');
    await expect.poll(() => health().textContent()).toMatch(/^1 of 9 checks failed tested /);
    await page().reload();
    await page().getByRole('heading', { name: 'Runners', level: 1 }).waitFor();
    // The panel of this window's test is gone; the core kept the result and when it ran.
    expect(await testPanel('lab').count()).toBe(0);
    await expect
      .poll(() => health().textContent(), { timeout: 10_000 })
      .toMatch(/^1 of 9 checks failed tested /);
    const testedAt = await health().locator('time').getAttribute('datetime');
    expect(Date.now() - Date.parse(testedAt ?? '')).toBeLessThan(120_000);
    // Its checks open from the column, as they were.
    await page().getByRole('button', { name: 'Show the checks of lab' }).click();
    const lines = await checkTexts('lab');
    expect(lines[6]).toMatch(/^Failed: Codex CLI\s*not found on PATH/);
    expect(lines[6]).toContain('shell prelude, e.g. export PATH="$HOME/.local/bin:$PATH"');
  });

  it('shows every wrong field of the runner form at once, then the key file the app cannot find', async () => {
    await page()
      .getByRole('button', { name: /^Add (a )?runner$/ })
      .first()
      .click();
    const dialog = page().getByRole('dialog', { name: 'New runner' });
    await dialog.getByLabel('Host', { exact: true }).fill(sshd.host);
    await dialog.getByLabel('Port', { exact: true }).fill('70000');
    await dialog.getByLabel('Max concurrent runs').fill('0');
    await dialog.getByLabel('Authentication').selectOption('keyFile');
    const missingKey = join(keys.path, 'no-such-key');
    await dialog.getByLabel('Key file path').fill(missingKey);
    await dialog.getByRole('button', { name: 'Add runner' }).click();
    const alerts = dialog.getByRole('alert');
    await expect.poll(() => alerts.count()).toBe(3);
    expect(await alerts.allTextContents()).toEqual([
      'Name must not be empty',
      'Port must be a whole number from 1 to 65535',
      'Max concurrent runs must be a whole number from 1 to 64',
    ]);
    await page().screenshot({ path: join(SHOTS, 'runner-form-errors.png') });

    // Those fixed, the core checks the key file on this computer and names the path.
    await dialog.getByLabel('Name', { exact: true }).fill('codex-only');
    await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
    await dialog.getByLabel('User', { exact: true }).fill(sshd.username);
    await dialog.getByLabel('Max concurrent runs').fill('2');
    await dialog.getByRole('button', { name: 'Add runner' }).click();
    await expect
      .poll(() => alerts.allTextContents())
      .toEqual([`The key file ${missingKey} does not exist on the computer Sortie runs on.`]);

    await dialog.getByLabel('Key file path').fill(sshd.userKey.privateKeyPath);
    await dialog
      .getByLabel('Shell prelude')
      .fill(installFakeClis(sshd, { omit: ['claude'], dir: join(fakeBin(), 'no-claude') }));
    await dialog.getByRole('button', { name: 'Add runner' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Claude Code missing on a Codex runner is a warning; the test passes.
    await page().getByRole('button', { name: 'Test codex-only' }).click();
    const status = testPanel('codex-only').getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Passed with 1 warning');
    expect((await checkTexts('codex-only'))[7]).toMatch(/^Warning: Claude Code\s*not found on PATH/);
    await dismissToasts();
  });

  it('keeps Edit and Remove in view at 1024 px, the table scrolling inside its frame', async () => {
    await page().setViewportSize({ width: 1024, height: 700 });
    try {
      const frame = page().locator('.runners-frame');
      // Seen without scrolling the table sideways: its actions column stays pinned in view.
      await frame.evaluate((el) => el.scrollTo({ left: 0 }));
      for (const name of ['Edit lab', 'Remove lab', 'Edit codex-only', 'Remove codex-only']) {
        const button = page().getByRole('button', { name });
        await button.evaluate((el) => {
          const main = el.closest('main')!;
          main.scrollTop += el.getBoundingClientRect().top - main.getBoundingClientRect().top - 120;
        });
        const [box, bounds] = [await button.boundingBox(), await frame.boundingBox()];
        expect(box && bounds, name).toBeTruthy();
        expect(box!.x, name).toBeGreaterThanOrEqual(bounds!.x);
        expect(box!.x + box!.width, name).toBeLessThanOrEqual(Math.min(bounds!.x + bounds!.width, 1024));
        expect(box!.y, name).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height, name).toBeLessThanOrEqual(700);
      }
      // The page itself does not scroll sideways; only the table's frame may.
      const overflow = await page().evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page().screenshot({ path: join(SHOTS, 'runners-1024.png') });
    } finally {
      await page().setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('shows a repeated failure once with a count, and clears “Cannot reach the Sortie host” when it answers again', async () => {
    await dismissToasts();
    const toasts = page().getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    await page().route('**/api/rpc/runners.reconnect', (route) => route.abort('connectionrefused'));
    const reconnect = page().getByRole('button', { name: 'Reconnect lab' });
    await reconnect.click();
    await toasts.first().waitFor();
    await expect.poll(() => reconnect.isEnabled()).toBe(true);
    await reconnect.click();
    await expect
      .poll(() => toasts.allTextContents())
      .toEqual([expect.stringMatching(/^Could not reconnect lab: Cannot reach the Sortie host\. .*×2/)]);
    await page().screenshot({ path: join(SHOTS, 'toast-host-unreachable.png') });

    // Once the host answers again, the toast about it goes by itself.
    await page().unroute('**/api/rpc/runners.reconnect');
    await reconnect.click();
    await expect
      .poll(() => toasts.allTextContents())
      .toEqual([expect.stringMatching(/^lab connects afresh/)]);
    await dismissToasts();
  });

  it('warns with both fingerprints when the host key changed, and records the new one once forgotten', async () => {
    const before = sshd.hostKey.fingerprint;
    const after = (await sshd.restartWithNewHostKey()).fingerprint;
    await page().getByRole('button', { name: 'Test lab' }).click();

    const warning = page().getByRole('alert', { name: 'Host key changed: Sortie refused to connect' });
    await warning.waitFor();
    const text = await warning.textContent();
    expect(text).toContain(after);
    expect(text).toContain(before);
    expect(text).toMatch(/reinstalled/);
    expect(text).toMatch(/administrator/);
    expect((await checkTexts('lab'))[0]).toMatch(/^Failed: SSH connection/);
    await page().screenshot({ path: join(SHOTS, 'runner-host-key-mismatch.png'), fullPage: true });

    await warning.getByRole('button', { name: 'Forget the recorded key' }).click();
    const confirm = page().getByRole('dialog', { name: 'Forget the recorded host key of lab?' });
    expect(await confirm.textContent()).toContain(after);
    await confirm.getByRole('button', { name: 'Forget the key' }).click();
    await confirm.waitFor({ state: 'detached' });

    const forgotten = page().getByRole('note', { name: 'Recorded host key forgotten' });
    await forgotten.getByRole('button', { name: 'Test again' }).click();
    const recorded = page().getByRole('note', { name: /^First contact: recorded host key/ });
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain(after);
    expect(await warning.count()).toBe(0);
  });

  it('asks for the passphrase of a protected key, stores it, and tests again', async () => {
    const prelude = installFakeClis(sshd, { dir: fakeBin() });
    await addRunner({ name: 'locked-box', keyPath: lockedKey.privateKeyPath, prelude });

    await page().getByRole('button', { name: 'Test locked-box' }).click();
    const dialog = page().getByRole('dialog', { name: 'Passphrase for locked-box' });
    await dialog.waitFor();
    // Esc cancels; the notice offers the prompt again.
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const notice = page().getByRole('note', { name: 'The key needs its passphrase' });
    await notice.getByRole('button', { name: 'Enter passphrase' }).click();

    // A wrong passphrase is stored, tested, and asked for again.
    await dialog.getByLabel('Passphrase').fill('not it');
    await dialog.getByLabel('Passphrase').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await dialog.getByText('The stored passphrase does not open').waitFor();
    await page().screenshot({ path: join(SHOTS, 'runner-passphrase-dialog.png') });

    await dialog.getByLabel('Passphrase').fill(PASSPHRASE);
    await dialog.getByLabel('Passphrase').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectAllPassed('locked-box');
    expect(
      await page()
        .getByRole('row', { name: /^locked-box/ })
        .textContent(),
    ).toContain('(passphrase stored)');
    expect(await page().content()).not.toContain(PASSPHRASE);
    await dismissToasts();
    // The page scrolls inside <main>: bring the runner's row to the top for the picture.
    await page()
      .getByRole('row', { name: /^locked-box/ })
      .evaluate((row) => {
        const main = row.closest('main')!;
        const offset = row.getBoundingClientRect().top - main.getBoundingClientRect().top;
        main.scrollTo({ top: main.scrollTop + offset - 12 });
      });
    await page().screenshot({ path: join(SHOTS, 'runner-passphrase.png') });
  });

  it('imports a private key from a file, asking for its passphrase when it has one', async () => {
    await page().getByRole('button', { name: 'Import key for lab' }).click();
    const dialog = page().getByRole('dialog', { name: 'Import a private key for lab' });
    await dialog.getByLabel('Or read it from a file').setInputFiles(lockedKey.privateKeyPath);
    await expect
      .poll(() => dialog.getByLabel('Private key', { exact: true }).inputValue())
      .toContain('PRIVATE KEY-----');
    await dialog.getByRole('button', { name: 'Import key' }).click();
    const passphrase = dialog.getByLabel('Passphrase');
    await expect.poll(() => passphrase.getAttribute('aria-invalid')).toBe('true');
    await page().screenshot({ path: join(SHOTS, 'runner-import-key.png') });

    await passphrase.fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Import key' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page().getByRole('row', { name: /^lab/ });
    await expect.poll(() => row.textContent()).toContain('Imported key (passphrase stored)');

    await page().getByRole('button', { name: 'Test lab' }).click();
    await expectAllPassed('lab');
  });

  it('removes a runner together with its test result', async () => {
    await page().getByRole('button', { name: 'Remove locked-box' }).click();
    const dialog = page().getByRole('dialog', { name: 'Remove runner locked-box?' });
    await dialog.getByRole('button', { name: 'Remove runner' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(
      await page()
        .getByRole('row', { name: /^locked-box/ })
        .count(),
    ).toBe(0);
    expect(await testPanel('locked-box').count()).toBe(0);
    expect(await testPanel('lab').count()).toBe(1);
  });

  it('logs no errors in the page', () => {
    expect(browser.uncaught).toEqual([]);
    const unexpected = consoleErrors.filter(
      (e) =>
        // The import without its passphrase is refused on purpose.
        !e.url.endsWith('/api/rpc/runners.importKey') &&
        // So is the runner whose key file is missing.
        !e.url.endsWith('/api/rpc/runners.upsert') &&
        // The host made unreachable on purpose.
        !e.url.endsWith('/api/rpc/runners.reconnect') &&
        // Chromium notes that this directive only works as a header (the host sends it as one).
        !/'frame-ancestors' is ignored/.test(e.text),
    );
    expect(unexpected).toEqual([]);
  });
});
