import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, RunEvent } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

// The core's clock runs an hour behind the runner's: agent entries must still be stamped on the
// core's clock, like its own (the runner sends the events file's age, not its clock's time).
const CORE_LAG_MS = 60 * 60 * 1000;
const clock = { now: () => new Date(Date.now() - CORE_LAG_MS) };

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ clock });
});
afterAll(() => f.close());

async function runOf(agent: 'codex' | 'claude'): Promise<{ done: Dispatch; events: RunEvent[] }> {
  f.outcome('success');
  const task = await f.newTask(`Count the tokens (${agent})`);
  const queued = await f.call('dispatches.queue', { taskId: task.id, agent });
  const done = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled']);
  expect(done.status, done.errorText).toBe('succeeded');
  const page = await f.call('dispatches.events', { dispatchId: done.id, limit: 2000 });
  return { done, events: page.events };
}

const agentData = (events: RunEvent[]) => events.filter((e) => e.kind === 'agent').map((e) => e.data);

describe('what a run used, and its output as the agent meant it', () => {
  it("stores Codex's tokens, without a cost", async () => {
    const { done } = await runOf('codex');
    // The fake codex reports what codex exec --json reports at turn.completed.
    expect(done.usage).toEqual({
      inputTokens: 24631,
      cachedInputTokens: 19072,
      outputTokens: 1187,
      costUsd: null,
      turns: null,
      durationMs: null,
    });
    const listed = await f.call('dispatches.history', { taskId: done.taskId! });
    expect(listed[0]?.usage).toEqual(done.usage);
  });

  it("stores Claude Code's tokens, cost, turns and time", async () => {
    const { done } = await runOf('claude');
    expect(done.usage).toMatchObject({
      inputTokens: 42 + 3110 + 60480,
      cachedInputTokens: 60480,
      outputTokens: 812,
      costUsd: 0.0421,
    });
    expect(done.usage?.turns).toBeGreaterThan(0);
    expect(done.usage?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each(['codex', 'claude'] as const)(
    '%s: commands as meant, each ended with its exit code, no final JSON message, runner times',
    async (agent) => {
      const startedAt = Date.now();
      const { events } = await runOf(agent);
      const finishedAt = Date.now();
      const data = agentData(events);

      const commands = data.filter((d) => d.kind === 'command' && typeof d.callId === 'string');
      const texts = [...new Set(commands.map((d) => d.text))];
      expect(texts).toContain('git add FAKE_CHANGES.md');
      expect(
        texts.some((t) => typeof t === 'string' && /^git commit -m 'feat: Count the tokens/.test(t)),
      ).toBe(true);
      expect(texts.some((t) => typeof t === 'string' && t.includes('bash -lc'))).toBe(false);
      // Every command's call is ended by a later entry with the same id that has its exit code.
      for (const id of new Set(commands.map((d) => d.callId))) {
        const ending = data.filter((d) => d.callId === id && typeof d.exitCode === 'number');
        expect(ending, `call ${String(id)}`).toHaveLength(1);
        expect(ending[0]?.exitCode).toBe(0);
      }

      expect(data.some((d) => d.kind === 'message' && String(d.text).includes('"status"'))).toBe(false);
      expect(data.filter((d) => d.kind === 'usage')).toHaveLength(1);

      // Agent output and the core's own entries are on one clock (the core's): the agent's work
      // comes after the launch phases began and no later than the core stored it.
      const phase = events.find((e) => e.kind === 'phase');
      expect(Date.parse(phase!.at)).toBeLessThan(startedAt - CORE_LAG_MS / 2);
      for (const event of events.filter((e) => e.kind === 'agent')) {
        const at = Date.parse(event.at);
        expect(at).toBeGreaterThanOrEqual(Date.parse(phase!.at) - 2000);
        expect(at).toBeLessThanOrEqual(finishedAt - CORE_LAG_MS + 2000);
      }
    },
  );
});
