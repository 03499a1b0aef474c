import { useState, type ReactNode } from 'react';
import { errorMessage } from '@renderer/lib/errors';
import { showToast } from '@renderer/stores/ui';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onClose(): void;
  /** Holds the confirm button while something the message depends on is still loading. */
  ready?: boolean;
  /** The button that backs out (default "Cancel"), e.g. "Keep running" when canceling a run. */
  dismissLabel?: string;
}

/** Asks before something destructive. Closes itself on success; a failure becomes a toast. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, onConfirm, onClose, ready = true, dismissLabel = 'Cancel' } = props;
  const [pending, setPending] = useState(false);

  function confirm(): void {
    setPending(true);
    onConfirm()
      .then(onClose)
      .catch((error: unknown) => {
        showToast('error', errorMessage(error));
        setPending(false);
      });
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="confirm-message">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {dismissLabel}
        </button>
        <button type="button" className="button button-danger" onClick={confirm} disabled={pending || !ready}>
          {pending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
