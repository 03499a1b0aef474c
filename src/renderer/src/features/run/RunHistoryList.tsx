import { useId, type ComponentType, type ReactNode } from 'react';
import type { Dispatch, Runner } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { Markdown } from '@renderer/components/Markdown';
import { hrefForRun } from '@renderer/lib/route';
import { RunBadge } from './RunBadge';
import { runProgress } from './run-text';

/** What a run history gives the card of each run (`Card`, which renders a `RunHistoryCard`). */
export interface RunHistoryEntryProps {
  run: Dispatch;
  /** The runner's name, 'Removed runner' once it is gone, '—' without one. */
  runnerName: string;
  /** 1 for the oldest run. */
  number: number;
}

export interface RunHistoryProps {
  /** Newest first. */
  runs: readonly Dispatch[];
  runners: Readonly<Record<string, Runner>>;
}

/** The runs of a task or a review, newest first, each as a `Card` (a `RunHistoryCard` of its kind). */
export function RunHistoryList({
  label,
  runs,
  runners,
  Card,
}: RunHistoryProps & { label: string; Card: ComponentType<RunHistoryEntryProps> }) {
  return (
    <ol className="run-history" aria-label={label}>
      {runs.map((run, i) => (
        <Card
          key={run.id}
          run={run}
          number={runs.length - i}
          runnerName={run.runnerId ? (runners[run.runnerId]?.name ?? 'Removed runner') : '—'}
        />
      ))}
    </ol>
  );
}

export interface RunHistoryCardProps {
  run: Dispatch;
  /** The link to the run, e.g. "Run 3". */
  title: ReactNode;
  /** Badges after the status badge. */
  badges?: ReactNode;
  /** What follows the title: when, or at which commit. */
  meta: ReactNode;
  /** Buttons before "Watch live" / "Open run". */
  actions?: ReactNode;
  /** The facts, as items of the card's `<dl>`, after the phase of an active run. */
  facts: ReactNode;
  /** Blocks after the summary, before the error. */
  children?: ReactNode;
}

/**
 * One run in a run history: its status, a title and a button that open it in the live run view,
 * the request it answered, its facts, the agent's summary and the error it ended with.
 */
export function RunHistoryCard({ run, title, badges, meta, actions, facts, children }: RunHistoryCardProps) {
  const titleId = useId();
  const active = isActiveDispatch(run.status);
  return (
    <li className={`run-card run-card-${run.status}`} aria-labelledby={titleId}>
      <div className="run-card-head">
        <RunBadge run={run} />
        {badges}
        <a id={titleId} className="run-card-title" href={hrefForRun(run.id)}>
          {title}
        </a>
        {meta}
        <div className="spacer" />
        {actions}
        <a className="button button-small" href={hrefForRun(run.id)}>
          {active ? 'Watch live' : 'Open run'}
        </a>
      </div>
      {run.followUpRequest ? (
        <p className="run-card-follow-up">
          <span className="muted">Asked: </span>
          {run.followUpRequest}
        </p>
      ) : null}
      <dl className="run-card-facts">
        {active ? (
          <div>
            <dt>Phase</dt>
            <dd>{runProgress(run)}</dd>
          </div>
        ) : null}
        {facts}
      </dl>
      {run.summary ? <Markdown source={run.summary} headingOffset={3} className="run-card-summary" /> : null}
      {children}
      {run.errorText ? (
        <div className="run-card-block run-card-error">
          <span>Error</span>
          <pre>{run.errorText}</pre>
        </div>
      ) : null}
    </li>
  );
}
