import { create } from 'zustand';
import { HOST_UNREACHABLE } from './toasts';
import { endToastCondition } from './ui';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'ipc';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** The headless host refused our token (it restarts with a new one). */
  readonly unauthorized: boolean;
}

export const useConnectionStore = create<ConnectionState>()(() => ({
  status: 'connecting',
  unauthorized: false,
}));

export function setConnectionStatus(status: ConnectionStatus): void {
  useConnectionStore.setState({ status });
  // The event stream is open again, so the host answers: "Cannot reach the Sortie host" is over.
  if (status === 'live') hostAnswered();
}

/** The headless host answered: toasts saying it cannot be reached are out of date. */
export function hostAnswered(): void {
  endToastCondition(HOST_UNREACHABLE);
}

export function markUnauthorized(): void {
  useConnectionStore.setState({ unauthorized: true });
}
