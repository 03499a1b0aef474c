import { randomBytes } from 'node:crypto';
import type { EventName, EventPayload } from '@shared/contract/events';
import type { EventsPosition } from '@shared/contract/events-position';

export type BusListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fan-out of contract events from services to transports (Electron windows, SSE clients). */
export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: BusListener): () => void;
  /** This bus (this run of the core) and how many events it published so far (events-position.ts). */
  position(): EventsPosition;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<BusListener>();
  let published = 0;
  const host = randomBytes(8).toString('hex');
  return {
    publish(name, payload) {
      published++;
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (error) {
          // One broken subscriber must not keep the event from the others.
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    position: () => ({ host, published }),
  };
}
