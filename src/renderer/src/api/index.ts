import type { ChannelName, ChannelOutput, EventName, EventPayload } from '@shared/contract';
import type { Client, InvokeArgs } from './client';

export { ClientError, isClientError } from './client-error';
export type { Client } from './client';

let installed: Client | null = null;

/** Chosen once at start-up (see main.tsx); everything else goes through invoke/on. */
export function installClient(client: Client): void {
  installed = client;
}

function client(): Client {
  if (!installed) throw new Error('the API client is used before start-up installed it');
  return installed;
}

export function invoke<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<ChannelOutput<C>> {
  return client().invoke(channel, ...args);
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return client().on(event, listener);
}

/** Calls `listener` whenever events may have been missed: it reads again what it shows. */
export function onEventsMissed(listener: () => void): () => void {
  return client().onEventsMissed(listener);
}

/** Where a socket-streamed terminal is read and written; null when terminals come as events. */
export function terminalStreamUrl(terminalId: string): string | null {
  return client().terminalStreamUrl(terminalId);
}

/** Whether terminals can stream over a socket of their own (the headless host). */
export function terminalsStreamOverSocket(): boolean {
  return client().streamsTerminals;
}
