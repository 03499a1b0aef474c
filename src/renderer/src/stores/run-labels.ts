import type { Dispatch } from '@shared/contract';
import { LAUNCH_PHASE_LABELS, type DispatchStatus } from '@shared/domain/dispatch';
import { formatTime } from '@renderer/lib/format';

export const RUN_STATUS_LABELS: Record<DispatchStatus, string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  blocked: 'Blocked',
  canceled: 'Canceled',
};

function isLaunchPhase(phase: string): phase is keyof typeof LAUNCH_PHASE_LABELS {
  return Object.hasOwn(LAUNCH_PHASE_LABELS, phase);
}

export function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim();
}

/** What an active run is doing, in words; '' once it has finished. */
export function phaseLabel(run: Dispatch): string {
  switch (run.status) {
    case 'queued':
      return 'Waiting for a free slot';
    case 'preparing':
      return isLaunchPhase(run.phase)
        ? LAUNCH_PHASE_LABELS[run.phase]
        : firstLine(run.summary) || 'Preparing';
    case 'running':
      return 'Agent working';
    default:
      return '';
  }
}

/** What the window says of a run whose runner cannot be reached (isReleasedRun). */
export function unreachableLine(run: Pick<Dispatch, 'finishedAt'>): string {
  const since = run.finishedAt ? ` since ${formatTime(run.finishedAt)}` : '';
  return `Runner unreachable${since}: the agent may still be working`;
}

/** The line that says how a finished run ended. */
export function outcomeLine(run: Dispatch): string {
  return firstLine(run.summary) || firstLine(run.errorText) || RUN_STATUS_LABELS[run.status];
}

/** "PR #12" for a GitHub pull request address, else "Pull request". */
export function pullRequestLabel(url: string): string {
  const match = /\/pull\/(\d+)(?:[/?#]|$)/.exec(url);
  return match ? `PR #${match[1]}` : 'Pull request';
}

/** Only web addresses become links; anything else stays text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
