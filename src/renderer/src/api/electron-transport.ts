import type { Envelope } from '@shared/contract/errors';
import { isEnvelope, transportFailure } from './envelope';
import type { Transport } from './transport';

/** What the preload exposes through contextBridge. */
export interface SortieBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    sortie?: SortieBridge;
  }
}

export function findBridge(): SortieBridge | null {
  const bridge = window.sortie;
  if (bridge && typeof bridge.invoke === 'function' && typeof bridge.on === 'function') {
    return bridge;
  }
  return null;
}

export function createElectronTransport(bridge: SortieBridge): Transport {
  return {
    async invoke(channel, input) {
      const reply: unknown = await bridge.invoke(channel, input);
      return isEnvelope(reply) ? reply : transportFailure(`The app sent a malformed reply to ${channel}.`);
    },
    on: (event, listener) => bridge.on(event, listener),
    // IPC delivers every event while the window lives; there is nothing to resynchronise.
    onEventsMissed: () => () => {},
  };
}
