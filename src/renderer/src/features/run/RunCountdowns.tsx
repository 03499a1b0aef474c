import type { Dispatch } from '@shared/contract';
import { useNow } from '@renderer/components/use-now';
import { formatElapsed, runCountdowns } from '@renderer/stores/run-time';

/** Items of a run's facts `<dl>`: when a running run will be stopped, counting down. */
export function RunCountdowns({ run }: { run: Dispatch }) {
  const now = useNow(run.status === 'running');
  return (
    <>
      {runCountdowns(run, now).map((countdown) => (
        <div key={countdown.kind} data-countdown={countdown.kind}>
          <dt>{countdown.label}</dt>
          <dd className="elapsed">{countdown.ms > 0 ? formatElapsed(countdown.ms) : 'stopping now…'}</dd>
        </div>
      ))}
    </>
  );
}
