export type ToastKind = 'error' | 'warning' | 'info';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
}

/** More than this and the oldest go: a burst of failures must not bury the window. */
export const MAX_TOASTS = 4;

export function addToast(list: readonly Toast[], toast: Toast): Toast[] {
  const withoutDuplicate = list.filter((t) => !(t.kind === toast.kind && t.message === toast.message));
  return [...withoutDuplicate, toast].slice(-MAX_TOASTS);
}

export function removeToast(list: readonly Toast[], id: number): Toast[] {
  return list.filter((t) => t.id !== id);
}
