import type { Dispatch } from '@shared/contract';
import { statusOf, type StatusesByUrl } from '@renderer/stores/pull-request-status';
import { isFinishedPullRequest, pullRequestUrlsOf } from '@renderer/stores/task-pull-requests';
import { followUpBase } from './task-runs';

/**
 * The pull request a new run of the task would leave behind, to offer continuing it instead: the
 * latest one, open as last read or not read yet, when a follow-up can continue it (a finished run
 * with a branch and worktree). null: there is nothing to continue, so Run just runs.
 */
export function pullRequestToContinue(runs: readonly Dispatch[], statuses: StatusesByUrl): string | null {
  if (!followUpBase(runs)) return null;
  const latest = pullRequestUrlsOf(runs)[0];
  if (latest === undefined || isFinishedPullRequest(statusOf(statuses, latest))) return null;
  return latest;
}
