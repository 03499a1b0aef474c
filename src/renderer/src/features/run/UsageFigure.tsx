import type { RunUsage } from '@shared/contract';
import { formatCost, formatTokens, type UsageTotal } from './run-usage';
import './run-output.css';

function exact(usage: RunUsage | UsageTotal): string {
  return [
    `${usage.inputTokens.toLocaleString()} input tokens (${usage.cachedInputTokens.toLocaleString()} from the cache)`,
    `${usage.outputTokens.toLocaleString()} output tokens`,
    usage.costUsd === null ? 'no cost reported' : `cost $${usage.costUsd.toFixed(4)}`,
  ].join(', ');
}

/**
 * A run's (or several runs') usage as a small figure: the cost when the agent reported one,
 * then tokens in and out. Codex reports no cost: only its tokens are shown, no price is guessed.
 */
export function UsageFigure({ usage }: { usage: RunUsage | UsageTotal }) {
  const turns = 'turns' in usage ? usage.turns : null;
  const unpriced = 'runsWithoutCost' in usage ? usage.runsWithoutCost : 0;
  return (
    <span className="usage-figure" title={exact(usage)} data-usage>
      {usage.costUsd === null ? null : <span className="usage-cost">{formatCost(usage.costUsd)}</span>}
      <span className="usage-tokens">
        <span>{formatTokens(usage.inputTokens)} in</span>
        {usage.cachedInputTokens > 0 ? (
          <span className="muted"> ({formatTokens(usage.cachedInputTokens)} cached)</span>
        ) : null}
        <span> · {formatTokens(usage.outputTokens)} out</span>
        {turns === null ? null : (
          <span className="muted"> · {turns === 1 ? '1 turn' : `${turns} turns`}</span>
        )}
      </span>
      {unpriced > 0 && usage.costUsd !== null ? (
        <span className="muted usage-unpriced">
          {' '}
          + {unpriced === 1 ? '1 run' : `${unpriced} runs`} without a cost (Codex reports tokens only)
        </span>
      ) : null}
    </span>
  );
}
