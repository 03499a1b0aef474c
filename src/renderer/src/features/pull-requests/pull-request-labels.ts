import type { PullRequestStatus } from '@shared/contract';
import type { ChecksSummary, PullRequestState, ReviewDecision } from '@shared/domain/automation';

export const PULL_REQUEST_STATE_LABELS: Record<PullRequestState, string> = {
  open: 'Open',
  draft: 'Draft',
  merged: 'Merged',
  closed: 'Closed',
};

export type Tone = 'ok' | 'danger' | 'warn' | 'accent' | 'muted';

/** Checks as a mark (on cards and rows) and in words; 'none' shows nothing. */
export const CHECKS_LABELS: Record<
  Exclude<ChecksSummary, 'none'>,
  { mark: string; text: string; tone: Tone }
> = {
  passing: { mark: '✓', text: 'Checks pass', tone: 'ok' },
  failing: { mark: '✗', text: 'Checks fail', tone: 'danger' },
  pending: { mark: '…', text: 'Checks pending', tone: 'warn' },
};

/** The review decision in words, and its badge's colour; 'none' shows nothing. */
export const REVIEW_LABELS: Record<Exclude<ReviewDecision, 'none'>, { text: string; tone: Tone }> = {
  approved: { text: 'Approved', tone: 'ok' },
  'changes-requested': { text: 'Changes requested', tone: 'danger' },
  'review-required': { text: 'Review required', tone: 'muted' },
};

export const PULL_REQUEST_STATE_TONES: Record<PullRequestState, Tone> = {
  open: 'ok',
  draft: 'muted',
  merged: 'accent',
  closed: 'danger',
};

/**
 * State and review decision in one short badge, where there is room for little (cards, rows): an
 * open pull request goes by its review decision (reviews matter only while it is open), any other
 * by its state.
 */
export function compactStatusBadge(status: Pick<PullRequestStatus, 'state' | 'reviewDecision'>): {
  text: string;
  tone: Tone;
} {
  if (status.state === 'open') {
    switch (status.reviewDecision) {
      case 'approved':
        return { text: 'Approved', tone: 'ok' };
      case 'changes-requested':
        return { text: 'Changes', tone: 'danger' };
      case 'review-required':
        return { text: 'Needs review', tone: 'warn' };
      case 'none':
        break;
    }
  }
  return { text: PULL_REQUEST_STATE_LABELS[status.state], tone: PULL_REQUEST_STATE_TONES[status.state] };
}

/** The checks in a sentence, with the failing ones named: what their mark's tooltip says. */
export function checksDescription(status: Pick<PullRequestStatus, 'checks' | 'failingChecks'>): string {
  if (status.checks === 'none') return 'No checks';
  const text = CHECKS_LABELS[status.checks].text;
  if (status.checks !== 'failing' || status.failingChecks.length === 0) return text;
  return `${text}: ${status.failingChecks.join(', ')}`;
}

/** The whole status in one line, e.g. "Open, checks fail: lint, changes requested". */
export function pullRequestStatusText(status: PullRequestStatus): string {
  const parts = [PULL_REQUEST_STATE_LABELS[status.state]];
  if (status.checks !== 'none') parts.push(checksDescription(status).toLowerCase());
  if (status.reviewDecision !== 'none') parts.push(REVIEW_LABELS[status.reviewDecision].text.toLowerCase());
  return parts.join(', ');
}
