import type { Dispatch, RunUsage } from '@shared/contract';

/** 812, 12.4k, 1.3M: token counts at a glance. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(count < 10_000_000 ? 1 : 0)}M`;
}

/** $0.42, $0.0061, $12.30; costs below a cent keep two significant digits. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}

/** Usage added up over several runs, with how many reported a cost (Codex reports none). */
export interface UsageTotal {
  /** Runs with usage. */
  runs: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** The sum of the costs that were reported; null when no run reported one. */
  costUsd: number | null;
  /** Runs with usage but no cost (their tokens are counted, their cost is unknown). */
  runsWithoutCost: number;
}

export function totalUsage(runs: readonly Pick<Dispatch, 'usage'>[]): UsageTotal {
  const total: UsageTotal = {
    runs: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    runsWithoutCost: 0,
  };
  for (const { usage } of runs) {
    if (!usage) continue;
    total.runs += 1;
    total.inputTokens += usage.inputTokens;
    total.cachedInputTokens += usage.cachedInputTokens;
    total.outputTokens += usage.outputTokens;
    if (usage.costUsd === null) total.runsWithoutCost += 1;
    else total.costUsd = (total.costUsd ?? 0) + usage.costUsd;
  }
  return total;
}

/** The runs of a project created within the last `days` days before `now`. */
export function recentRuns<R extends Pick<Dispatch, 'projectId' | 'createdAt'>>(
  runs: readonly R[],
  projectId: string | null,
  days: number,
  now: number,
): R[] {
  const since = now - days * 24 * 60 * 60 * 1000;
  return runs.filter(
    (run) => (projectId === null || run.projectId === projectId) && Date.parse(run.createdAt) >= since,
  );
}

/** One line for a run's usage: "$0.42 · 320k in (301k cached) · 812 out · 9 turns". */
export function usageLine(usage: RunUsage | UsageTotal): string {
  const parts: string[] = [];
  if (usage.costUsd !== null) parts.push(formatCost(usage.costUsd));
  const cached = usage.cachedInputTokens > 0 ? ` (${formatTokens(usage.cachedInputTokens)} cached)` : '';
  parts.push(`${formatTokens(usage.inputTokens)} in${cached}`);
  parts.push(`${formatTokens(usage.outputTokens)} out`);
  if ('turns' in usage && usage.turns !== null)
    parts.push(`${usage.turns} ${usage.turns === 1 ? 'turn' : 'turns'}`);
  return parts.join(' · ');
}
