import { useEffect, useId, useState } from 'react';
import { navigate } from '@renderer/lib/route';
import { dismissToast, useUiStore } from '@renderer/stores/ui';
import type { Toast, ToastAction } from '@renderer/stores/toasts';

const LIFETIME_MS: Record<Toast['kind'], number> = { info: 4_000, warning: 10_000, error: 10_000 };

function ActionView({ action, onDone }: { action: ToastAction; onDone(): void }) {
  if ('url' in action) {
    // The desktop shell opens web links in the system browser.
    return (
      <a
        className="button button-small toast-action"
        href={action.url}
        target="_blank"
        rel="noreferrer"
        title={action.url}
        onClick={onDone}
      >
        {action.label}
      </a>
    );
  }
  return (
    <button
      type="button"
      className="button button-small toast-action"
      onClick={() => {
        navigate(action.href);
        onDone();
      }}
    >
      {action.label}
    </button>
  );
}

/**
 * One toast: a short line, how often it came, its action, and its details behind "Details".
 * It goes by itself after a while (counted again from each repeat), except while its details are
 * open or while the condition it reports lasts (that toast goes when the condition ends).
 */
function ToastItem({ toast }: { toast: Toast }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const dismiss = () => dismissToast(toast.id);
  useEffect(() => {
    if (open || toast.condition !== null) return undefined;
    const timer = setTimeout(() => dismissToast(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast, open]);
  return (
    <li className={`toast toast-${toast.kind}`} data-condition={toast.condition ?? undefined}>
      <div className="toast-body">
        <p className="toast-message">
          {toast.message}
          {toast.count > 1 ? (
            <span className="toast-count" aria-label={`shown ${toast.count} times`}>
              {' '}
              ×{toast.count}
            </span>
          ) : null}
        </p>
        {toast.action || toast.details ? (
          <div className="toast-actions">
            {toast.action ? <ActionView action={toast.action} onDone={dismiss} /> : null}
            {toast.details ? (
              <button
                type="button"
                className="button button-ghost button-small"
                aria-expanded={open}
                aria-controls={detailsId}
                onClick={() => setOpen((value) => !value)}
              >
                {open ? 'Hide details' : 'Details'}
              </button>
            ) : null}
          </div>
        ) : null}
        {toast.details && open ? (
          <pre id={detailsId} className="toast-details">
            {toast.details}
          </pre>
        ) : null}
      </div>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Dismiss"
        onClick={dismiss}
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
