import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_IPC_PREFIX, type Envelope } from '@shared/contract';
import type { Router } from '../api/router';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/logger';

const UNTRUSTED: Envelope<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'this frame may not call Sortie' },
};

/**
 * One `ipcMain.handle` per contract channel. A call from any frame other than the app's own
 * renderer is refused before the router sees it.
 */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  router: Router,
  isTrustedFrame: (url: string | undefined) => boolean,
  logger: Logger,
): () => void {
  for (const channel of router.channelNames) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      const frameUrl = event.senderFrame?.url;
      if (!isTrustedFrame(frameUrl)) {
        logger.warn('refused IPC call from an untrusted frame', { channel, frameUrl });
        return UNTRUSTED;
      }
      return router.call(channel, input);
    });
  }
  return () => {
    for (const channel of router.channelNames) ipcMain.removeHandler(channel);
  };
}

/** Pushes every core event to the given windows' renderers. */
export function forwardEvents(bus: EventBus, targets: () => WebContents[]): () => void {
  return bus.subscribe((name, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(EVENT_IPC_PREFIX + name, payload);
    }
  });
}
