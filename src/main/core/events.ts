import type { EventName, EventPayload } from '@shared/contract/events';

export type BusListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fan-out of contract events from services to transports (Electron windows, SSE clients). */
export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: BusListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<BusListener>();
  return {
    publish(name, payload) {
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
  };
}
