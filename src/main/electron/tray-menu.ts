import type { MenuItemConstructorOptions } from 'electron';
import { LAUNCH_PHASE_LABELS, type LaunchPhase } from '@shared/domain/dispatch';
import type { TrayModel } from '../core/services/tray-model';

export interface TrayActions {
  quickDispatch(): void;
  /** Opens the window on the Reviews page, its URL field focused. */
  reviewPullRequest(): void;
  showRun(dispatchId: string): void;
  setPaused(paused: boolean): void;
  open(): void;
  quit(): void;
}

const OUTCOME: Record<string, string> = {
  succeeded: '✓',
  failed: '✕',
  blocked: '!',
  canceled: '–',
};

/** The tray menu for the current runs; plain data, so it can be checked without a tray. */
export function trayMenuTemplate(
  model: TrayModel,
  paused: boolean,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const activeItems: MenuItemConstructorOptions[] =
    model.active.length === 0
      ? [{ label: 'No active runs', enabled: false }]
      : model.active.map(({ dispatch, title }) => ({
          label: `${title} — ${describeActive(dispatch.status, dispatch.phase)}`,
          click: () => actions.showRun(dispatch.id),
        }));
  const recentItems: MenuItemConstructorOptions[] =
    model.recent.length === 0
      ? [{ label: 'Nothing finished yet', enabled: false }]
      : model.recent.map(({ dispatch, title }) => ({
          label: `${OUTCOME[dispatch.status] ?? ''} ${title} (${dispatch.status})`.trim(),
          click: () => actions.showRun(dispatch.id),
        }));
  return [
    { label: 'Quick dispatch…', accelerator: 'CommandOrControl+Shift+D', click: actions.quickDispatch },
    { label: 'Review a pull request…', click: actions.reviewPullRequest },
    { type: 'separator' },
    { label: 'Active runs', enabled: false },
    ...activeItems,
    { type: 'separator' },
    { label: 'Recently finished', enabled: false },
    ...recentItems,
    { type: 'separator' },
    paused
      ? { label: 'Resume queue', click: () => actions.setPaused(false) }
      : { label: 'Pause queue', click: () => actions.setPaused(true) },
    { label: 'Open Sortie', click: actions.open },
    { label: 'Quit', role: undefined, click: actions.quit },
  ];
}

function describeActive(status: string, phase: string): string {
  if (status === 'preparing' && phase in LAUNCH_PHASE_LABELS)
    return LAUNCH_PHASE_LABELS[phase as LaunchPhase];
  return status;
}

export function trayTooltip(model: TrayModel, paused: boolean): string {
  const parts = [`Sortie — ${model.active.length} active run${model.active.length === 1 ? '' : 's'}`];
  if (model.state === 'attention') parts.push('a run needs attention');
  if (paused) parts.push('queue paused');
  return parts.join(', ');
}
