import { useMemo } from 'react';
import type { Dispatch } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { newestFirst } from './selectors';

const dispatches = createCollectionStore<Dispatch>();

export const useDispatchesStore = dispatches.useStore;
export const applyDispatch = dispatches.apply;

export function loadDispatches(): Promise<void> {
  return dispatches.load(() => invoke('dispatches.list'));
}

export function useRecentDispatches(): Dispatch[] {
  const byId = useDispatchesStore((c) => c.byId);
  return useMemo(() => newestFirst(byId), [byId]);
}
