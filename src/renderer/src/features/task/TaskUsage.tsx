import { useMemo } from 'react';
import type { Dispatch } from '@shared/contract';
import { UsageFigure } from '@renderer/features/run/UsageFigure';
import { totalUsage } from '@renderer/features/run/run-usage';

/** What all of a task's runs used together (first runs, follow-ups, every iteration). */
export function TaskUsage({ runs }: { runs: readonly Dispatch[] }) {
  const total = useMemo(() => totalUsage(runs), [runs]);
  if (total.runs === 0) return null;
  return (
    <span className="task-usage" aria-label="Usage of all runs">
      <span className="muted">In all: </span>
      <UsageFigure usage={total} />
    </span>
  );
}
