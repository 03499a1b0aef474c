import type { PullRequestStatus } from '@shared/contract';
import { formatTime } from '@renderer/lib/format';
import { usePullRequestStatus } from '@renderer/stores/pull-request-status';
import {
  CHECKS_LABELS,
  PULL_REQUEST_STATE_LABELS,
  PULL_REQUEST_STATE_TONES,
  REVIEW_LABELS,
  checksDescription,
  compactStatusBadge,
  pullRequestStatusText,
} from './pull-request-labels';

export interface PullRequestStatusMarksProps {
  status: PullRequestStatus;
  /**
   * 'compact' on cards and rows: one badge (the review decision of an open pull request, else
   * its state) and the checks as a mark. 'full' where there is room: state, checks and review
   * decision in words.
   */
  variant: 'compact' | 'full';
}

/**
 * A pull request's state, checks and review decision as the automation last read them. The
 * failing checks are named in the checks' tooltip; screen readers hear it all in one sentence.
 */
export function PullRequestStatusMarks({ status, variant }: PullRequestStatusMarksProps) {
  const full = variant === 'full';
  const state = full
    ? { text: PULL_REQUEST_STATE_LABELS[status.state], tone: PULL_REQUEST_STATE_TONES[status.state] }
    : compactStatusBadge(status);
  const checks = status.checks === 'none' ? null : CHECKS_LABELS[status.checks];
  const review = full && status.reviewDecision !== 'none' ? REVIEW_LABELS[status.reviewDecision] : null;
  const text = pullRequestStatusText(status);
  return (
    <span
      className={`pr-status pr-status-${variant}`}
      title={`${text} (read ${formatTime(status.readAt)})`}
      data-pr-state={status.state}
      data-checks={status.checks}
      data-review={status.reviewDecision}
    >
      <span className={`badge pr-state tone-${state.tone}`} aria-hidden="true">
        {state.text}
      </span>
      {checks ? (
        <span
          className={`pr-checks tone-${checks.tone}`}
          title={checksDescription(status)}
          aria-hidden="true"
        >
          {full ? `${checks.mark} ${checks.text}` : checks.mark}
        </span>
      ) : null}
      {review ? (
        <span className={`badge pr-review tone-${review.tone}`} aria-hidden="true">
          {review.text}
        </span>
      ) : null}
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

/** The status of the task pull request at `url` once the automation read it; nothing before. */
export function PullRequestStatusOf({ url, variant }: { url: string; variant: 'compact' | 'full' }) {
  const status = usePullRequestStatus(url);
  return status ? <PullRequestStatusMarks status={status} variant={variant} /> : null;
}
