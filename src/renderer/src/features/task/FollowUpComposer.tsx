import type { Dispatch, Task } from '@shared/contract';
import { RequestComposer, useRequestDraft } from '@renderer/components/RequestComposer';
import { errorMessage } from '@renderer/lib/errors';
import { clearFollowUpFocus, useFollowUpFocusRequest } from '@renderer/stores/follow-up-focus';
import { sendFollowUp } from '@renderer/stores/run-actions';
import { FOLLOW_UP_MAX, followUpBase, followUpState } from './task-runs';

/**
 * Asks the agent for more on the last finished run's branch (and pull request). Ctrl/Cmd+Enter
 * sends. Shown once a finished run exists; takes the focus when "Continue the pull request" asks.
 */
export function FollowUpComposer({ task, runs }: { task: Task; runs: readonly Dispatch[] }) {
  const draft = useRequestDraft();
  const state = followUpState({ task, runs, text: draft.text, sending: draft.sending });
  const base = followUpBase(runs);
  const focusRequest = useFollowUpFocusRequest(task.id);
  if (!state.visible || !base) return null;

  return (
    <RequestComposer
      draft={draft}
      heading="Follow up"
      label="Follow-up request"
      placeholder="What should the agent change or add?"
      maxLength={FOLLOW_UP_MAX}
      hint={
        state.blocked || (
          <>
            Continues on <code>{base.branch}</code>
            {base.pullRequestUrl ? ' and its pull request' : ''}. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends.
          </>
        )
      }
      canSend={state.canSend}
      submitLabel="Send follow-up"
      sendingLabel="Sending…"
      send={(text) => sendFollowUp(task.id, text)}
      sentMessage="Follow-up queued."
      describeError={errorMessage}
      focusRequest={focusRequest}
      onFocused={clearFollowUpFocus}
    />
  );
}
