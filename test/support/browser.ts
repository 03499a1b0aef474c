import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeTempDir } from './temp-dir';

/** The system Chromium; playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = process.env.SORTIE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page. */
  uncaught: string[];
  /** What the page logged as errors (failed requests included). */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh user data directory, removed again on close. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Chromium (apt-get install chromium)`);
  }
  const profile = makeTempDir('sortie-chromium-');
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const uncaught: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return {
    context,
    page,
    uncaught,
    consoleErrors,
    async close() {
      await context.close();
      profile.remove();
    },
  };
}
