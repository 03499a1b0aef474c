import type { z } from 'zod';
import {
  events,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '@shared/contract';
import { ClientError } from './client-error';
import type { Transport } from './transport';

/** Channels whose input may be left out (every field has a default). */
export type InvokeArgs<C extends ChannelName> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

export interface Client {
  invoke<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** See Transport.onEventsMissed: read again whatever is shown, events may have been missed. */
  onEventsMissed(listener: () => void): () => void;
  /** See Transport.terminalStreamUrl: null when terminals come as events. */
  terminalStreamUrl(terminalId: string): string | null;
  /** Whether terminals stream over a socket of their own (the transport has one). */
  readonly streamsTerminals: boolean;
}

/**
 * Throws the schema's error when `value` does not match. TypeScript cannot relate a schema
 * picked by a generic key to that key's output type, so callers name the type they checked.
 */
function parse<T>(schema: z.ZodType, value: unknown): T {
  return schema.parse(value) as T;
}

/**
 * A typed client over an untyped transport. Replies come from the core's router, which checks
 * each against the contract before it leaves (it answers INTERNAL rather than anything else),
 * so they are taken as they are: checking them twice cost the queue's first render a tenth of
 * its time with 5,000 tasks. Events come from many places in the core and are checked here, so
 * everything past this point can trust its types.
 */
export function createClient(transport: Transport): Client {
  return {
    async invoke<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<ChannelOutput<C>> {
      const envelope = await transport.invoke(channel, args[0]);
      if (!envelope.ok) throw new ClientError(envelope.error);
      return envelope.value as ChannelOutput<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const schema = events[event].payload;
      return transport.on(event, (payload) => {
        let parsed: EventPayload<E>;
        try {
          parsed = parse<EventPayload<E>>(schema, payload);
        } catch (error) {
          console.error(`event ${event} does not match the contract`, error);
          return;
        }
        listener(parsed);
      });
    },
    onEventsMissed: (listener) => transport.onEventsMissed(listener),
    terminalStreamUrl: (terminalId) => transport.terminalStreamUrl?.(terminalId) ?? null,
    streamsTerminals: transport.terminalStreamUrl !== undefined,
  };
}
