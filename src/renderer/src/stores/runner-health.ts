import { useEffect } from 'react';
import { create } from 'zustand';
import type { RunnerHealth } from '@shared/contract';
import { invoke, on, onEventsMissed } from '@renderer/api';

/** Each runner's last known connection health, by runner id, as the core reports it. */
export const useRunnerHealthStore = create<{ byId: Readonly<Record<string, RunnerHealth>> }>()(() => ({
  byId: {},
}));

export function applyRunnerHealth(health: RunnerHealth): void {
  useRunnerHealthStore.setState((s) => ({ byId: { ...s.byId, [health.runnerId]: health } }));
}

/** Replaces everything held: a runner missing from the answer was removed. */
export async function loadRunnerHealth(): Promise<void> {
  const all = await invoke('runners.health');
  useRunnerHealthStore.setState({ byId: Object.fromEntries(all.map((h) => [h.runnerId, h])) });
}

/** Replaces the runner's connection and forgets its failures; the next call connects afresh. */
export async function reconnectRunner(runnerId: string): Promise<RunnerHealth> {
  const health = await invoke('runners.reconnect', { id: runnerId });
  applyRunnerHealth(health);
  return health;
}

export function useRunnerHealth(runnerId: string): RunnerHealth | undefined {
  return useRunnerHealthStore((s) => s.byId[runnerId]);
}

/**
 * Keeps the store current while a view that shows health is mounted: reads it, follows
 * `runner.health` events, and reads again whenever events may have been missed (the event
 * stream reopened). Read failures leave what is held; the next event or reopening fixes it.
 */
export function useRunnerHealthSync(): void {
  useEffect(() => {
    const read = () => void loadRunnerHealth().catch(() => undefined);
    const stops = [on('runner.health', applyRunnerHealth), onEventsMissed(read)];
    read();
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
}
