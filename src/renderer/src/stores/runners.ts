import { useMemo } from 'react';
import type { ChannelInput, Runner, RunnerUpsertInput } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { dropRunnerTest } from './runner-tests';
import { sortRunners } from './selectors';

const runners = createCollectionStore<Runner>();

export const useRunnersStore = runners.useStore;

/** Applies a change; a removed runner's last test result goes with it. */
export function applyRunner(id: string, runner: Runner | null): void {
  runners.apply(id, runner);
  if (runner === null) dropRunnerTest(id);
}

export function loadRunners(): Promise<void> {
  return runners.load(() => invoke('runners.list'));
}

export async function saveRunner(input: RunnerUpsertInput): Promise<Runner> {
  return runners.applyReply(invoke('runners.upsert', input));
}

/** Hands a private key (and its passphrase, if any) to the core; neither is kept here. */
export async function importRunnerKey(input: ChannelInput<'runners.importKey'>): Promise<Runner> {
  return runners.applyReply(invoke('runners.importKey', input));
}

export async function removeRunner(id: string): Promise<void> {
  await invoke('runners.remove', { id });
  applyRunner(id, null);
}

export function useSortedRunners(): Runner[] {
  const byId = useRunnersStore((c) => c.byId);
  return useMemo(() => sortRunners(byId), [byId]);
}

export function useRunner(id: string): Runner | undefined {
  return useRunnersStore((c) => c.byId[id]);
}
