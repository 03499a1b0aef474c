import { createParser } from 'eventsource-parser';

/** One dispatched server-sent event. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** The last event id the stream set (it carries over to later events, as in EventSource). */
  readonly id: string | undefined;
}

export interface SseParser {
  /** Feeds decoded text; returns the events completed by it. */
  push(text: string): SseMessage[];
  /** Feeds raw bytes; a UTF-8 sequence split across chunks is decoded once complete. */
  pushBytes(bytes: Uint8Array): SseMessage[];
  /** The last `retry:` value the server sent, in milliseconds. */
  readonly retryMs: number | undefined;
}

/**
 * An incremental `text/event-stream` reader (WHATWG HTML, "Parsing an event stream") over the
 * maintained `eventsource-parser`, which deals with chunks split anywhere (inside a line, between
 * CR and LF); this adds the UTF-8 decoding of byte chunks, EventSource's event name `message`
 * for unnamed events, and the last event id carried over to later events.
 */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let completed: SseMessage[] = [];
  let lastId: string | undefined;
  let retryMs: number | undefined;
  const parser = createParser({
    onId: (id) => {
      lastId = id;
    },
    onEvent: ({ event, data }) => {
      completed.push({ event: event || 'message', data, id: lastId });
    },
    onRetry: (ms) => {
      retryMs = ms;
    },
  });

  function push(text: string): SseMessage[] {
    parser.feed(text);
    const out = completed;
    completed = [];
    return out;
  }

  return {
    push,
    pushBytes: (bytes) => push(decoder.decode(bytes, { stream: true })),
    get retryMs() {
      return retryMs;
    },
  };
}
