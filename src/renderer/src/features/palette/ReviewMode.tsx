import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { explainError } from '@renderer/components/error-advice';
import { checkPullRequestUrl, reviewCreateInput } from '@renderer/features/reviews/review-form';
import { AGENT_LABELS } from '@renderer/features/runners/runner-form';
import { defaultRunnerId } from '@renderer/features/task/task-runs';
import { hrefForReview, navigate } from '@renderer/lib/route';
import { reviewLabel } from '@renderer/stores/review-labels';
import { createReview, useReviewOfPullRequest } from '@renderer/stores/reviews';
import { useSortedRunners } from '@renderer/stores/runners';
import { showToast } from '@renderer/stores/ui';

/**
 * "Review a pull request" in the palette: paste its URL, Enter starts the review on the default
 * runner with its agent (or opens the review the pull request already has).
 */
export function ReviewMode({ onBack, onDone }: { onBack(): void; onDone(): void }) {
  const runners = useSortedRunners();
  const runner = runners.find((r) => r.id === defaultRunnerId(runners));
  const [url, setUrl] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const check = checkPullRequestUrl(url);
  const existing = useReviewOfPullRequest(check.pullRequest?.url ?? null);

  useLayoutEffect(() => input.current?.focus(), []);

  function start(): void {
    const { pullRequest } = check;
    if (!pullRequest || pending) return;
    if (existing) {
      navigate(hrefForReview(existing.id));
      onDone();
      return;
    }
    if (!runner) return;
    setPending(true);
    setFailure('');
    createReview(
      reviewCreateInput({
        pullRequest,
        runnerId: runner.id,
        agent: runner.defaultAgent,
        extraInstructions: '',
      }),
    )
      .then((review) => {
        showToast('info', `Review of ${reviewLabel(review)} queued on ${runner.name}.`);
        navigate(hrefForReview(review.id));
        onDone();
      })
      .catch((error: unknown) => {
        setFailure(explainError(error));
        setPending(false);
        input.current?.focus();
      });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      start();
    } else if (event.key === 'Backspace' && url === '') {
      event.preventDefault();
      onBack();
    }
  }

  let status: string;
  if (check.problem) status = check.problem;
  else if (!check.pullRequest)
    status = 'Paste a GitHub pull request URL, like https://github.com/owner/repo/pull/123.';
  else if (existing) status = `${reviewLabel(existing)} has a review already: Enter opens it.`;
  else if (!runner) status = 'No runner yet: add one on the Runners page first.';
  else status = `Enter reviews it on ${runner.name} with ${AGENT_LABELS[runner.defaultAgent]}.`;

  return (
    <>
      <div className="palette-field">
        <span className="palette-mode">Review a pull request</span>
        <input
          ref={input}
          className="palette-input"
          aria-label="Pull request URL"
          aria-describedby="palette-review-status"
          aria-invalid={check.problem !== ''}
          placeholder="https://github.com/owner/repo/pull/123"
          autoComplete="off"
          spellCheck={false}
          value={url}
          disabled={pending}
          onChange={(event) => {
            setUrl(event.target.value);
            setFailure('');
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id="palette-review-status" className="palette-hint" aria-live="polite">
        {status}
      </p>
      {failure ? (
        <p className="capture-preview-problem" role="alert">
          {failure}
        </p>
      ) : null}
    </>
  );
}
