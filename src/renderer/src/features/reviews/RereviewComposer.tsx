import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Dispatch, Review } from '@shared/contract';
import { explainError } from '@renderer/components/error-advice';
import { activeRun } from '@renderer/features/task/task-runs';
import { rerunReview } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';

export const REREVIEW_REQUEST_MAX = 20_000;

/**
 * Queues another run of the review at the pull request's current head, with an optional request
 * (what to look at this time). Ctrl/Cmd+Enter sends. One run at a time: held while one is active.
 */
export function RereviewComposer({ review, runs }: { review: Review; runs: readonly Dispatch[] }) {
  const headingId = useId();
  const fieldId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const busy = activeRun(runs) !== undefined;
  const canSend = !busy && !sending && text.length <= REREVIEW_REQUEST_MAX;

  function send(): void {
    if (!canSend) return;
    setSending(true);
    rerunReview(review.id, text.trim())
      .then(() => {
        setText('');
        showToast('info', 'Re-review queued.');
      })
      .catch((error: unknown) => showToast('error', explainError(error)))
      .finally(() => setSending(false));
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <section className="task-card follow-up-composer" aria-labelledby={headingId}>
      <h2 id={headingId}>Review again</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={fieldId}>
            Re-review request
          </label>
          <textarea
            id={fieldId}
            rows={4}
            value={text}
            maxLength={REREVIEW_REQUEST_MAX}
            placeholder="Optional: what to look at this time, e.g. “check the fix for the race”."
            aria-describedby={hintId}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={hintId} className="field-hint">
            {busy ? (
              'A review run is in progress: wait for it to finish or cancel it.'
            ) : (
              <>
                Reviews the pull request’s current head; the agent sees its previous review. <kbd>Ctrl</kbd>+
                <kbd>Enter</kbd> sends.
              </>
            )}
          </p>
        </div>
        <div className="panel-actions">
          <button type="submit" className="button button-primary" disabled={!canSend}>
            {sending ? 'Queuing…' : 'Re-review'}
          </button>
        </div>
      </form>
    </section>
  );
}
