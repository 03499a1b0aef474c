import { describe, expect, it } from 'vitest';
import { openEventStream, type StreamStatus } from '@renderer/api/event-stream';
import type { SseMessage } from '@renderer/api/sse-parser';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > 2000) reject(new Error('timed out'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

describe('event stream', () => {
  it('sends the token, delivers events, and reconnects (reopening) when the stream ends', async () => {
    const messages: SseMessage[] = [];
    const statuses: StreamStatus[] = [];
    const auth: (string | null)[] = [];
    let opens = 0;
    let calls = 0;
    const stop = openEventStream({
      url: 'http://host/api/events',
      token: 't0k',
      delayFor: () => 1,
      fetchImpl: async (_url, init) => {
        calls += 1;
        auth.push(new Headers(init?.headers).get('authorization'));
        if (calls === 2) throw new TypeError('network down');
        return new Response(streamOf([`event: e${calls}\ndata: {}`, '\n\n: ping\n\n']), {
          status: 200,
        });
      },
      onMessage: (m) => messages.push(m),
      onOpen: () => (opens += 1),
      onStatus: (s) => statuses.push(s),
      onUnauthorized: () => {
        throw new Error('not expected');
      },
    });
    await until(() => opens >= 2);
    stop();
    expect(auth[0]).toBe('Bearer t0k');
    expect(messages.slice(0, 2).map((m) => m.event)).toEqual(['e1', 'e3']);
    expect(statuses.slice(0, 4)).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting']);
  });

  it('stops for good on 401', async () => {
    let unauthorized = 0;
    let calls = 0;
    openEventStream({
      url: 'http://host/api/events',
      token: 'wrong',
      delayFor: () => 1,
      fetchImpl: async () => {
        calls += 1;
        return new Response('{"ok":false}', { status: 401 });
      },
      onMessage: () => {},
      onOpen: () => {},
      onStatus: () => {},
      onUnauthorized: () => (unauthorized += 1),
    });
    await until(() => unauthorized === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(1);
  });
});
