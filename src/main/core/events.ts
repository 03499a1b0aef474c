import type { EventName, EventPayload } from '@shared/contract/events';

export type BusListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fan-out of contract events from services to transports (Electron windows, SSE clients). */
export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: BusListener): () => void;
  /** How many events were published so far: a count that only grows (see http-headers.ts). */
  published(): number;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<BusListener>();
  let published = 0;
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
    published: () => published,
  };
}
