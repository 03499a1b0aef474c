import { create } from 'zustand';
import { invoke } from '@renderer/api';

/** Whether the scheduler is paused (queued runs then wait): read once, kept by `queue.changed`. */
export const useQueueStateStore = create<{ readonly paused: boolean }>()(() => ({ paused: false }));

export function applyQueueState(state: { paused: boolean }): void {
  useQueueStateStore.setState({ paused: state.paused });
}

export async function loadQueueState(): Promise<void> {
  applyQueueState(await invoke('queue.get'));
}

export function useQueuePaused(): boolean {
  return useQueueStateStore((s) => s.paused);
}
