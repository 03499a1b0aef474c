import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { createApi } from '../api';
import { createCore, type Core } from '../core/core';
import { consoleLogger } from '../core/logger';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { rendererLocation } from './renderer-location';
import { applyContentSecurityPolicy, hardenWindow, mainWindowOptions } from './window';

export interface DesktopApp {
  readonly core: Core;
  readonly mainWindow: () => BrowserWindow | null;
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
  await app.whenReady();

  const logger = consoleLogger('sortie');
  const core = createCore({ dataDir: app.getPath('userData'), logger });
  const location = rendererLocation(__dirname, process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  const router = createApi(core);
  registerIpcHandlers(ipcMain, router, location.isTrusted, logger);
  applyContentSecurityPolicy(
    session.defaultSession,
    !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL),
  );

  let mainWindow: BrowserWindow | null = null;
  forwardEvents(core.bus, () => (mainWindow ? [mainWindow.webContents] : []));

  const showMainWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
    hardenWindow(mainWindow, location);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(location.url);
  };

  app.on('second-instance', showMainWindow);
  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => core.close());

  showMainWindow();
  // Runs survive restarts: reconcile them now, then keep watching.
  core.start();
  return { core, mainWindow: () => mainWindow };
}
