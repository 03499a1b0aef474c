import { useEffect, useId, useRef } from 'react';
import { Dialog } from '@renderer/components/Dialog';
import { PullRequestWithStatus } from '@renderer/features/pull-requests/TaskPullRequests';

export interface PullRequestChoiceDialogProps {
  taskTitle: string;
  /** The task's open pull request. */
  url: string;
  /** Goes on with a follow-up on its branch (the follow-up composer, focused). */
  onContinue(): void;
  /** Queues a run as Run does, which opens another pull request. */
  onStartNew(): void;
  onClose(): void;
}

/**
 * Run on a task whose pull request is open: continue that pull request with a follow-up, or start
 * a new one. Continuing has the focus; Tab reaches the other choice and Cancel, Esc backs out.
 */
export function PullRequestChoiceDialog(props: PullRequestChoiceDialogProps) {
  const { taskTitle, url, onContinue, onStartNew, onClose } = props;
  const continueRef = useRef<HTMLButtonElement>(null);
  const continueHint = useId();
  const newHint = useId();
  // After the dialog opened (showModal focuses its first control): continuing is the usual choice.
  useEffect(() => continueRef.current?.focus(), []);

  function choose(action: () => void): void {
    onClose();
    action();
  }

  return (
    <Dialog title="This task has an open pull request" onClose={onClose}>
      <p className="confirm-message">
        “{taskTitle}” has a pull request open:{' '}
        <PullRequestWithStatus url={url} context={taskTitle} variant="full" />
      </p>
      <ul className="pr-choices">
        <li>
          <button
            ref={continueRef}
            type="button"
            className="button button-primary"
            aria-describedby={continueHint}
            onClick={() => choose(onContinue)}
          >
            Continue the pull request (follow-up)
          </button>
          <p id={continueHint} className="field-hint">
            Ask for what is missing; the agent goes on on the same branch and pull request.
          </p>
        </li>
        <li>
          <button
            type="button"
            className="button"
            aria-describedby={newHint}
            onClick={() => choose(onStartNew)}
          >
            Start a new pull request
          </button>
          <p id={newHint} className="field-hint">
            Run the task again from the base branch; the run opens another pull request.
          </p>
        </li>
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
