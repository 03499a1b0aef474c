import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface FormDialogProps {
  title: string;
  submitLabel: string;
  /** What the submit button says while pending ('Saving…' unless told). */
  pendingLabel?: string;
  pending: boolean;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  onClose(): void;
  children: ReactNode;
  size?: 'normal' | 'wide';
}

/**
 * Enter submits from any single-line control (inputs do it natively; selects and checkboxes
 * do not), Ctrl/Cmd+Enter from a textarea.
 */
function submitOnEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const target = event.target;
  const isTextarea = target instanceof HTMLTextAreaElement;
  const wantsSubmit = isTextarea
    ? event.ctrlKey || event.metaKey
    : target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio'));
  if (!wantsSubmit) return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

export function FormDialog(props: FormDialogProps) {
  const { title, submitLabel, pendingLabel = 'Saving…', pending, onSubmit, onClose, children, size } = props;
  return (
    <Dialog title={title} onClose={onClose} size={size}>
      <form className="form" onSubmit={onSubmit} onKeyDown={submitOnEnter} noValidate>
        <div className="form-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
