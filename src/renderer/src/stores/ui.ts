import { create } from 'zustand';
import {
  addToast,
  clearCondition,
  composeToast,
  removeToast,
  type Toast,
  type ToastAction,
  type ToastKind,
} from './toasts';

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

/**
 * Shows `text` as a toast: its first short line, the rest behind "Details"; the same message
 * again counts up instead of stacking. `options` add details or an action (a host-key problem
 * gets "Open runner" by itself).
 */
export function showToast(
  kind: ToastKind,
  text: string,
  options: { details?: string | null; action?: ToastAction | null } = {},
): void {
  const toast = composeToast(nextToastId++, { kind, text, ...options });
  useUiStore.setState((s) => ({ toasts: addToast(s.toasts, toast) }));
}

/** The condition a toast reported has ended (e.g. the host answers again): its toasts go. */
export function endToastCondition(condition: string): void {
  useUiStore.setState((s) => {
    const toasts = clearCondition(s.toasts, condition);
    return toasts === s.toasts ? s : { toasts };
  });
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
