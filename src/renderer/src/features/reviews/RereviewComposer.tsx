import type { Dispatch, Review } from '@shared/contract';
import { explainError } from '@renderer/components/error-advice';
import { RequestComposer, useRequestDraft } from '@renderer/components/RequestComposer';
import { activeRun } from '@renderer/features/task/task-runs';
import { rerunReview } from '@renderer/stores/run-actions';

export const REREVIEW_REQUEST_MAX = 20_000;

/**
 * Queues another run of the review at the pull request's current head, with an optional request
 * (what to look at this time). Ctrl/Cmd+Enter sends. One run at a time: held while one is active.
 */
export function RereviewComposer({ review, runs }: { review: Review; runs: readonly Dispatch[] }) {
  const draft = useRequestDraft();
  const busy = activeRun(runs) !== undefined;
  const canSend = !busy && !draft.sending && draft.text.length <= REREVIEW_REQUEST_MAX;

  return (
    <RequestComposer
      draft={draft}
      heading="Review again"
      label="Re-review request"
      placeholder="Optional: what to look at this time, e.g. “check the fix for the race”."
      maxLength={REREVIEW_REQUEST_MAX}
      hint={
        busy ? (
          'A review run is in progress: wait for it to finish or cancel it.'
        ) : (
          <>
            Reviews the pull request’s current head; the agent sees its previous review. <kbd>Ctrl</kbd>+
            <kbd>Enter</kbd> sends.
          </>
        )
      }
      canSend={canSend}
      submitLabel="Re-review"
      sendingLabel="Queuing…"
      send={(text) => rerunReview(review.id, text)}
      sentMessage="Re-review queued."
      describeError={explainError}
    />
  );
}
