import { BrowserWindow } from 'electron';
import type { RendererLocation } from './renderer-location';
import { hardenWindow, mainWindowOptions } from './window';

/**
 * A small frameless window with one field: a note becomes a task and its run is queued
 * (the renderer's #/quick view). It closes itself when done, or on Esc or losing focus.
 */
export function openQuickDispatch(
  location: RendererLocation,
  preloadPath: string,
  openExternal: (url: string) => void,
): BrowserWindow {
  const base = mainWindowOptions(preloadPath);
  const window = new BrowserWindow({
    ...base,
    width: 560,
    height: 196,
    minWidth: 400,
    minHeight: 160,
    frame: false,
    resizable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    title: 'Quick dispatch',
    show: false,
  });
  hardenWindow(window, location, openExternal);
  window.once('ready-to-show', () => window.show());
  window.on('blur', () => {
    if (!window.isDestroyed()) window.close();
  });
  void window.loadURL(`${location.url}#/quick`);
  return window;
}
