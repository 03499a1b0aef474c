import { Menu, nativeImage, Tray } from 'electron';
import type { EventName } from '@shared/contract';
import type { Core } from '../core/core';
import { buildTrayModel, type TrayState } from '../core/services/tray-model';
import { trayIconPath } from './resources';
import { trayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu';

const ICONS: Record<TrayState, string> = {
  idle: 'tray-idle.png',
  running: 'tray-running.png',
  attention: 'tray-attention.png',
};

const REFRESH_ON = new Set<EventName>([
  'dispatch.updated',
  'dispatch.removed',
  'queue.changed',
  'task.changed',
  'review.updated',
]);

export interface AppTray {
  refresh(): void;
  destroy(): void;
}

/** The tray icon (idle, running, needs attention) and its menu, kept current as runs change. */
export function createAppTray(
  core: Core,
  actions: TrayActions,
  packaged: boolean,
  resourcesPath: string,
): AppTray {
  const icon = (state: TrayState) =>
    nativeImage.createFromPath(trayIconPath(packaged, resourcesPath, ICONS[state]));
  const tray = new Tray(icon('idle'));
  let pending: NodeJS.Timeout | null = null;

  const refresh = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    const model = buildTrayModel(core.repos);
    const paused = core.services.runs.scheduler.paused;
    tray.setImage(icon(model.state));
    tray.setToolTip(trayTooltip(model, paused));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, paused, actions)));
  };
  // Bursts of run updates (live phases) rebuild the menu once. Tasks and reviews name the runs.
  const unsubscribe = core.bus.subscribe((name) => {
    if (!REFRESH_ON.has(name)) return;
    if (!pending) pending = setTimeout(refresh, 250);
  });
  tray.on('click', actions.open);
  refresh();
  return {
    refresh,
    destroy() {
      unsubscribe();
      if (pending) clearTimeout(pending);
      tray.destroy();
    },
  };
}
