import { describe, expect, it } from 'vitest';
import type { Project, RunEvent, RunUsage, Runner, Task } from '@shared/contract';
import { callOutcome, foldCalls, pathInWorktree } from '@renderer/features/run/run-calls';
import { formatCost, formatTokens, totalUsage, usageLine } from '@renderer/features/run/run-usage';
import { usageByProject } from '@renderer/features/runs/UsageSummary';
import { buildRunRows, sortRunRows, toggleSort } from '@renderer/stores/runs-table';
import { at, id, project } from './fixtures';
import { run, runId } from './run-fixtures';
import { RUN_ID, t } from './run-view-fixtures';

const entry = (seq: number, data: Record<string, unknown>, when = t(seq)): RunEvent => ({
  dispatchId: RUN_ID,
  seq,
  kind: 'agent',
  at: when,
  data,
});

const usage = (patch: Partial<RunUsage> = {}): RunUsage => ({
  inputTokens: 1000,
  cachedInputTokens: 0,
  outputTokens: 100,
  costUsd: null,
  turns: null,
  durationMs: null,
  ...patch,
});

describe('a run output’s calls', () => {
  const started = entry(1, { kind: 'command', text: 'npm test', callId: 'item_4' }, t(10));
  const said = entry(2, { kind: 'message', text: 'Waiting for the tests.' }, t(11));
  const ended = entry(
    3,
    { kind: 'command', text: 'npm test', callId: 'item_4', exitCode: 1, detail: 'FAIL' },
    t(52.5),
  );

  it('shows a command once, where it started, completed by its end', () => {
    const folded = foldCalls([started, said, ended]);
    expect(folded.shown.map((e) => e.seq)).toEqual([1, 2]);
    expect(folded.endings.get(1)).toBe(ended);
    expect(callOutcome(started, ended, true)).toEqual({
      running: false,
      exitCode: 1,
      failed: true,
      output: 'FAIL',
      durationMs: 42_500,
    });
  });

  it('gives no duration when start and end were read together and share a stamp', () => {
    const sameRead = { ...ended, at: started.at };
    expect(callOutcome(started, sameRead, false)).toMatchObject({ exitCode: 1, durationMs: null });
  });

  it('says a command of a live run without an end is running, and of a finished one that it is not', () => {
    expect(callOutcome(started, undefined, true)).toMatchObject({ running: true, durationMs: null });
    expect(callOutcome(started, undefined, false)).toMatchObject({ running: false, exitCode: null });
  });

  it("leaves out a tool call's bare end, and shows an end whose start was trimmed when it says something", () => {
    const bare = entry(5, { kind: 'call-result', text: '', callId: 'toolu_1' });
    const failedAlone = entry(6, {
      kind: 'call-result',
      text: '',
      callId: 'toolu_2',
      failed: true,
      detail: 'denied',
    });
    expect(foldCalls([bare, failedAlone]).shown.map((e) => e.seq)).toEqual([6]);
    expect(callOutcome(failedAlone, undefined, false)).toMatchObject({ failed: true, output: 'denied' });
  });

  it('keeps entries without a call id as they are', () => {
    // Output stored before calls had ids: each entry stands alone, none is a call still running.
    const finished = entry(7, { kind: 'command', text: 'ls', exitCode: 0 });
    const unknownEnd = entry(8, { kind: 'command', text: 'ls' });
    expect(foldCalls([finished, unknownEnd]).shown).toEqual([finished, unknownEnd]);
    expect(callOutcome(unknownEnd, undefined, true).running).toBe(false);
  });
});

describe('file paths in the output', () => {
  it('are shown inside the worktree, however the worktree was written', () => {
    const file = '/home/me/sortie/projects/api/worktrees/dsp_01abc/src/app.ts';
    expect(pathInWorktree(file, '~/sortie/projects/api/worktrees/dsp_01abc')).toBe('src/app.ts');
    expect(pathInWorktree(file, '/home/me/sortie/projects/api/worktrees/dsp_01abc/')).toBe('src/app.ts');
    expect(pathInWorktree('/etc/hosts', '~/sortie/projects/api/worktrees/dsp_01abc')).toBe('/etc/hosts');
    expect(pathInWorktree(file, '')).toBe(file);
  });
});

describe('usage figures', () => {
  it('reads token counts and costs at a glance', () => {
    expect([812, 1_240, 12_400, 345_678, 1_300_000].map(formatTokens)).toEqual([
      '812',
      '1.2k',
      '12k',
      '346k',
      '1.3M',
    ]);
    expect([0.4213, 0.0061, 12.3].map(formatCost)).toEqual(['$0.42', '$0.0061', '$12.30']);
    expect(usageLine(usage({ cachedInputTokens: 900, costUsd: 0.5, turns: 3 }))).toBe(
      '$0.50 · 1.0k in (900 cached) · 100 out · 3 turns',
    );
    // Codex: tokens only, no price guessed.
    expect(usageLine(usage())).toBe('1.0k in · 100 out');
  });

  it("adds up a task's runs, counting those without a cost apart", () => {
    const total = totalUsage([
      { usage: usage({ costUsd: 0.25 }) },
      { usage: usage({ costUsd: 0.5, inputTokens: 3000, cachedInputTokens: 2000 }) },
      { usage: usage() },
      { usage: null },
    ]);
    expect(total).toEqual({
      runs: 3,
      inputTokens: 5000,
      cachedInputTokens: 2000,
      outputTokens: 300,
      costUsd: 0.75,
      runsWithoutCost: 1,
    });
    expect(totalUsage([{ usage: usage() }]).costUsd).toBeNull();
  });

  it('sums each project over the last 7 and 30 days', () => {
    const now = Date.parse(at(0)) + 40 * 24 * 3600 * 1000;
    const daysAgo = (days: number) => new Date(now - days * 24 * 3600 * 1000).toISOString();
    const projects: Record<string, Project> = { [id('prj', 1)]: project(1), [id('prj', 2)]: project(2) };
    const runs = [
      run(1, 1, { createdAt: daysAgo(1), usage: usage({ costUsd: 1 }) }),
      run(2, 1, { createdAt: daysAgo(10), usage: usage({ costUsd: 2 }) }),
      run(3, 1, { createdAt: daysAgo(35), usage: usage({ costUsd: 4 }) }),
      run(4, 2, { createdAt: daysAgo(2), projectId: id('prj', 2), usage: null }),
    ];
    const rows = usageByProject(runs, projects, now);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.totals.map((total) => [total.runs, total.costUsd])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });
});

describe('sorting runs by cost', () => {
  const runs = [
    run(1, 1, { usage: usage({ costUsd: 0.1 }) }),
    run(2, 1, { usage: usage({ costUsd: 2.5 }) }),
    run(3, 1, { usage: usage({ inputTokens: 90_000 }) }),
    run(4, 1, { usage: null }),
    run(5, 1, { usage: usage({ inputTokens: 500 }) }),
  ];
  const rows = buildRunRows(runs, {} as Record<string, Task>, {}, {} as Record<string, Runner>);
  const order = (direction: 'asc' | 'desc') =>
    sortRunRows(rows, { key: 'cost', direction }, 0).map((row) => row.run.id);

  it('puts the dearest first, then runs with tokens only by tokens, runs without usage last', () => {
    expect(toggleSort({ key: 'started', direction: 'desc' }, 'cost')).toEqual({
      key: 'cost',
      direction: 'desc',
    });
    expect(order('desc')).toEqual([runId(2), runId(1), runId(3), runId(5), runId(4)]);
    expect(order('asc')).toEqual([runId(1), runId(2), runId(5), runId(3), runId(4)]);
  });
});
