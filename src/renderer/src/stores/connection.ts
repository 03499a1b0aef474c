import { create } from 'zustand';

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
}

export function markUnauthorized(): void {
  useConnectionStore.setState({ unauthorized: true });
}
