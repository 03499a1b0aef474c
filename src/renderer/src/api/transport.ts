import type { Envelope } from '@shared/contract/errors';

/** What a client needs from a way of reaching the core: untyped, validated by the client. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Called each time the event stream (re)connects. Events sent while it was down are lost,
   * so listeners reload what they show. Transports that cannot drop events never call it.
   */
  onStreamOpen(listener: () => void): () => void;
  /**
   * True when onStreamOpen is called, at least once as the stream first opens: a list read before
   * that may miss events, so the first load waits for it (absent: events are never dropped).
   */
  readonly loadsAfterStreamOpens?: boolean;
  /**
   * Where a terminal opened with `stream: 'socket'` is streamed (a WebSocket address), for
   * transports that have one (the headless host); absent: terminals come as events.
   */
  terminalStreamUrl?(terminalId: string): string;
}
