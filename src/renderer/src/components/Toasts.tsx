import { useEffect } from 'react';
import { dismissToast, useUiStore } from '@renderer/stores/ui';
import type { Toast } from '@renderer/stores/toasts';

const LIFETIME_MS: Record<Toast['kind'], number> = { info: 4_000, warning: 10_000, error: 10_000 };

function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <li className={`toast toast-${toast.kind}`}>
      <span className="toast-message">{toast.message}</span>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Dismiss"
        onClick={() => dismissToast(toast.id)}
      >
        ×
      </button>
    </li>
  );
}

/** Errors and notices; announced politely so screen readers hear them without losing focus. */
export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  return (
    <ol className="toasts" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </ol>
  );
}
