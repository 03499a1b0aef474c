import { useId } from 'react';
import type { Dispatch } from '@shared/contract';
import { Markdown } from '@renderer/components/Markdown';
import { formatTime } from '@renderer/lib/format';

const OUTCOMES: Record<string, { title: string; tone: 'ok' | 'danger' | 'warn' | 'muted' }> = {
  succeeded: { title: 'The run succeeded', tone: 'ok' },
  failed: { title: 'The run failed', tone: 'danger' },
  blocked: { title: 'The agent is blocked', tone: 'warn' },
  canceled: { title: 'The run was canceled', tone: 'muted' },
};

/** A pull request link; it opens in the system browser. */
export function PullRequestAddress({ url }: { url: string }) {
  return (
    <a className="pr-link" href={url} target="_blank" rel="noreferrer">
      {url.replace(/^https?:\/\/(www\.)?github\.com\//, '')}
    </a>
  );
}

/** How a finished run ended: outcome, summary, pull request, notes or error. */
export function RunResult({ run }: { run: Dispatch }) {
  const headingId = useId();
  const outcome = run.released
    ? { title: 'Released: waiting for the runner', tone: 'warn' as const }
    : (OUTCOMES[run.status] ?? { title: run.status, tone: 'muted' as const });
  return (
    <section className={`run-result run-result-${outcome.tone}`} aria-labelledby={headingId}>
      <div className="run-result-head">
        <h2 id={headingId}>{outcome.title}</h2>
        {run.finishedAt ? <span className="muted">Finished {formatTime(run.finishedAt)}</span> : null}
      </div>
      {run.released ? (
        <p className="run-released">
          Sortie could not reach this run’s runner, so it set the run aside as blocked instead of waiting. The
          agent may still be working there: Sortie keeps checking, and records the real outcome when the
          runner answers again.
        </p>
      ) : null}
      {run.summary ? (
        <Markdown source={run.summary} headingOffset={2} className="run-result-summary" />
      ) : null}
      {run.pullRequestUrl ? (
        <p className="run-result-pr">
          <span className="muted">Pull request</span> <PullRequestAddress url={run.pullRequestUrl} />
        </p>
      ) : null}
      {run.notes ? (
        <div className="run-result-block">
          <h3>Notes</h3>
          <Markdown source={run.notes} headingOffset={3} />
        </div>
      ) : null}
      {run.errorText ? (
        <div className="run-result-block">
          <h3>Error</h3>
          <pre className="run-error-text">{run.errorText}</pre>
        </div>
      ) : null}
    </section>
  );
}
