import { useMemo } from 'react';
import type { Runner, RunnerUpsertInput } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { sortRunners } from './selectors';

const runners = createCollectionStore<Runner>();

export const useRunnersStore = runners.useStore;
export const applyRunner = runners.apply;

export function loadRunners(): Promise<void> {
  return runners.load(() => invoke('runners.list'));
}

export async function saveRunner(input: RunnerUpsertInput): Promise<Runner> {
  const runner = await invoke('runners.upsert', input);
  runners.apply(runner.id, runner);
  return runner;
}

export async function removeRunner(id: string): Promise<void> {
  await invoke('runners.remove', { id });
  runners.apply(id, null);
}

export function useSortedRunners(): Runner[] {
  const byId = useRunnersStore((c) => c.byId);
  return useMemo(() => sortRunners(byId), [byId]);
}
