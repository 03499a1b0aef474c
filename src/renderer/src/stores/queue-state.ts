import { create } from 'zustand';
import { invoke } from '@renderer/api';
import { createLatestRead } from './latest-read';

/** Whether the scheduler is paused (queued runs then wait): read once, kept by `queue.changed`. */
export const useQueueStateStore = create<{ readonly paused: boolean }>()(() => ({ paused: false }));

const reads = createLatestRead();

export function applyQueueState(state: { paused: boolean }): void {
  reads.applied();
  useQueueStateStore.setState({ paused: state.paused });
}

export async function loadQueueState(): Promise<void> {
  const read = reads.begin();
  const state = await invoke('queue.get');
  if (reads.isCurrent(read)) applyQueueState(state);
}

export function useQueuePaused(): boolean {
  return useQueueStateStore((s) => s.paused);
}
