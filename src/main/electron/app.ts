import { join } from 'node:path';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, protocol, session, shell } from 'electron';
import { PAGE_LIMIT_MAX } from '@shared/contract/paging';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { openCoreOnEndpoint, type CoreOnEndpoint } from '../server/core-on-endpoint';
import type { Core } from '../core/core';
import { consoleLogger } from '../core/logger';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { reconcileOnWakeAndReconnect } from './connectivity';
import { forgeHosts, isAllowedExternalUrl } from './external-links';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { showNotifications } from './notifications';
import { openQuickDispatch } from './quick-dispatch';
import { rendererLocation } from './renderer-location';
import { safeStorageCipher } from './safe-storage-cipher';
import { createAppTray, type AppTray } from './tray';
import { applyContentSecurityPolicy, hardenWindow, mainWindowOptions } from './window';

export interface DesktopApp {
  readonly core: Core;
  readonly tray: AppTray;
  readonly mainWindow: () => BrowserWindow | null;
  readonly quickDispatchWindow: () => BrowserWindow | null;
  showRun(dispatchId: string): void;
  showReview(reviewId: string): void;
  /** The window on the Reviews page with its URL field focused (the tray's "Review a pull request…"). */
  showNewReview(): void;
  openQuickDispatch(): void;
  /** Asks before quitting while runs are active (they keep running on their runners). */
  requestQuit(): Promise<boolean>;
  /** Stops the shell's timers and closes the core (done when the app quits). */
  dispose(): void;
}

/**
 * Starts the desktop shell. Resolves to null when another instance already runs (that one is
 * focused instead).
 */
export async function runDesktopApp(): Promise<DesktopApp | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(protocol);
  await app.whenReady();

  const logger = consoleLogger('sortie');
  const dataDir = app.getPath('userData');
  // The `sortie` command line reaches the app here; a Sortie already on this data directory
  // (a headless host, a command running its own core) would drive the same runs twice.
  const cipher = safeStorageCipher(process.platform);
  let opened: CoreOnEndpoint;
  try {
    opened = await openCoreOnEndpoint({ dataDir, logger, secretCipher: cipher });
  } catch (error) {
    dialog.showErrorBox('Sortie cannot start', error instanceof Error ? error.message : String(error));
    app.quit();
    return null;
  }
  const { core, router, endpoint } = opened;
  const location = rendererLocation(__dirname, process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  if (location.builtDir !== null) serveAppScheme(protocol, location.builtDir);
  const preload = join(__dirname, '../preload/index.js');
  registerIpcHandlers(ipcMain, router, location.isTrusted, logger);
  applyContentSecurityPolicy(
    session.defaultSession,
    !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL),
  );

  let mainWindow: BrowserWindow | null = null;
  let quickWindow: BrowserWindow | null = null;
  let quitting = false;
  forwardEvents(core.bus, () =>
    [mainWindow, quickWindow]
      .filter((w): w is BrowserWindow => w !== null && !w.isDestroyed())
      .map((w) => w.webContents),
  );

  const openExternal = (url: string) => {
    const hosts = forgeHosts(core.repos.projects.list().map((p) => p.repoUrl));
    if (isAllowedExternalUrl(url, hosts)) void shell.openExternal(url);
    else logger.warn('refused to open a link outside the project forges', { url });
  };

  /** Shows the window; a new one opens at `href` (a route such as `#/run/<id>`) when given. */
  const showMainWindow = (href = '') => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    mainWindow = new BrowserWindow(mainWindowOptions(preload));
    hardenWindow(mainWindow, location, openExternal);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    // Closing the window keeps Sortie in the tray; runs go on and notifications still come.
    mainWindow.on('close', (event) => {
      if (!quitting) {
        event.preventDefault();
        mainWindow?.hide();
      }
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(`${location.url}${href}`);
  };

  /**
   * Shows the window at a place. An open window is told to go there; a new one (closed from the
   * tray earlier, or never opened) opens there, since it would miss an event sent before it loaded.
   */
  const showPlace = (href: string) => {
    const open = mainWindow !== null && !mainWindow.isDestroyed();
    showMainWindow(href);
    if (open) core.bus.publish('ui.navigate', { href });
  };
  const showRun = (dispatchId: string) => showPlace(`#/run/${dispatchId}`);
  const showReview = (reviewId: string) => showPlace(`#/reviews/${reviewId}`);
  // One word: `ui.navigate` takes `#/word` or `#/word/<id>` (the renderer's NEW_REVIEW_HREF).
  const showNewReview = () => showPlace('#/newreview');

  const openQuick = () => {
    if (quickWindow && !quickWindow.isDestroyed()) {
      quickWindow.focus();
      return;
    }
    quickWindow = openQuickDispatch(location, preload, openExternal);
    quickWindow.on('closed', () => {
      quickWindow = null;
    });
  };

  const requestQuit = async (): Promise<boolean> => {
    const active = core.repos.dispatches
      .list({ activeOnly: true }, { limit: PAGE_LIMIT_MAX, after: null })
      .items.filter((d) => isActiveDispatch(d.status));
    if (active.length > 0) {
      const { response } = await dialog.showMessageBox({
        type: 'info',
        buttons: ['Quit', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
        message: `${active.length} run${active.length === 1 ? '' : 's'} will keep running on ${active.length === 1 ? 'its runner' : 'their runners'}.`,
        detail: 'Sortie picks them up again, with everything they did meanwhile, the next time it starts.',
      });
      if (response !== 0) return false;
    }
    quitting = true;
    app.quit();
    return true;
  };

  const tray = createAppTray(
    core,
    {
      quickDispatch: openQuick,
      reviewPullRequest: showNewReview,
      showRun,
      setPaused: (paused) => core.services.runs.setPaused(paused),
      open: () => showMainWindow(),
      quit: () => void requestQuit(),
    },
    app.isPackaged,
    process.resourcesPath,
  );
  const stopNotifications = showNotifications(core.bus, { showRun, showReview, openUrl: openExternal });
  const stopConnectivity = reconcileOnWakeAndReconnect(() => void core.services.runs.monitor.tick());
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    globalShortcut.unregisterAll();
    stopNotifications();
    stopConnectivity();
    tray.destroy();
    void endpoint.close();
    core.close();
  };
  globalShortcut.register('CommandOrControl+Shift+D', openQuick);

  app.on('second-instance', () => showMainWindow());
  app.on('activate', () => showMainWindow());
  // The tray keeps the app alive with no window open.
  app.on('window-all-closed', () => {});
  // Every way of quitting (menu, Cmd+Q, tray) says what happens to active runs first.
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void requestQuit();
  });
  app.on('will-quit', dispose);

  showMainWindow();
  if (cipher.weak) {
    core.bus.publish('notification', {
      id: 'secrets-unprotected',
      level: 'warning',
      title: 'Passphrases are not protected by a keychain',
      body: 'No OS keychain is available, so runner passphrases are stored without encryption. Install and unlock a keyring (e.g. GNOME Keyring) to protect them.',
      dispatchId: null,
      taskId: null,
      reviewId: null,
      url: null,
    });
    logger.warn('secrets are stored without OS keychain protection');
  }
  // Runs survive restarts: reconcile them now, then keep watching.
  core.start();
  return {
    core,
    tray,
    mainWindow: () => mainWindow,
    quickDispatchWindow: () => quickWindow,
    showRun,
    showReview,
    showNewReview,
    openQuickDispatch: openQuick,
    requestQuit,
    dispose,
  };
}
