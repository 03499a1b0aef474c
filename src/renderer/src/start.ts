import { createClient } from './api/client';
import { createElectronTransport, findBridge } from './api/electron-transport';
import { createHttpTransport } from './api/http-transport';
import { installClient } from './api';
import { forgetToken, takeToken } from './api/token';
import { hostAnswered, markUnauthorized, setConnectionStatus } from './stores/connection';
import { startSync } from './stores/sync';

/**
 * Picks the transport (the preload's bridge in Electron, HTTP with the page's token in a
 * browser), installs the client and starts syncing the stores. False when there is no token.
 */
export function start(): boolean {
  const bridge = findBridge();
  if (bridge) {
    installClient(createClient(createElectronTransport(bridge)));
    setConnectionStatus('ipc');
  } else {
    const token = takeToken();
    if (!token) return false;
    const transport = createHttpTransport({
      baseUrl: window.location.origin,
      token,
      onStatus: setConnectionStatus,
      onAnswer: hostAnswered,
      onUnauthorized: () => {
        forgetToken();
        transport.close();
        markUnauthorized();
      },
    });
    installClient(createClient(transport));
  }
  startSync();
  return true;
}
