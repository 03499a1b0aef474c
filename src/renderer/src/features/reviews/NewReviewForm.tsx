import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { explainError } from '@renderer/components/error-advice';
import { RunnerAgentFields, useRunnerAgentChoice } from '@renderer/features/run/RunnerAgentFields';
import { isCtrlEnter, submitOnSelectEnter } from '@renderer/lib/form-keys';
import { hrefFor, hrefForReview, navigate, replaceRoute } from '@renderer/lib/route';
import { usePageKey } from '@renderer/lib/use-page-key';
import { reviewLabel } from '@renderer/stores/review-labels';
import { createReview, useReviewOfPullRequest } from '@renderer/stores/reviews';
import { useSortedRunners } from '@renderer/stores/runners';
import { useSettingsStore } from '@renderer/stores/settings';
import { showToast } from '@renderer/stores/ui';
import { checkPullRequestUrl, reviewCreateInput } from './review-form';

/**
 * Starts a review from a pasted pull request URL (checked as it is typed; Enter submits), on a
 * runner and with an agent that default to the default runner's, with optional extra
 * instructions. What the core refuses (a closed pull request, no GitHub user) is shown under it.
 * `focusUrl`: the tray asked for this form; its URL field takes the focus.
 */
export function NewReviewForm({ focusUrl }: { focusUrl: boolean }) {
  const headingId = useId();
  const urlId = useId();
  const urlHintId = useId();
  const extraId = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const runners = useSortedRunners();
  const mainUser = useSettingsStore((s) => s.settings?.githubMainUser ?? null);
  const [url, setUrl] = useState('');
  const choice = useRunnerAgentChoice(runners);
  const [extra, setExtra] = useState('');
  const [failure, setFailure] = useState('');
  const [pending, setPending] = useState(false);

  const check = checkPullRequestUrl(url);
  // A pull request has one review; asking again happens on its page.
  const existing = useReviewOfPullRequest(check.pullRequest?.url ?? null);
  const { runner, agent } = choice;
  const canSubmit =
    check.pullRequest !== null && (existing !== undefined || runner !== undefined) && !pending;

  const focusUrlField = useCallback(() => urlRef.current?.focus(), []);
  usePageKey('/', focusUrlField);
  useEffect(() => {
    if (!focusUrl) return;
    focusUrlField();
    // The request is served: the address goes back to the page's own, so asking again works.
    replaceRoute(hrefFor('reviews'));
  }, [focusUrl, focusUrlField]);

  function submit(event?: FormEvent<HTMLFormElement>): void {
    event?.preventDefault();
    const { pullRequest } = check;
    if (pullRequest && existing) {
      navigate(hrefForReview(existing.id));
      return;
    }
    if (!pullRequest || !runner || pending) {
      if (!pullRequest) focusUrlField();
      return;
    }
    setPending(true);
    setFailure('');
    createReview(reviewCreateInput({ pullRequest, runnerId: runner.id, agent, extraInstructions: extra }))
      .then((review) => {
        setUrl('');
        setExtra('');
        showToast('info', `Review of ${reviewLabel(review)} queued on ${runner.name}.`);
        navigate(hrefForReview(review.id));
      })
      .catch((error: unknown) => {
        setFailure(explainError(error));
        urlRef.current?.focus();
      })
      .finally(() => setPending(false));
  }

  function onExtraKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (isCtrlEnter(event)) {
      event.preventDefault();
      submit();
    }
  }

  const invalid = check.problem !== '';
  return (
    <section className="task-card new-review" aria-labelledby={headingId}>
      <h2 id={headingId}>Review a pull request</h2>
      <form className="new-review-form" onSubmit={submit} onKeyDown={submitOnSelectEnter}>
        <div className="new-review-row">
          <div className={`field new-review-url${invalid ? ' field-invalid' : ''}`}>
            <label className="field-label" htmlFor={urlId}>
              Pull request URL
            </label>
            <input
              ref={urlRef}
              id={urlId}
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://github.com/owner/repo/pull/123"
              value={url}
              aria-invalid={invalid}
              aria-describedby={urlHintId}
              onChange={(e) => {
                setUrl(e.target.value);
                setFailure('');
              }}
            />
            <p id={urlHintId} className={invalid ? 'field-error' : 'field-hint'}>
              {invalid ? (
                check.problem
              ) : existing ? (
                <>
                  <span className="mono">{reviewLabel(existing)}</span> already has a review. <kbd>Enter</kbd>{' '}
                  opens it, to review it again from there.
                </>
              ) : check.pullRequest ? (
                <>
                  Reviews{' '}
                  <span className="mono">
                    {reviewLabel({
                      repository: `${check.pullRequest.owner}/${check.pullRequest.name}`,
                      pullRequestNumber: check.pullRequest.number,
                    })}
                  </span>{' '}
                  at its current head. <kbd>Enter</kbd> starts it.
                </>
              ) : (
                <>
                  Paste the address of a GitHub pull request. <kbd>/</kbd> comes back here.
                </>
              )}
            </p>
          </div>
          <RunnerAgentFields runners={runners} choice={choice} />
          <div className="new-review-submit">
            <button type="submit" className="button button-primary" disabled={!canSubmit}>
              {pending ? 'Reading the pull request…' : existing ? 'Open its review' : 'Start review'}
            </button>
          </div>
        </div>
        <details className="new-review-extra">
          <summary>Extra instructions{extra.trim() ? ' (set)' : ''}</summary>
          <div className="field">
            <label className="field-label" htmlFor={extraId}>
              Extra instructions for this review
            </label>
            <textarea
              id={extraId}
              rows={3}
              value={extra}
              maxLength={20_000}
              placeholder="Anything to look at in particular; added to the review prompt from Settings."
              onChange={(e) => setExtra(e.target.value)}
              onKeyDown={onExtraKeyDown}
            />
            <p className="field-hint">
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> starts the review.
            </p>
          </div>
        </details>
        {runners.length === 0 ? (
          <p className="muted">
            No runner is set up yet. <a href={hrefFor('runners')}>Add one on the Runners page</a>: the agent
            reviews on one of your machines.
          </p>
        ) : null}
        {mainUser === '' ? (
          <p className="muted new-review-hint">
            Set your GitHub user in <a href={hrefFor('settings')}>Settings</a> first: each review mentions you
            on its first line.
          </p>
        ) : null}
        {failure ? (
          <div className="notice notice-danger notice-inline new-review-error" role="alert">
            <span>
              <span className="strong">Could not start the review.</span> {failure}
            </span>
          </div>
        ) : null}
      </form>
    </section>
  );
}
