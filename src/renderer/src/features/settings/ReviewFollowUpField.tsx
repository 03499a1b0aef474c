import { useId } from 'react';

export interface ReviewFollowUpFieldProps {
  enabled: boolean;
  /** As typed. */
  minutes: string;
  /** Settings' GitHub main user as typed ('' when none). */
  mainUser: string;
  error?: string | undefined;
  onEnabled(enabled: boolean): void;
  onMinutes(minutes: string): void;
}

/**
 * "Follow up reviewer feedback on open pull requests every N minutes", as one sentence: the
 * checkbox and the interval. The interval stays editable when the follow-up is off: projects that
 * follow up failing checks or close tasks on merge use it too.
 */
export function ReviewFollowUpField(props: ReviewFollowUpFieldProps) {
  const { enabled, minutes, mainUser, error } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = error ? `${errorId} ${hintId}` : hintId;
  const reviewer = mainUser ? `@${mainUser}` : 'the GitHub main user';
  return (
    <div className={`field field-sentence${error ? ' field-invalid' : ''}`}>
      <div className="field-sentence-line">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={enabled}
          onChange={(event) => props.onEnabled(event.target.checked)}
          aria-describedby={describedBy}
        />
        <label htmlFor={`${id}-enabled`}>Follow up reviewer feedback on open pull requests</label>
        <span aria-hidden="true">every</span>
        <input
          className="input-minutes"
          inputMode="numeric"
          value={minutes}
          onChange={(event) => props.onMinutes(event.target.value)}
          aria-label="Look at open pull requests every (minutes)"
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          autoComplete="off"
        />
        <span aria-hidden="true">minutes</span>
      </div>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="field-hint">
        When {reviewer} comments or requests changes on a task’s pull request after its latest run started,
        Sortie queues a follow-up with that feedback; without feedback it asks for a review, once per commit.
        Projects that follow up failing checks or close tasks on merge are looked at on the same interval.
      </p>
      {enabled && !mainUser ? (
        <p className="field-hint field-warning" role="note">
          Set the GitHub main user above: only that user’s reviews are followed up.
        </p>
      ) : null}
    </div>
  );
}
