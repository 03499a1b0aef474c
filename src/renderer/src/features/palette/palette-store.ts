import { create } from 'zustand';

/** What the palette's field is for: choosing a command, a quick-capture line, a pull request URL. */
export type PaletteMode = 'commands' | 'capture' | 'review';

/** The window-wide layers the keyboard opens: at most one at a time. */
export type PaletteLayer =
  { kind: 'palette'; mode: PaletteMode } | { kind: 'shortcuts' } | { kind: 'new-task' } | null;

export const usePaletteStore = create<{ layer: PaletteLayer }>()(() => ({ layer: null }));

export function openPalette(mode: PaletteMode = 'commands'): void {
  usePaletteStore.setState({ layer: { kind: 'palette', mode } });
}

export function showShortcuts(): void {
  usePaletteStore.setState({ layer: { kind: 'shortcuts' } });
}

export function showNewTask(): void {
  usePaletteStore.setState({ layer: { kind: 'new-task' } });
}

export function closeLayer(): void {
  usePaletteStore.setState({ layer: null });
}
