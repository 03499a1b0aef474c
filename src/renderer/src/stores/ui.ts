import { create } from 'zustand';
import { addToast, removeToast, type Toast, type ToastKind } from './toasts';

export interface UiState {
  readonly toasts: readonly Toast[];
  /** The queue's filter; kept here so it survives switching pages. */
  readonly queueProjectId: string | null;
  readonly showClosed: boolean;
}

export const useUiStore = create<UiState>()(() => ({
  toasts: [],
  queueProjectId: null,
  showClosed: false,
}));

let nextToastId = 1;

export function showToast(kind: ToastKind, message: string): void {
  const toast = { id: nextToastId++, kind, message };
  useUiStore.setState((s) => ({ toasts: addToast(s.toasts, toast) }));
}

export function dismissToast(id: number): void {
  useUiStore.setState((s) => ({ toasts: removeToast(s.toasts, id) }));
}

export function selectQueueProject(projectId: string | null): void {
  useUiStore.setState({ queueProjectId: projectId });
}

export function setShowClosed(showClosed: boolean): void {
  useUiStore.setState({ showClosed });
}
