import { describe, expect, it } from 'vitest';
import { runEventSchema } from '@shared/contract/dispatches';
import type { Repositories } from '../../../src/main/core/repositories';
import { expectAppError, makeProject, makeTask, useDatabase } from './helpers';

function twoRuns(repos: Repositories): [string, string] {
  const task = makeTask(repos, makeProject(repos, 'p').id);
  const a = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
  const b = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
  return [a.id, b.id];
}

describe('run event repository', () => {
  const env = useDatabase();

  it('numbers events per run from 1', () => {
    const { repos, clock } = env();
    const [a, b] = twoRuns(repos);
    const first = repos.runEvents.append(a, 'phase', { phase: 'prepare-worktree' });
    expect(runEventSchema.parse(first)).toEqual(first);
    expect(first).toEqual({
      dispatchId: a,
      seq: 1,
      kind: 'phase',
      at: clock.iso(),
      data: { phase: 'prepare-worktree' },
    });
    expect(repos.runEvents.append(a, 'agent', { text: 'hello' }).seq).toBe(2);
    expect(repos.runEvents.append(b, 'note', {}).seq).toBe(1);
    const many = repos.runEvents.appendMany(a, [
      { kind: 'iteration', data: { n: 1 } },
      { kind: 'automation', data: { ok: true } },
    ]);
    expect(many.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('pages through events in order', () => {
    const { repos } = env();
    const [a] = twoRuns(repos);
    repos.runEvents.appendMany(
      a,
      Array.from({ length: 7 }, (_, i) => ({ kind: 'agent' as const, data: { line: i } })),
    );
    const page1 = repos.runEvents.list(a, 0, 3);
    const page2 = repos.runEvents.list(a, 3, 3);
    const page3 = repos.runEvents.list(a, 6, 3);
    expect(page1.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page2.map((e) => e.data)).toEqual([{ line: 3 }, { line: 4 }, { line: 5 }]);
    expect(page3.map((e) => e.seq)).toEqual([7]);
    expect(repos.runEvents.list(a, 7, 3)).toEqual([]);
  });

  it('returns what it stores, through JSON', () => {
    const ctx = env();
    const [a] = twoRuns(ctx.repos);
    const appended = ctx.repos.runEvents.append(a, 'agent', {
      nested: { list: [1, 'two'] },
      dropped: undefined,
    });
    expect(appended.data).toEqual({ nested: { list: [1, 'two'] } });
    ctx.reopen();
    expect(ctx.repos.runEvents.list(a, 0, 10)).toEqual([appended]);
  });

  it('stores nothing of a batch that fails halfway', () => {
    const { repos } = env();
    const [a] = twoRuns(repos);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expectAppError(
      () =>
        repos.runEvents.appendMany(a, [
          { kind: 'agent', data: { line: 1 } },
          { kind: 'agent', data: circular },
        ]),
      'INTERNAL',
    );
    expect(repos.runEvents.list(a, 0, 10)).toEqual([]);
    expect(repos.runEvents.append(a, 'note', {}).seq).toBe(1);
  });

  it('refuses events for an unknown run', () => {
    const { repos } = env();
    expectAppError(() => repos.runEvents.append('dsp_00000000000000000000', 'note', {}), 'NOT_FOUND');
  });

  it('stores agent output with its offset in one step, and trims the oldest output beyond the cap', () => {
    const { repos } = env();
    const [a] = twoRuns(repos);
    repos.runEvents.append(a, 'phase', { phase: 'launch' });
    const line = (n: number) => ({
      kind: 'agent' as const,
      data: { kind: 'message', text: `line ${n} `.padEnd(100, 'x') },
    });
    const first = repos.runEvents.appendOutput(a, [line(1), line(2)], 250, 1000);
    expect(first.map((e) => e.seq)).toEqual([2, 3]);
    expect(repos.dispatches.getOutputOffset(a)).toBe(250);
    expect(repos.dispatches.outputTrimmed(a)).toBe(false);
    repos.runEvents.appendOutput(
      a,
      Array.from({ length: 20 }, (_, i) => line(i + 3)),
      2_000,
      1000,
    );
    const kept = repos.runEvents.list(a, 0, 100);
    const agent = kept.filter((e) => e.kind === 'agent');
    expect(agent.length).toBeLessThan(22);
    expect(agent.at(-1)?.data.text).toMatch(/^line 22 /);
    expect(agent.reduce((sum, e) => sum + JSON.stringify(e.data).length, 0)).toBeLessThanOrEqual(1000);
    // The phase timeline is never trimmed, and sequence numbers keep growing.
    expect(kept[0]).toMatchObject({ kind: 'phase', seq: 1 });
    expect(repos.dispatches.outputTrimmed(a)).toBe(true);
    expect(repos.runEvents.appendOutput(a, [line(99)], 2_100, 1000)[0]?.seq).toBe(24);
  });

  it('stores neither output nor offset when the run is unknown', () => {
    const { repos } = env();
    expectAppError(() => repos.runEvents.appendOutput('dsp_00000000000000000000', [], 10, 1000), 'NOT_FOUND');
  });
});
