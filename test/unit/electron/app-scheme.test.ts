import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appSchemeResponse } from '../../../src/main/electron/app-scheme';
import { makeTempDir } from '../../support/temp-dir';

// A built renderer folder, with a secret next to it that no URL of the scheme may reach.
const dir = makeTempDir('sortie-app-scheme-');
const built = join(dir.path, 'renderer');
mkdirSync(join(built, 'assets'), { recursive: true });
writeFileSync(join(built, 'index.html'), '<!doctype html><title>Sortie</title>');
writeFileSync(join(built, 'assets', 'index-abc.js'), 'export const answer = 42;');
writeFileSync(join(built, 'assets', 'index-abc.css'), 'body { margin: 0 }');
// A file here, but a device on Windows wherever it is asked for.
writeFileSync(join(built, 'assets', 'CON.js'), 'export {};');
writeFileSync(join(dir.path, 'secret.txt'), 'not for the window');
mkdirSync(join(dir.path, 'renderer-old'));
writeFileSync(join(dir.path, 'renderer-old', 'index.html'), 'a sibling folder sharing the prefix');

afterAll(() => dir.remove());

const get = (url: string, method = 'GET') => appSchemeResponse(method, url, built);

describe('the app scheme', () => {
  it('serves the page and its scripts with their types and the page rules', async () => {
    const page = await get('sortie-app://renderer/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>Sortie</title>');

    // A module script is refused by Chromium unless it comes as JavaScript.
    const script = await get('sortie-app://renderer/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const answer = 42;');
    const style = await get('sortie-app://renderer/assets/index-abc.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const head = await get('sortie-app://renderer/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('reaches nothing outside the folder, however the path is spelled', async () => {
    for (const url of [
      'sortie-app://renderer/..%2fsecret.txt',
      'sortie-app://renderer/assets/..%2f..%2fsecret.txt',
      'sortie-app://renderer/..%5csecret.txt',
      `sortie-app://renderer/${encodeURIComponent(join(dir.path, 'secret.txt'))}`,
      'sortie-app://renderer/..%2frenderer-old/index.html',
      'sortie-app://renderer/index.html%00.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for the window');
    }
  });

  it('answers 404 for another host, a folder, a device name or a missing file, and 405 for a write', async () => {
    expect((await get('sortie-app://elsewhere/index.html')).status).toBe(404);
    // The root is no page: the app's page is index.html, the one URL the IPC bridge trusts.
    expect((await get('sortie-app://renderer/')).status).toBe(404);
    expect((await get('sortie-app://renderer/assets')).status).toBe(404);
    expect((await get('sortie-app://renderer/assets/CON.js')).status).toBe(404);
    expect((await get('sortie-app://renderer/assets/missing.js')).status).toBe(404);
    expect((await get('sortie-app://renderer/index.html', 'POST')).status).toBe(405);
  });
});
