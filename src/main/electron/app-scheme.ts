import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentTypeOf, findInBuild } from '../server/static-files';

/**
 * The built renderer is served from `sortie-app://renderer/`, not from file://. Chromium keeps
 * compiled scripts (V8's code cache) only for http(s) and for custom schemes registered as
 * standard with `codeCache`: from file:// every window, and every opening of the tray's quick
 * dispatch, compiled the whole bundle again (on a browser with the cache, the Queue's first
 * render is ~100 ms faster than without).
 */
const APP_SCHEME = 'sortie-app';
const APP_HOST = 'renderer';
/** What a window loads: the app's page on its own scheme. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Declares the scheme to Chromium: standard (an origin of its own, relative URLs, `'self'` in
 * the CSP), secure, and with the code cache. Electron accepts this only before the app is ready.
 */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Answers the scheme's requests from the built renderer's folder (after the app is ready). */
export function serveAppScheme(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appSchemeResponse(request.method, request.url, rendererDir));
}

/**
 * The answer to one request: a file of `rendererDir` and nothing else, found as the headless
 * host finds its files (a decoded path that names a parent folder, or whose real path leaves the
 * folder, reaches nothing); another host, a folder (the root too: the page is index.html, the one
 * URL the IPC bridge trusts) or a missing file is a 404.
 */
export async function appSchemeResponse(method: string, url: string, rendererDir: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Only GET and HEAD are served here.');
  const file = fileFor(url, rendererDir);
  if (file === null) return plain(404, 'Not found.');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found.');
  }
  const headers: Record<string, string> = {
    'Content-Type': contentTypeOf(file),
    // The page's own rules, as the headers of a web server would carry them (frame-ancestors
    // counts only in a header).
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/** The file `url` names inside `rendererDir` (the headless host's lookup), or null when none. */
function fileFor(url: string, rendererDir: string): string | null {
  let parsed: URL;
  let path: string;
  try {
    parsed = new URL(url);
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  // Windows opens a device for such a name in any folder.
  if (path.split(/[/\\]/).some((segment) => WINDOWS_DEVICE.test(segment))) return null;
  const found = findInBuild(rendererDir, path);
  return found?.kind === 'file' ? found.path : null;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
