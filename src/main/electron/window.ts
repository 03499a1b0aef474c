import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/static-files';
import type { RendererLocation } from './renderer-location';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Sortie',
    backgroundColor: '#16181d',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // The app loads the same bundle every time: keep its compiled code from the first load
      // on, not only once Chromium has seen it twice (app-scheme.ts has the scheme's side).
      v8CacheOptions: 'bypassHeatCheck',
    },
  };
}

/**
 * The window may only ever show the app itself: navigation away and new windows are refused.
 * Links the shell allows (https pull requests and repositories) go to the system browser.
 */
export function hardenWindow(
  window: BrowserWindow,
  location: RendererLocation,
  openExternal: (url: string) => void = () => {},
): void {
  window.webContents.on('will-navigate', (event, url) => {
    if (location.isTrusted(url)) return;
    event.preventDefault();
    openExternal(url);
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Sends the CSP as a header too (frame-ancestors only works there). Under the dev server the
 * Fast Refresh preamble is an inline script, so development alone allows inline scripts.
 */
export function applyContentSecurityPolicy(session: Session, development: boolean): void {
  const policy = development
    ? CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    : CONTENT_SECURITY_POLICY;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
