import { describe, expect, it } from 'vitest';
import { claudeResultUsage, codexTurnUsage } from '../../../src/main/core/agents/usage';

describe('usage reported by the agents', () => {
  it("reads Codex's turn usage, whose input already counts the cached part, without a cost", () => {
    expect(codexTurnUsage({ input_tokens: 5000, cached_input_tokens: 4000, output_tokens: 300 })).toEqual({
      inputTokens: 5000,
      cachedInputTokens: 4000,
      outputTokens: 300,
      costUsd: null,
      turns: null,
      durationMs: null,
    });
    expect(codexTurnUsage({ input_tokens: 10, output_tokens: 2 })?.cachedInputTokens).toBe(0);
    expect(codexTurnUsage({ input_tokens: -1, output_tokens: 2 })).toBeNull();
    expect(codexTurnUsage(undefined)).toBeNull();
  });

  it("counts Claude Code's cache reads and writes as input, and keeps its cost, turns and time", () => {
    expect(
      claudeResultUsage({
        type: 'result',
        total_cost_usd: 0.0712,
        num_turns: 4,
        duration_ms: 20450.7,
        usage: {
          input_tokens: 12,
          cache_creation_input_tokens: 1000,
          cache_read_input_tokens: 20000,
          output_tokens: 450,
        },
      }),
    ).toEqual({
      inputTokens: 21012,
      cachedInputTokens: 20000,
      outputTokens: 450,
      costUsd: 0.0712,
      turns: 4,
      durationMs: 20451,
    });
  });

  it('has nothing to say about a Claude Code result without usage or cost', () => {
    expect(claudeResultUsage({ type: 'result', subtype: 'success', num_turns: 2 })).toBeNull();
    expect(claudeResultUsage({ type: 'result', total_cost_usd: 'free' })).toBeNull();
  });
});
