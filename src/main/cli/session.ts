import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '@shared/contract';

/** An error the API answered: its stable code and its message, printed as they are. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * The Sortie a command talks to: a running one (desktop app or headless host) through its local
 * endpoint, or a core this process started for the command's duration.
 */
export interface SortieSession {
  /** `endpoint`: a running Sortie; `own`: this process runs the core. */
  readonly kind: 'endpoint' | 'own';
  /** Where the Sortie keeps its data. */
  readonly dataDir: string;
  /** Calls a channel of the contract; an error answer throws ApiError. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Listens to the events; resolves once listening (nothing later is missed). */
  listen(listener: EventListener): Promise<() => void>;
  close(): Promise<void>;
}
