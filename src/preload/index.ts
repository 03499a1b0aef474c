import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAME_LIST, EVENT_IPC_PREFIX, EVENT_NAME_LIST } from '@shared/contract/names';

const channelNames = new Set<string>(CHANNEL_NAME_LIST);
const eventNames = new Set<string>(EVENT_NAME_LIST);

/**
 * The renderer's only door to the main process: invoke a contract channel, or listen to a
 * contract event. Any other name is refused here, before it reaches IPC.
 */
contextBridge.exposeInMainWorld('sortie', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!channelNames.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `there is no channel named ${JSON.stringify(channel)}` },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(event)) throw new Error(`there is no event named ${JSON.stringify(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_IPC_PREFIX + event, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_IPC_PREFIX + event, wrapped);
    };
  },
});
