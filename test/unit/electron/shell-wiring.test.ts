import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_IPC_PREFIX } from '@shared/contract';
import { type BrowserWindow, recorded } from '../../support/electron-stub';
import { makeTempDir } from '../../support/temp-dir';
import { runDesktopApp, type DesktopApp } from '../../../src/main/electron/app';

const dataDir = makeTempDir('sortie-shell-');
let desktop: DesktopApp;
let window: BrowserWindow;

type Handler = (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown> | unknown;
const call = (channel: string, input: unknown, frameUrl: string) =>
  (recorded.handlers.get(channel) as Handler)({ senderFrame: { url: frameUrl } }, input);

beforeAll(async () => {
  recorded.reset();
  recorded.userDataDir = dataDir.path;
  const started = await runDesktopApp();
  if (!started) throw new Error('the shell did not start');
  desktop = started;
  window = recorded.windows[0]!;
});

afterAll(() => {
  desktop.dispose();
  dataDir.remove();
});

describe('desktop shell wiring', () => {
  it('registers an IPC handler for every contract channel and nothing else', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('creates the window isolated, sandboxed and without Node', () => {
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      v8CacheOptions: 'bypassHeatCheck',
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/);
    expect(window.loadedUrl).toBe('sortie-app://renderer/index.html');
  });

  it('loads the app from a scheme of its own, declared before ready with the code cache', async () => {
    expect(recorded.privilegedSchemes).toEqual([
      {
        scheme: 'sortie-app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    const serve = recorded.protocolHandlers.get('sortie-app');
    expect(serve).toBeDefined();
    // The repository's package.json, three folders up from the renderer's folder here.
    const outside = await serve!(new Request('sortie-app://renderer/..%2f..%2f..%2fpackage.json'));
    expect(outside.status).toBe(404);
  });

  it('denies new windows and navigation away from the app', () => {
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
    let prevented = false;
    window.webContents.emit(
      'will-navigate',
      { preventDefault: () => (prevented = true) },
      'https://evil.example/',
    );
    expect(prevented).toBe(true);
  });

  it('sends a restrictive CSP header and refuses permission requests', () => {
    let headers: Record<string, string[]> = {};
    recorded.headersHook?.({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
    expect(headers['Content-Security-Policy']?.[0]).toContain("object-src 'none'");
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self';");
    let granted: boolean | null = null;
    recorded.permissionHandler?.(null, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('serves the app frame through the router and pushes events to the window', async () => {
    const created = (await call(
      'projects.upsert',
      { name: 'api', repoUrl: 'https://github.com/acme/api' },
      window.loadedUrl!,
    )) as { ok: boolean; value: { id: string; name: string } };
    expect(created.ok).toBe(true);
    expect(created.value.name).toBe('api');
    const pushed = window.webContents.sent.find((m) => m.channel === `${EVENT_IPC_PREFIX}project.changed`);
    expect(pushed?.args[0]).toMatchObject({ projectId: created.value.id });
    const listed = (await call('projects.list', {}, window.loadedUrl!)) as { value: { name: string }[] };
    expect(listed.value.map((p) => p.name)).toEqual(['api']);
  });

  it('refuses calls from any other frame and changes nothing', async () => {
    const refused = (await call('projects.upsert', { name: 'evil' }, 'https://evil.example/')) as {
      ok: boolean;
      error: { code: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // Not the app's page: another file on its scheme, or a page from disk.
    for (const frame of [
      'sortie-app://renderer/assets/other.html',
      'sortie-app://renderer/index.html.map',
      'sortie-app://renderer/',
      'file:///tmp/renderer/index.html',
    ]) {
      expect(await call('projects.upsert', { name: 'evil' }, frame)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
    }
    const listed = (await call('projects.list', {}, window.loadedUrl!)) as { value: { name: string }[] };
    expect(listed.value.map((p) => p.name)).toEqual(['api']);
  });

  it('rejects invalid input with VALIDATION_FAILED naming the field', async () => {
    const result = await call('tasks.create', { projectId: 'nope', title: '' }, window.loadedUrl!);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'projectId' } });
  });
});
