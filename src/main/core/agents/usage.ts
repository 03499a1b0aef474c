import { z } from 'zod';
import type { RunUsage } from '@shared/contract/dispatches';

const count = z.number().int().nonnegative();

// `usage` of Codex's `turn.completed`: the thread's totals so far; input includes cached input.
const codexUsage = z.object({
  input_tokens: count,
  cached_input_tokens: count.default(0),
  output_tokens: count,
});

// Claude Code's final `result` event: the whole session's totals. Its input_tokens leave out
// what was read from or written to the prompt cache.
const claudeResult = z.object({
  usage: z
    .object({
      input_tokens: count.default(0),
      output_tokens: count.default(0),
      cache_read_input_tokens: count.default(0),
      cache_creation_input_tokens: count.default(0),
    })
    .optional(),
  total_cost_usd: z.number().nonnegative().optional(),
  num_turns: count.optional(),
  duration_ms: z.number().nonnegative().optional(),
});

/** The usage a Codex `turn.completed` event reports, or null when it has none it can read. */
export function codexTurnUsage(usage: unknown): RunUsage | null {
  const parsed = codexUsage.safeParse(usage);
  if (!parsed.success) return null;
  return {
    inputTokens: parsed.data.input_tokens,
    cachedInputTokens: parsed.data.cached_input_tokens,
    outputTokens: parsed.data.output_tokens,
    costUsd: null,
    turns: null,
    durationMs: null,
  };
}

/** The usage Claude Code's `result` event reports, or null when it reports none. */
export function claudeResultUsage(event: unknown): RunUsage | null {
  const parsed = claudeResult.safeParse(event);
  if (!parsed.success) return null;
  const { usage, total_cost_usd: cost, num_turns: turns, duration_ms: duration } = parsed.data;
  if (usage === undefined && cost === undefined) return null;
  return {
    inputTokens:
      (usage?.input_tokens ?? 0) +
      (usage?.cache_read_input_tokens ?? 0) +
      (usage?.cache_creation_input_tokens ?? 0),
    cachedInputTokens: usage?.cache_read_input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    costUsd: cost ?? null,
    turns: turns ?? null,
    durationMs: duration === undefined ? null : Math.round(duration),
  };
}
