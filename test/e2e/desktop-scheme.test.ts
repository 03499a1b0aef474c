// Functions passed to page.evaluate run in the browser: they see the DOM.
/// <reference lib="dom" />
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSchemeResponse } from '../../src/main/electron/app-scheme';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';

/**
 * The desktop window loads the built renderer from `sortie-app://renderer/` (app-scheme.ts).
 * Chromium here cannot be given that scheme, so the page comes from an http origin whose every
 * request is answered by the scheme's own handler, as Electron would ask it: the page, its
 * module scripts and styles, with the types and the page rules the handler gives them.
 */
const ORIGIN = 'http://sortie-app.test';
const BUILT = join(__dirname, '../../out/renderer');

let browser: LaunchedBrowser;
const answered: { path: string; status: number; type: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  await browser.context.route(`${ORIGIN}/**`, async (route) => {
    const request = route.request();
    const response = await appSchemeResponse(
      request.method(),
      request.url().replace(ORIGIN, 'sortie-app://renderer'),
      BUILT,
    );
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const path = new URL(request.url()).pathname;
    answered.push({ path, status: response.status, type: response.headers.get('content-type') ?? '' });
    await route.fulfill({
      status: response.status,
      headers,
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the desktop window’s scheme', () => {
  it('serves the built app so that it starts: every script and style, under its CSP', async () => {
    const page = browser.page;
    await page.goto(`${ORIGIN}/index.html`);
    // Without the desktop bridge or a host's token, the app says how to open it: its scripts ran.
    await page.getByRole('heading', { name: 'Open Sortie from its link' }).waitFor({ timeout: 15_000 });
    // Its stylesheet applied too.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.no-token')!).display)).toBe(
      'grid',
    );

    const scripts = answered.filter((a) => a.path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      expect(script, script.path).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(answered.find((a) => a.path.endsWith('.css'))).toMatchObject({ status: 200 });
    // Nothing the page asked for was missing or refused (the browser's own favicon asks aside).
    expect(answered.filter((a) => a.status !== 200 && a.path !== '/favicon.ico')).toEqual([]);
    expect(browser.uncaught).toEqual([]);
    expect(browser.consoleErrors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
