import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '@shared/contract';
import { openEventStream, type StreamStatus } from '@renderer/api/event-stream';
import type { SseMessage } from '@renderer/api/sse-parser';
import type { Router } from '../../../src/main/api/router';
import { createEventBus, type EventBus } from '../../../src/main/core/events';
import { silentLogger } from '../../../src/main/core/logger';
import { createHttpHost } from '../../../src/main/server/http-host';
import { DEFAULT_SSE_LIMITS, type SseLimits } from '../../../src/main/server/sse-stream';
import { makeTempDir } from '../../support/temp-dir';

const TOKEN = 't'.repeat(43);
const EVENTS = 20_000;

interface Harness {
  bus: EventBus;
  /** Warnings the host logged. */
  warnings: string[];
  port: number;
  /** The host's side of each connection, in the order they came. */
  connections: Socket[];
}

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function startHost(sse: Partial<SseLimits> = {}): Promise<Harness> {
  const temp = makeTempDir();
  mkdirSync(join(temp.path, 'renderer'));
  const bus = createEventBus();
  const warnings: string[] = [];
  const router: Router = { channelNames: [], call: async () => ({ ok: true, value: null }) };
  const server: Server = createHttpHost({
    router,
    bus,
    token: TOKEN,
    staticDir: join(temp.path, 'renderer'),
    logger: { ...silentLogger, warn: (message) => warnings.push(message) },
    sse,
  });
  const connections: Socket[] = [];
  server.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    temp.remove();
  });
  return { bus, warnings, port: (server.address() as AddressInfo).port, connections };
}

/** A notification about the size of a few lines of run output. */
function notice(id: string): EventPayload<'notification'> {
  return {
    id,
    level: 'success',
    title: 'Run finished',
    body: 'x'.repeat(1500),
    dispatchId: null,
    taskId: null,
    reviewId: null,
    url: null,
  };
}

/** Opens the event stream on a raw socket and reads only the response head, then stops reading. */
async function stalledClient(port: number): Promise<{ socket: Socket; head: string }> {
  const socket = connect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  socket.write(
    `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
  );
  let head = '';
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    const onData = (chunk: Buffer) => {
      head += chunk.toString();
      if (!head.includes(': connected')) return;
      socket.off('data', onData);
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
  });
  return { socket, head };
}

/** Reads what is left until the host closes the connection. */
function readToEnd(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.once('end', () => resolve(text));
    socket.once('error', reject);
    socket.resume();
  });
}

function until(check: () => boolean, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > ms) reject(new Error('timed out'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

const countOf = (text: string, needle: string) => text.split(needle).length - 1;

describe('event stream backpressure', () => {
  it('holds at most the bound for a client that stopped reading, then sends it resync and closes it', async () => {
    const { bus, port, connections } = await startHost();
    const { socket, head } = await stalledClient(port);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    const hostSide = connections[0]!;

    let peak = 0;
    for (let i = 0; i < EVENTS; i += 1) {
      bus.publish('notification', notice(`n${i}`));
      peak = Math.max(peak, hostSide.writableLength);
    }
    // It did fall behind (the host had to hold bytes for it), but never more than the bound.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(DEFAULT_SSE_LIMITS.maxBufferedBytes);
    // Unsubscribed: later events are not queued for it.
    const held = hostSide.writableLength;
    bus.publish('notification', notice('after-resync'));
    expect(hostSide.writableLength).toBe(held);

    const text = head + (await readToEnd(socket));
    expect(countOf(text, 'event: resync\n')).toBe(1);
    expect(text.lastIndexOf('event: ')).toBe(text.indexOf('event: resync\n'));
    expect(text).not.toContain('after-resync');
    expect(countOf(text, 'event: notification\n')).toBeLessThan(EVENTS);
  });

  it('cuts off a client that still does not read after the resync, freeing what it held', async () => {
    const { bus, warnings, port, connections } = await startHost({ closeGraceMs: 200 });
    await stalledClient(port);
    const hostSide = connections[0]!;
    for (let i = 0; i < EVENTS && warnings.length === 0; i += 1) {
      bus.publish('notification', notice(`n${i}`));
    }
    expect(warnings).toEqual([expect.stringContaining('fell behind')]);
    expect(hostSide.writableLength).toBeGreaterThan(0);
    // Well before the server's own keep-alive timeout (5 s) would have closed it.
    await until(() => hostSide.destroyed, 2_000);
    expect(hostSide.writableLength).toBe(0);
  });

  it('keeps a client that reads as fast as events come, whatever their total size', async () => {
    const bound = 64 * 1024;
    const { bus, port, connections } = await startHost({ maxBufferedBytes: bound });
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const response = await fetch(`http://127.0.0.1:${port}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    let reading = true;
    const readAll = (async () => {
      while (reading) {
        const { done, value } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })().catch(() => {});

    // 2,000 events of 1.5 KB: about 50 times the bound in total, published as a busy host would.
    const total = 2_000;
    for (let i = 0; i < total; i += 20) {
      for (let j = i; j < i + 20; j += 1) bus.publish('notification', notice(`n${j}`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // One event larger than the bound still reaches a client that has caught up.
    await until(() => connections[0]!.writableLength === 0);
    bus.publish('notification', { ...notice('big'), body: 'y'.repeat(2 * bound) });
    await until(() => text.includes('"id":"big"'));
    reading = false;
    controller.abort();
    await readAll;
    expect(countOf(text, 'event: notification\n')).toBe(total + 1);
    expect(text).not.toContain('event: resync');
  });

  it('makes the app client reconnect and reopen (so it reloads) when it fell behind', async () => {
    const { bus, port } = await startHost();
    const messages: SseMessage[] = [];
    const statuses: StreamStatus[] = [];
    let opens = 0;
    const stop = openEventStream({
      url: `http://127.0.0.1:${port}/api/events`,
      token: TOKEN,
      delayFor: () => 10,
      onMessage: (message) => messages.push(message),
      onOpen: () => (opens += 1),
      onStatus: (status) => statuses.push(status),
      onUnauthorized: () => {
        throw new Error('the token is right');
      },
    });
    cleanups.push(stop);
    await until(() => opens === 1);

    // Published in one go, as a burst of run output would be: the client cannot read meanwhile.
    for (let i = 0; i < EVENTS; i += 1) bus.publish('notification', notice(`n${i}`));
    await until(() => opens === 2);
    expect(statuses).toContain('reconnecting');
    expect(messages.some((message) => message.event === 'resync')).toBe(false);
    expect(messages.length).toBeLessThan(EVENTS);

    // The new connection gets what happens next.
    bus.publish('notification', notice('after-reconnect'));
    await until(() => messages.some((message) => message.data.includes('after-reconnect')));
  });
});
