import type { Dispatch } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { formatElapsed, runClock } from '@renderer/stores/run-time';
import { useNow } from './use-now';

const TITLES = { waiting: 'Waiting for', working: 'Working for', took: 'Took' } as const;

/** How long a run has waited or worked (ticking), or how long it took. */
export function RunClock({ run, className }: { run: Dispatch; className?: string }) {
  const now = useNow(isActiveDispatch(run.status));
  const clock = runClock(run, now);
  const text = formatElapsed(clock.ms);
  return (
    <span className={`elapsed${className ? ` ${className}` : ''}`} title={`${TITLES[clock.kind]} ${text}`}>
      {text}
    </span>
  );
}
