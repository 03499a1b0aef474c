import { create } from 'zustand';
import type { ChannelInput, Settings } from '@shared/contract';
import { invoke } from '@renderer/api';
import type { LoadStatus } from './collection';
import { createLatestRead } from './latest-read';

export interface SettingsState {
  readonly settings: Settings | null;
  readonly status: LoadStatus;
}

export const useSettingsStore = create<SettingsState>()(() => ({ settings: null, status: 'idle' }));

const reads = createLatestRead();

/** settings.changed always carries the whole object, so the newest one simply replaces it. */
export function applySettings(settings: Settings): void {
  reads.applied();
  useSettingsStore.setState({ settings, status: 'ready' });
}

export async function loadSettings(): Promise<void> {
  useSettingsStore.setState((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading' }));
  const read = reads.begin();
  try {
    const settings = await invoke('settings.get');
    if (reads.isCurrent(read)) applySettings(settings);
  } catch (error) {
    useSettingsStore.setState((s) => ({ status: s.status === 'ready' ? 'ready' : 'error' }));
    throw error;
  }
}

export async function updateSettings(input: ChannelInput<'settings.update'>): Promise<Settings> {
  const settings = await invoke('settings.update', input);
  applySettings(settings);
  return settings;
}
