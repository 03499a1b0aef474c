import { memo } from 'react';
import { PullRequestLink } from '@renderer/components/PullRequestLink';
import { usePullRequestStatuses } from '@renderer/stores/pull-request-status';
import { shownPullRequests, useTaskPullRequestUrls } from '@renderer/stores/task-pull-requests';
import { PullRequestStatusOf } from './PullRequestStatusMarks';

/** A pull request link with its status, once the automation read it. */
export function PullRequestWithStatus({
  url,
  context,
  variant,
  short = false,
}: {
  url: string;
  /** What it belongs to, for screen readers ("PR #3 of …"). */
  context: string;
  variant: 'compact' | 'full';
  /** "#3" rather than "PR #3" (on cards). */
  short?: boolean;
}) {
  return (
    <span className="pr-with-status">
      <PullRequestLink url={url} context={context} short={short} />
      <PullRequestStatusOf url={url} variant={variant} />
    </span>
  );
}

/**
 * The pull requests of a task on its card: the latest one, and older ones not known to be
 * merged or closed (a run may have started a new pull request beside an open one).
 */
export const TaskPullRequests = memo(function TaskPullRequests({
  taskId,
  title,
}: {
  taskId: string;
  title: string;
}) {
  const urls = useTaskPullRequestUrls(taskId);
  const statuses = usePullRequestStatuses();
  const shown = shownPullRequests(urls, statuses);
  if (shown.length === 0) return null;
  return (
    <span className="card-prs">
      {shown.map((url) => (
        <PullRequestWithStatus key={url} url={url} context={title} variant="compact" short />
      ))}
    </span>
  );
});
