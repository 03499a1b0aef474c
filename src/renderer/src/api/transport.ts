import type { Envelope } from '@shared/contract/errors';

/** What a client needs from a way of reaching the core: untyped, validated by the client. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Called when events may have been missed, so listeners read again what they show: the event
   * stream reconnected (events sent while it was down are lost), or an answer was read before
   * the stream subscribed (missed-events.ts). Reads need not wait for the stream: whatever they
   * could miss is said here. Transports that cannot drop events never call it.
   */
  onEventsMissed(listener: () => void): () => void;
  /**
   * Where a terminal opened with `stream: 'socket'` is streamed (a WebSocket address), for
   * transports that have one (the headless host); absent: terminals come as events.
   */
  terminalStreamUrl?(terminalId: string): string;
}
