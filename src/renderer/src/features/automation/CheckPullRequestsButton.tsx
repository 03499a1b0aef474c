import { useState } from 'react';
import type { AutomationEvent } from '@shared/contract';
import { explainError } from '@renderer/components/error-advice';
import { plural } from '@renderer/lib/format';
import { runAutomation } from '@renderer/stores/automation-log';
import { showToast } from '@renderer/stores/ui';
import { OUTCOME_LABELS } from './outcome-labels';

/** What a check decided, in a sentence for the line beside the button. */
export function checkResult(events: readonly AutomationEvent[], oneTask: boolean): string {
  if (events.length === 0) {
    return oneTask ? 'No open pull request to check.' : 'No open task has a pull request to check.';
  }
  if (events.length === 1) return `Checked: ${OUTCOME_LABELS[events[0]!.outcome].label}.`;
  return `Checked ${plural(events.length, 'pull request')}.`;
}

/**
 * Asks the automation to look at the pull requests now (of one task when given); its decisions
 * show in the log at once, a failure as a toast.
 */
export function CheckPullRequestsButton({
  taskId,
  label,
  disabledReason = '',
}: {
  taskId?: string;
  label: string;
  /** Why it cannot check now ('' when it can). */
  disabledReason?: string;
}) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState('');

  function check(): void {
    setPending(true);
    setResult('');
    runAutomation(taskId)
      .then((events) => setResult(checkResult(events, taskId !== undefined)))
      .catch((error: unknown) =>
        showToast(
          'error',
          `Could not check ${taskId ? 'the pull request' : 'the pull requests'}: ${explainError(error)}`,
        ),
      )
      .finally(() => setPending(false));
  }

  return (
    <span className="check-pull-requests">
      <span className="muted" role="status">
        {result}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={check}
        disabled={pending || disabledReason !== ''}
        title={disabledReason || undefined}
      >
        {pending ? 'Checking…' : label}
      </button>
    </span>
  );
}
