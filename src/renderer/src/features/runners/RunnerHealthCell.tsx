import { useState } from 'react';
import type { Runner, RunnerHealth } from '@shared/contract';
import { errorMessage } from '@renderer/lib/errors';
import { formatTime } from '@renderer/lib/format';
import { reconnectRunner, useRunnerHealth } from '@renderer/stores/runner-health';
import { showLastTest, useLastTest, useRunnerTest } from '@renderer/stores/runner-tests';
import { showToast } from '@renderer/stores/ui';
import { SUMMARY_BADGE, summarizeResult } from './runner-test';

const LABELS: Record<RunnerHealth['state'], string> = {
  ok: 'Connected',
  failing: 'Failing',
  unknown: 'Not used yet',
};

const BADGE_CLASS: Record<RunnerHealth['state'], string> = {
  ok: 'badge status-succeeded',
  failing: 'badge status-failed',
  unknown: 'badge',
};

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** "3:30 PM" for today, "Dec 3, 3:30 PM" for another day: short enough for a table cell. */
function shortWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString() ? timeOfDay.format(date) : dayAndTime.format(date);
}

/**
 * The outcome of the runner's latest test and when it ran (kept by the core, so it survives
 * reloads and restarts), with a way to open its checks.
 */
function LastTest({ runner }: { runner: Runner }) {
  const result = useLastTest(runner.id);
  const open = useRunnerTest(runner.id) !== undefined;
  if (!result) {
    return (
      <div className="runner-last-test muted runner-detail" data-tone="none">
        Not tested yet
      </div>
    );
  }
  const summary = summarizeResult(result);
  return (
    <div className="runner-last-test runner-detail" data-tone={summary.tone}>
      <span className={SUMMARY_BADGE[summary.tone]}>{summary.text}</span>{' '}
      <span className="muted">
        tested{' '}
        <time dateTime={result.testedAt} title={formatTime(result.testedAt)}>
          {shortWhen(result.testedAt)}
        </time>
      </span>
      {open ? null : (
        <>
          {' '}
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={`Show the checks of ${runner.name}`}
            onClick={() => showLastTest(runner.id)}
          >
            Checks
          </button>
        </>
      )}
    </div>
  );
}

/**
 * The runner's health: its last known connection (a badge, the error while failing, Reconnect)
 * and its latest test with the time it ran.
 */
export function RunnerHealthCell({ runner }: { runner: Runner }) {
  const health = useRunnerHealth(runner.id);
  const state = health?.state ?? 'unknown';
  return (
    <td className="runner-health" data-state={state}>
      <span className={BADGE_CLASS[state]} title={health?.at ? `As of ${formatTime(health.at)}` : undefined}>
        {LABELS[state]}
      </span>
      <LastTest runner={runner} />
      {state === 'failing' && health?.message ? (
        <div className="muted runner-detail" role="status">
          {health.message}
        </div>
      ) : null}
      <div className="runner-detail">
        <ReconnectButton runner={runner} />
      </div>
    </td>
  );
}

/** Replaces the runner's connection and forgets its failures (the next use connects afresh). */
function ReconnectButton({ runner }: { runner: Runner }) {
  const [busy, setBusy] = useState(false);
  const reconnect = async () => {
    setBusy(true);
    try {
      await reconnectRunner(runner.id);
      showToast('info', `${runner.name} connects afresh on its next use.`);
    } catch (error) {
      showToast('error', `Could not reconnect ${runner.name}: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button button-small"
      aria-label={`Reconnect ${runner.name}`}
      disabled={busy}
      onClick={() => void reconnect()}
    >
      Reconnect
    </button>
  );
}
