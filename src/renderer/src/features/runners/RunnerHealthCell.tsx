import { useState } from 'react';
import type { Runner, RunnerHealth } from '@shared/contract';
import { errorMessage } from '@renderer/lib/errors';
import { formatTime } from '@renderer/lib/format';
import { reconnectRunner, useRunnerHealth } from '@renderer/stores/runner-health';
import { showToast } from '@renderer/stores/ui';

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

/** The runner's last known connection health (a badge, the error while failing) and Reconnect. */
export function RunnerHealthCell({ runner }: { runner: Runner }) {
  const health = useRunnerHealth(runner.id);
  const state = health?.state ?? 'unknown';
  return (
    <td className="runner-health" data-state={state}>
      <span className={BADGE_CLASS[state]} title={health?.at ? `As of ${formatTime(health.at)}` : undefined}>
        {LABELS[state]}
      </span>
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
