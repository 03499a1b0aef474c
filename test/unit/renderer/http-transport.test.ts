import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENTS_HEADER } from '@shared/contract/http-headers';
import { createHttpTransport, type HttpTransport } from '@renderer/api/http-transport';

/**
 * A host behind a stubbed fetch: calls answer with the count `published` says (or fail when
 * `reachable` is false); the event stream answers once `openStream` is called, with its count.
 */
function fakeHost() {
  const host = { reachable: true, published: 0 };
  let answerStream: ((published: number) => void) | null = null;
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url.endsWith('/api/events')) {
      const published = await new Promise<number>((resolve) => (answerStream = resolve));
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(': connected\n\n'));
          init?.signal?.addEventListener('abort', () => controller.close());
        },
      });
      return new Response(body, { headers: { [EVENTS_HEADER]: `0badc0de ${published}` } });
    }
    if (!host.reachable) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ ok: true, value: [] }), {
      headers: { [EVENTS_HEADER]: `0badc0de ${host.published}` },
    });
  });
  return {
    host,
    openStream: async (published: number) => {
      await vi.waitFor(() => expect(answerStream).not.toBeNull());
      answerStream!(published);
    },
  };
}

describe('the HTTP transport', () => {
  let transport: HttpTransport | null = null;
  afterEach(() => {
    transport?.close();
    transport = null;
    vi.unstubAllGlobals();
  });

  function connect() {
    const missed = vi.fn();
    transport = createHttpTransport({
      baseUrl: 'http://127.0.0.1:9',
      token: 'token',
      onStatus: () => {},
      onUnauthorized: () => {},
    });
    transport.onEventsMissed(missed);
    return missed;
  }

  it('reads once when every answer came after the stream subscribed', async () => {
    const fake = fakeHost();
    const missed = connect();
    fake.host.published = 3;
    await transport!.invoke('projects.list', {});
    await fake.openStream(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(missed).not.toHaveBeenCalled();
  });

  it('reads again when an answer was read before events the stream never brought', async () => {
    const fake = fakeHost();
    const missed = connect();
    fake.host.published = 3;
    await transport!.invoke('projects.list', {});
    // Two events were published between that answer and the stream's subscription.
    await fake.openStream(5);
    await vi.waitFor(() => expect(missed).toHaveBeenCalledTimes(1));
  });

  it('reads again once the stream opens after calls that found no host', async () => {
    const fake = fakeHost();
    const missed = connect();
    fake.host.reachable = false;
    const answer = await transport!.invoke('projects.list', {});
    expect(answer.ok).toBe(false);
    fake.host.reachable = true;
    await fake.openStream(0);
    await vi.waitFor(() => expect(missed).toHaveBeenCalledTimes(1));
  });
});
