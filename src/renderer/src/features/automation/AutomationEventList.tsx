import { memo } from 'react';
import type { AutomationEvent } from '@shared/contract';
import { PullRequestLink } from '@renderer/components/PullRequestLink';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { formatTime } from '@renderer/lib/format';
import { hrefForRun, hrefForTask } from '@renderer/lib/route';
import { useRun } from '@renderer/stores/dispatches';
import { useTask } from '@renderer/stores/tasks';
import { OUTCOME_LABELS } from './outcome-labels';

export interface AutomationEventListProps {
  /** Newest first. */
  events: readonly AutomationEvent[];
  label: string;
  /** Name each decision's task and pull request (the log of every task). */
  showTask?: boolean;
}

/** The automation's decisions, newest first: what it decided, why, when, and the run it queued. */
export function AutomationEventList({ events, label, showTask = false }: AutomationEventListProps) {
  return (
    <ol className="automation-log" aria-label={label}>
      {events.map((event) => (
        <AutomationEventItem key={event.id} event={event} showTask={showTask} />
      ))}
    </ol>
  );
}

const AutomationEventItem = memo(function AutomationEventItem({
  event,
  showTask,
}: {
  event: AutomationEvent;
  showTask: boolean;
}) {
  const outcome = OUTCOME_LABELS[event.outcome];
  return (
    <li className="automation-event" data-outcome={event.outcome}>
      <div className="automation-event-head">
        <span className={`badge outcome-badge tone-${outcome.tone}`} title={event.outcome}>
          {outcome.label}
        </span>
        {showTask ? <TaskOfEvent event={event} /> : null}
        <span className="spacer" />
        {event.dispatchId ? <FollowUpRunLink dispatchId={event.dispatchId} /> : null}
        <time className="muted nowrap" dateTime={event.at}>
          {formatTime(event.at)}
        </time>
      </div>
      <p className="automation-event-detail">{event.detail}</p>
    </li>
  );
});

function TaskOfEvent({ event }: { event: AutomationEvent }) {
  const task = useTask(event.taskId);
  const title = task?.title ?? 'Deleted task';
  return (
    <>
      {task ? (
        <a className="automation-event-task" href={hrefForTask(task.id)}>
          {task.title}
        </a>
      ) : (
        <span className="muted">{title}</span>
      )}
      <PullRequestLink url={event.pullRequestUrl} context={title} />
    </>
  );
}

/** The follow-up a decision queued, with its status once the runs store holds it. */
function FollowUpRunLink({ dispatchId }: { dispatchId: string }) {
  const run = useRun(dispatchId);
  return (
    <span className="automation-event-run">
      {run ? <RunBadge run={run} /> : null}
      <a href={hrefForRun(dispatchId)}>Open the follow-up run</a>
    </span>
  );
}
