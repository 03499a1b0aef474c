import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { isCtrlEnter } from '@renderer/lib/form-keys';
import { showToast } from '@renderer/stores/ui';

/** The text of a `RequestComposer` and whether it is being sent; held by its owner, who decides when it can send. */
export interface RequestDraft {
  readonly text: string;
  readonly sending: boolean;
  setText(text: string): void;
  setSending(sending: boolean): void;
}

export function useRequestDraft(): RequestDraft {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  return { text, sending, setText, setSending };
}

export interface RequestComposerProps {
  draft: RequestDraft;
  heading: string;
  /** The textarea's label. */
  label: string;
  placeholder: string;
  maxLength: number;
  /** Under the textarea: why it cannot send now, or what sending does. */
  hint: ReactNode;
  /** The Send button and Ctrl/Cmd+Enter work. */
  canSend: boolean;
  submitLabel: string;
  /** The button's label while sending. */
  sendingLabel: string;
  /** Sends the trimmed text; once it resolved the field empties and `sentMessage` is shown. */
  send(text: string): Promise<unknown>;
  sentMessage: string;
  /** A failure in the words of the error toast. */
  describeError(error: unknown): string;
  /** Changed to a number other than 0, moves the focus to the textarea (then `onFocused`). */
  focusRequest?: number;
  onFocused?(): void;
}

/**
 * A card that asks the agent for another run with a written request (a follow-up, a re-review):
 * a textarea with its hint, and a Send button; Ctrl/Cmd+Enter sends too.
 */
export function RequestComposer(props: RequestComposerProps) {
  const { draft, canSend, focusRequest = 0, onFocused } = props;
  const headingId = useId();
  const fieldId = useId();
  const hintId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const field = fieldRef.current;
    if (focusRequest === 0 || !field) return;
    field.scrollIntoView({ block: 'center' });
    field.focus();
    onFocused?.();
  }, [focusRequest, onFocused]);

  function send(): void {
    if (!canSend) return;
    draft.setSending(true);
    props
      .send(draft.text.trim())
      .then(() => {
        draft.setText('');
        showToast('info', props.sentMessage);
      })
      .catch((error: unknown) => showToast('error', props.describeError(error)))
      .finally(() => draft.setSending(false));
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (isCtrlEnter(event)) {
      event.preventDefault();
      send();
    }
  }

  return (
    <section className="task-card follow-up-composer" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={fieldId}>
            {props.label}
          </label>
          <textarea
            ref={fieldRef}
            id={fieldId}
            rows={4}
            value={draft.text}
            maxLength={props.maxLength}
            placeholder={props.placeholder}
            aria-describedby={hintId}
            onChange={(e) => draft.setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={hintId} className="field-hint">
            {props.hint}
          </p>
        </div>
        <div className="panel-actions">
          <button type="submit" className="button button-primary" disabled={!canSend}>
            {draft.sending ? props.sendingLabel : props.submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
