import { parseEventsPosition, type EventsPosition } from '@shared/contract/events-position';
import { EVENTS_HEADER } from '@shared/contract/http-headers';
import { backoffDelay } from './backoff';
import { createSseParser, type SseMessage } from './sse-parser';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface EventStreamOptions {
  url: string;
  token: string;
  onMessage(message: SseMessage): void;
  /** The stream opened; where the host's events stood as it subscribed (null: not said). */
  onOpen(position: EventsPosition | null): void;
  onStatus(status: StreamStatus): void;
  onUnauthorized(): void;
  /** For tests; default: the global fetch and backoffDelay. */
  fetchImpl?: typeof fetch;
  delayFor?: (attempt: number) => number;
}

/** The server sends `: ping` comments; a stream silent for this long is treated as dead. */
const IDLE_TIMEOUT_MS = 75_000;

/**
 * The host's last word to a client that fell behind: events were dropped. It is handled as a
 * dropped connection (reconnect, then onOpen reloads), never passed on as an event.
 */
const RESYNC_EVENT = 'resync';

class Unauthorized extends Error {}

/** Where the host's events stood as it answered (http-headers.ts), or null when it did not say. */
export function eventsPosition(response: Response): EventsPosition | null {
  return parseEventsPosition(response.headers.get(EVENTS_HEADER));
}

/**
 * Reads `GET /api/events` with fetch (EventSource cannot send an Authorization header) and
 * reconnects with backoff whenever it drops or the host asks it to resync. Every (re)opened
 * stream calls onOpen, so the one place that reloads after missed events covers both.
 * Returns a function that stops it for good.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const delayFor = options.delayFor ?? backoffDelay;
  let stopped = false;
  let current: AbortController | null = null;
  let sleepTimer: ReturnType<typeof setTimeout> | undefined;

  /** Reads one connection until it ends; `opened` is called once the server accepted it. */
  async function readOnce(
    controller: AbortController,
    opened: (position: EventsPosition | null) => void,
  ): Promise<void> {
    const response = await fetchImpl(options.url, {
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 401) throw new Unauthorized();
    if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
    const parser = createSseParser();
    const reader = response.body.getReader();
    let idle = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
    opened(eventsPosition(response));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
        for (const message of parser.pushBytes(value)) {
          if (message.event === RESYNC_EVENT) return;
          options.onMessage(message);
        }
      }
    } finally {
      clearTimeout(idle);
      controller.abort();
    }
  }

  async function run(): Promise<void> {
    let attempt = 0;
    options.onStatus('connecting');
    while (!stopped) {
      const controller = new AbortController();
      current = controller;
      try {
        await readOnce(controller, (position) => {
          attempt = 0;
          options.onStatus('live');
          options.onOpen(position);
        });
      } catch (error) {
        if (error instanceof Unauthorized) {
          options.onUnauthorized();
          return;
        }
      }
      if (stopped) return;
      options.onStatus('reconnecting');
      await new Promise<void>((resolve) => {
        sleepTimer = setTimeout(resolve, delayFor(attempt));
      });
      attempt += 1;
    }
  }

  void run();
  return () => {
    stopped = true;
    clearTimeout(sleepTimer);
    current?.abort();
  };
}
