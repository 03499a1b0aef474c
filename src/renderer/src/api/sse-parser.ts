/** One dispatched server-sent event. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
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

const LINE_END = /\r\n|\r|\n/g;

/**
 * An incremental parser for `text/event-stream` (WHATWG HTML, "Parsing an event stream").
 * Chunks may split anywhere: inside a line, between CR and LF, or inside a UTF-8 sequence.
 */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let atStart = true;
  // A chunk that ends in CR may be followed by the LF of the same CRLF in the next chunk.
  let skipLeadingLf = false;
  let eventType = '';
  let data = '';
  let hasData = false;
  let lastId: string | undefined;
  let retryMs: number | undefined;

  function processLine(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (hasData) {
        out.push({ event: eventType || 'message', data, id: lastId });
      }
      eventType = '';
      data = '';
      hasData = false;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data = hasData ? `${data}\n${value}` : value;
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retryMs = Number(value);
        break;
      default:
        break;
    }
  }

  function push(text: string): SseMessage[] {
    let chunk = text;
    if (skipLeadingLf && chunk.length > 0) {
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
      skipLeadingLf = false;
    }
    if (atStart && chunk.length > 0) {
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      atStart = false;
    }
    const buffer = pending + chunk;
    const out: SseMessage[] = [];
    let start = 0;
    LINE_END.lastIndex = 0;
    for (let match = LINE_END.exec(buffer); match; match = LINE_END.exec(buffer)) {
      // A CR at the very end may be half of a CRLF: take the line, then drop the LF if it comes.
      if (match[0] === '\r' && match.index === buffer.length - 1) skipLeadingLf = true;
      processLine(buffer.slice(start, match.index), out);
      start = match.index + match[0].length;
    }
    pending = buffer.slice(start);
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
