import { useMemo } from 'react';
import type { RunChain } from '@shared/contract';
import { isActiveChain } from '@shared/domain/iterate';
import { invoke } from '@renderer/api';
import { applyChange, type Collection } from './collection';
import { createCollectionStore } from './collection-store';
import { useTasksStore } from './tasks';

/**
 * Chains of runs ("run until the eval passes"), keyed by id: filled from `dispatches.chains` when
 * a task page opens and kept current by `chain.updated`. There is no list of every chain, so the
 * queue cards know the chains seen since the window opened.
 */
const chains = createCollectionStore<RunChain>();

export const useChainsStore = chains.useStore;
export const applyChain = (chain: RunChain): void => chains.apply(chain.id, chain);

function update(change: (c: Collection<RunChain>) => Collection<RunChain>): void {
  useChainsStore.setState(change, true);
}

/** Reads the task's chains and applies them in one store update. */
export async function loadChainsOf(taskId: string): Promise<RunChain[]> {
  const list = await invoke('dispatches.chains', { taskId });
  update((c) => list.reduce((acc, chain) => applyChange(acc, chain.id, chain), c));
  return list;
}

/**
 * Reads again the chains held as going on: events sent while the stream was down are gone, and a
 * chain would otherwise stay "evaluating" on its card.
 */
export function resyncActiveChains(): void {
  const tasks = new Set<string>();
  for (const chain of Object.values(useChainsStore.getState().byId)) {
    if (isActiveChain(chain.status)) tasks.add(chain.taskId);
  }
  for (const taskId of tasks) loadChainsOf(taskId).catch(() => undefined);
}

/** Forgets the finished chains of a task (its run history was discarded), or all of them. */
export function dropChainsOfTask(taskId: string, which: 'finished' | 'all'): void {
  chains.drop((chain) => chain.taskId === taskId && (which === 'all' || !isActiveChain(chain.status)));
}

// A deleted task (here, elsewhere or with its project) takes its chains with it.
useTasksStore.subscribe((state, previous) => {
  if (state.removed === previous.removed) return;
  const gone = [...state.removed].filter((id) => !previous.removed.has(id));
  if (gone.length > 0) chains.drop((chain) => gone.includes(chain.taskId));
});

// ---- Reads ----

export function useChain(id: string | null): RunChain | undefined {
  return useChainsStore((c) => (id === null ? undefined : c.byId[id]));
}

/** Newest first, as `dispatches.chains` lists them. */
export function chainsOf(byId: Readonly<Record<string, RunChain>>, taskId: string): RunChain[] {
  return Object.values(byId)
    .filter((chain) => chain.taskId === taskId)
    .sort((a, b) =>
      a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1,
    );
}

export function useChainsOf(taskId: string): RunChain[] {
  const byId = useChainsStore((c) => c.byId);
  return useMemo(() => chainsOf(byId, taskId), [byId, taskId]);
}

/** The task's chain that goes on (there is at most one), if any. */
export function useActiveChainOf(taskId: string): RunChain | undefined {
  return useChainsStore((c) =>
    Object.values(c.byId).find((chain) => chain.taskId === taskId && isActiveChain(chain.status)),
  );
}
