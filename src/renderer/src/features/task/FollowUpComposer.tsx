import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Dispatch, Task } from '@shared/contract';
import { errorMessage } from '@renderer/lib/errors';
import { sendFollowUp } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';
import { FOLLOW_UP_MAX, followUpBase, followUpState } from './task-runs';

/**
 * Asks the agent for more on the last finished run's branch (and pull request). Ctrl/Cmd+Enter
 * sends. Shown once a finished run exists.
 */
export function FollowUpComposer({ task, runs }: { task: Task; runs: readonly Dispatch[] }) {
  const headingId = useId();
  const fieldId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const state = followUpState({ task, runs, text, sending });
  const base = followUpBase(runs);
  if (!state.visible || !base) return null;

  function send(): void {
    if (!state.canSend) return;
    setSending(true);
    sendFollowUp(task.id, text.trim())
      .then(() => {
        setText('');
        showToast('info', 'Follow-up queued.');
      })
      .catch((error: unknown) => showToast('error', errorMessage(error)))
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
      <h2 id={headingId}>Follow up</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={fieldId}>
            Follow-up request
          </label>
          <textarea
            id={fieldId}
            rows={4}
            value={text}
            maxLength={FOLLOW_UP_MAX}
            placeholder="What should the agent change or add?"
            aria-describedby={hintId}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={hintId} className="field-hint">
            {state.blocked || (
              <>
                Continues on <code>{base.branch}</code>
                {base.pullRequestUrl ? ' and its pull request' : ''}. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends.
              </>
            )}
          </p>
        </div>
        <div className="panel-actions">
          <button type="submit" className="button button-primary" disabled={!state.canSend}>
            {sending ? 'Sending…' : 'Send follow-up'}
          </button>
        </div>
      </form>
    </section>
  );
}
