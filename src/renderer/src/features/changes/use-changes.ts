import { useEffect } from 'react';
import type { BranchChanges } from '@shared/contract';
import { invoke } from '@renderer/api';
import { useCoreRead } from '@renderer/lib/use-core-read';

/** While the run is live its branch moves: its changes are read again this often. */
const LIVE_REFRESH_MS = 10_000;

export interface ChangesState {
  changes: BranchChanges | null;
  /** Why they could not be read ('' when they could). */
  error: string;
  loading: boolean;
  refresh(): void;
}

/** A run's changes, read when shown, again every few seconds while it is live, and on demand. */
export function useChanges(runId: string, live: boolean): ChangesState {
  const read = useCoreRead<BranchChanges>();
  const { follow, reload, reloads } = read;

  useEffect(() => follow(invoke('dispatches.changes', { id: runId })), [follow, runId, reloads]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);

  return { changes: read.value, error: read.error, loading: read.loading, refresh: reload };
}
