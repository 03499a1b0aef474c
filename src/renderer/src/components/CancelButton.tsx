import { useState, type ReactNode } from 'react';
import { showToast } from '@renderer/stores/ui';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * A quiet danger button that asks first, then runs a cancel and says `done` when it worked (a
 * failure is a toast too). Canceling stops an agent mid-work: one stray click must not do it.
 */
export function CancelButton({
  cancel,
  done,
  label,
  confirmTitle,
  confirmBody,
  small = false,
}: {
  cancel: () => Promise<unknown>;
  done: string;
  label: string;
  confirmTitle: string;
  confirmBody: ReactNode;
  small?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button button-danger-quiet${small ? ' button-small' : ''}`}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
      {asking ? (
        <ConfirmDialog
          title={confirmTitle}
          confirmLabel={label}
          dismissLabel="Keep running"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            await cancel();
            showToast('info', done);
          }}
        >
          {confirmBody}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
