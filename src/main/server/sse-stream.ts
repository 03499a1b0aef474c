import type { ServerResponse } from 'node:http';
import { formatEventsPosition } from '@shared/contract/events-position';
import { EVENTS_HEADER } from '@shared/contract/http-headers';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/logger';

export interface SseLimits {
  /** Interval of keepalive comments. */
  keepaliveMs: number;
  /** Most bytes the host holds for one client that has not read them yet. */
  maxBufferedBytes: number;
  /** How long a client that fell behind has to read its backlog and the final `resync`. */
  closeGraceMs: number;
}

export const DEFAULT_SSE_LIMITS: SseLimits = {
  keepaliveMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  closeGraceMs: 10_000,
};

/**
 * Tells a client it missed events: it reconnects and reloads what it shows. Nothing else
 * follows it on the connection.
 */
export const RESYNC_EVENT = 'event: resync\ndata: {}\n\n';
/** Chunked encoding adds a size line and a CRLF to every write, and a last empty chunk. */
const CHUNK_FRAMING_BYTES = 16;
/** Kept free under the bound so the final `resync` always fits. */
const RESYNC_RESERVE_BYTES = Buffer.byteLength(RESYNC_EVENT) + 2 * CHUNK_FRAMING_BYTES;

/**
 * Streams bus events to one client as server-sent events.
 *
 * Invariant: what the host holds for the client (`res.writableLength`: queued in the
 * response and its socket) stays within `maxBufferedBytes`, room for the final `resync`
 * included. An event that would go past it is not queued: the client is unsubscribed, gets
 * `resync` after its backlog and is disconnected, at the latest `closeGraceMs` later.
 * The one exception is a single event larger than the bound sent to a client that has
 * caught up: it is sent, so a client that keeps up is never cut off for one big event.
 */
export function serveEventStream(
  res: ServerResponse,
  bus: EventBus,
  limits: SseLimits,
  logger: Logger,
): void {
  // Kept: the response lets go of its socket once it has ended.
  const socket = res.socket;
  let subscribed = true;
  // Set while the socket is past its high-water mark, until 'drain': a ping then would only
  // lengthen a backlog that already proves the connection is alive.
  let congested = false;

  // Subscribed in the same turn as the count is read: every event after it comes on the stream.
  const unsubscribe = bus.subscribe((name, payload) => {
    send(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    [EVENTS_HEADER]: formatEventsPosition(bus.position()),
  });
  write(': connected\n\n');
  const keepalive = setInterval(() => {
    if (!congested) send(': ping\n\n');
  }, limits.keepaliveMs);
  res.on('drain', () => {
    congested = false;
  });

  function write(chunk: string): void {
    if (!res.write(chunk)) congested = true;
  }

  function send(chunk: string): void {
    if (!subscribed) return;
    const backlog = res.writableLength;
    const needed = Buffer.byteLength(chunk) + CHUNK_FRAMING_BYTES + RESYNC_RESERVE_BYTES;
    if (backlog > 0 && backlog + needed > limits.maxBufferedBytes) {
      fallBehind(backlog);
      return;
    }
    write(chunk);
  }

  function detach(): void {
    if (!subscribed) return;
    subscribed = false;
    clearInterval(keepalive);
    unsubscribe();
  }

  function fallBehind(backlog: number): void {
    detach();
    logger.warn('an event stream client fell behind; it is told to resync and disconnected', {
      backlogBytes: backlog,
    });
    res.end(RESYNC_EVENT);
    // The response counts as finished once its bytes are handed to the socket, which still
    // holds the backlog: the socket is ended too (a client this far behind starts afresh), and
    // destroyed if the client has not read to the end in time, or it would keep the backlog
    // here for as long as it keeps the connection open.
    if (!socket) return;
    socket.end();
    const cutOff = setTimeout(() => socket.destroy(), limits.closeGraceMs);
    cutOff.unref();
    socket.once('close', () => clearTimeout(cutOff));
  }

  // 'close' comes however the connection ends: the client left, the end was sent, or it was cut.
  res.once('close', detach);
  res.on('error', (error) => {
    logger.warn('event stream failed', { error: String(error) });
    detach();
  });
}
