import type { Dispatch } from '@shared/contract';
import { formatCost, formatTokens } from '@renderer/features/run/run-usage';

/** A run's cost in the runs table; tokens when its agent reports no cost (Codex). */
export function RunCost({ run }: { run: Pick<Dispatch, 'usage'> }) {
  const usage = run.usage;
  if (!usage) return <span className="muted">—</span>;
  const tokens = `${usage.inputTokens.toLocaleString()} tokens in, ${usage.outputTokens.toLocaleString()} out`;
  if (usage.costUsd !== null) return <span title={tokens}>{formatCost(usage.costUsd)}</span>;
  return (
    <span className="muted" title={`${tokens}; this agent reports no cost`}>
      {formatTokens(usage.inputTokens + usage.outputTokens)} tok
    </span>
  );
}
