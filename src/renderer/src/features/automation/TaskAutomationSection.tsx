import { useId, useMemo } from 'react';
import type { Dispatch, Task } from '@shared/contract';
import { PullRequestStatusOf } from '@renderer/features/pull-requests/PullRequestStatusMarks';
import { PullRequestAddress } from '@renderer/features/run/RunResult';
import { formatTime } from '@renderer/lib/format';
import { hrefFor } from '@renderer/lib/route';
import { useSortedProjects } from '@renderer/stores/projects';
import { usePullRequestStatus } from '@renderer/stores/pull-request-status';
import { useSettingsStore } from '@renderer/stores/settings';
import { pullRequestUrlsOf } from '@renderer/stores/task-pull-requests';
import { AutomationEventList } from './AutomationEventList';
import { automationSchedule } from './automation-schedule';
import { CheckPullRequestsButton } from './CheckPullRequestsButton';
import { useAutomationLog } from './use-automation-log';

/**
 * The task page's "Pull request automation": the task's latest pull request as last read, what
 * the automation decided about it, and a button to look at it now. Shown once a run opened a
 * pull request or a decision was made.
 */
export function TaskAutomationSection({ task, runs }: { task: Task; runs: readonly Dispatch[] }) {
  const headingId = useId();
  const latest = useMemo(() => pullRequestUrlsOf(runs)[0], [runs]);
  const status = usePullRequestStatus(latest);
  const { events, loading, error } = useAutomationLog(task.id);
  const settings = useSettingsStore((s) => s.settings);
  const projects = useSortedProjects();
  if (!latest && events.length === 0) return null;

  const schedule = automationSchedule(settings, projects);
  return (
    <section className="task-section task-automation" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Pull request automation</h2>
        <div className="spacer" />
        <CheckPullRequestsButton
          taskId={task.id}
          label="Check the pull request now"
          disabledReason={task.status === 'closed' ? 'Reopen the task to check its pull request.' : ''}
        />
      </div>
      {latest ? (
        <p className="automation-pr">
          <PullRequestAddress url={latest} /> <PullRequestStatusOf url={latest} variant="full" />
          <span className="muted">{status ? ` Read ${formatTime(status.readAt)}.` : ' Not read yet.'}</span>
        </p>
      ) : null}
      {events.length > 0 ? (
        <AutomationEventList events={events} label="Automation decisions" />
      ) : error ? (
        <p className="muted">Could not read the decisions: {error}</p>
      ) : loading ? (
        <p className="muted loading">Loading the decisions…</p>
      ) : (
        <p className="muted">
          No decisions yet. {schedule} <a href={hrefFor('settings')}>Settings</a>
        </p>
      )}
    </section>
  );
}
