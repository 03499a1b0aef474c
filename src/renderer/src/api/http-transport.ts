import type { Envelope } from '@shared/contract/errors';
import { eventsPosition, openEventStream, type StreamStatus } from './event-stream';
import { trackMissedEvents } from './missed-events';
import { isEnvelope, transportFailure } from './envelope';
import { ListenerMap } from './listeners';
import type { Transport } from './transport';

export interface HttpTransportOptions {
  baseUrl: string;
  token: string;
  onStatus(status: StreamStatus): void;
  onUnauthorized(): void;
  /** The host answered a call (whatever the answer): it can be reached. */
  onAnswer?(): void;
}

export interface HttpTransport extends Transport {
  close(): void;
}

/** What a call answers when the host cannot be reached at all (toasts key on it). */
export const HOST_UNREACHABLE_MESSAGE = 'Cannot reach the Sortie host.';

/** JSON-RPC over `POST /api/rpc/<channel>` and server-sent events from `GET /api/events`. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const events = new ListenerMap<unknown>();
  const missedListeners = new ListenerMap<void>();
  const missed = trackMissedEvents(() => missedListeners.emit('missed', undefined));

  async function invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    let response: Response;
    const answered = missed.callStarted();
    try {
      response = await fetch(`${options.baseUrl}/api/rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(input === undefined ? {} : input),
        cache: 'no-store',
      });
    } catch {
      // Unanswered: whatever the window shows instead is read again once the stream opens.
      answered(null);
      return transportFailure(`${HOST_UNREACHABLE_MESSAGE} Is \`npm run serve\` still running?`);
    }
    options.onAnswer?.();
    answered(eventsPosition(response));
    // Every status carries an envelope in its body; read it whatever the status.
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return transportFailure(
        `The Sortie host answered ${channel} with HTTP ${response.status} and no JSON.`,
      );
    }
    if (!isEnvelope(body)) return transportFailure(`The Sortie host sent a malformed reply to ${channel}.`);
    if (response.status === 401) options.onUnauthorized();
    return body;
  }

  const stop = openEventStream({
    url: `${options.baseUrl}/api/events`,
    token: options.token,
    onStatus: (status) => {
      if (status !== 'live') missed.streamClosed();
      options.onStatus(status);
    },
    onUnauthorized: options.onUnauthorized,
    onOpen: (position) => missed.streamOpened(position),
    onMessage: (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        console.warn(`event ${message.event}: data is not JSON`);
        return;
      }
      events.emit(message.event, payload);
    },
  });

  return {
    invoke,
    on: (event, listener) => events.add(event, listener),
    onEventsMissed: (listener) => missedListeners.add('missed', listener),
    terminalStreamUrl: (terminalId) =>
      `${options.baseUrl.replace(/^http/, 'ws')}/api/terminals/${encodeURIComponent(terminalId)}/stream?token=${encodeURIComponent(options.token)}`,
    close: stop,
  };
}
