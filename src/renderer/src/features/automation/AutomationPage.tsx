import { useMemo } from 'react';
import { EmptyState } from '@renderer/components/EmptyState';
import { PageHeader } from '@renderer/components/PageHeader';
import { RunsTabs } from '@renderer/features/runs/RunsTabs';
import { useClosedTaskTitles } from '@renderer/features/runs/use-closed-task-titles';
import { hrefFor } from '@renderer/lib/route';
import { useSortedProjects } from '@renderer/stores/projects';
import { useSettingsStore } from '@renderer/stores/settings';
import { useTasksStore } from '@renderer/stores/tasks';
import { AutomationEventList } from './AutomationEventList';
import { automationSchedule } from './automation-schedule';
import { CheckPullRequestsButton } from './CheckPullRequestsButton';
import { useAutomationLog } from './use-automation-log';

/** The latest decisions of the automation about every task's pull request (a tab of Runs). */
export function AutomationPage() {
  const { events, loading, error } = useAutomationLog();
  const tasks = useTasksStore((c) => c.byId);
  const removed = useTasksStore((c) => c.removed);
  const settings = useSettingsStore((s) => s.settings);
  const projects = useSortedProjects();
  const missingTitles = useMemo(
    () => events.some((event) => !(event.taskId in tasks) && !removed.has(event.taskId)),
    [events, tasks, removed],
  );
  useClosedTaskTitles(missingTitles);

  return (
    <div className="page automation-page">
      <PageHeader
        title="Pull request automation"
        actions={<CheckPullRequestsButton label="Check all pull requests now" />}
      />
      <RunsTabs current="automation" />
      <p className="muted automation-intro">
        {automationSchedule(settings, projects)} Reviewer feedback and failing checks become follow-ups on the
        same branch; each decision is listed here. <a href={hrefFor('settings')}>Settings</a>
      </p>
      {error ? (
        <div className="notice notice-danger notice-inline" role="alert">
          <span>
            <span className="strong">Could not read the decisions.</span> {error}
          </span>
        </div>
      ) : null}
      {events.length > 0 ? (
        <AutomationEventList events={events} label="Automation decisions" showTask />
      ) : loading ? (
        <p className="muted loading">Loading the decisions…</p>
      ) : error ? null : (
        <EmptyState title="No decisions yet">
          Once a run opened a pull request, Sortie looks at it for reviewer feedback and failing checks and
          says here what it did.
        </EmptyState>
      )}
    </div>
  );
}
