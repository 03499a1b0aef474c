import { describe, expect, it } from 'vitest';
import { formatElapsed, runClock, runCountdowns, runDurationMs } from '@renderer/stores/run-time';
import { isWebUrl, outcomeLine, phaseLabel, pullRequestLabel } from '@renderer/stores/run-labels';
import { at } from './fixtures';
import { run } from './run-fixtures';

const minute = 60_000;

describe('formatElapsed', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [60_000, '1m 00s'],
    [185_000, '3m 05s'],
    [3_600_000, '1h 00m'],
    [3_725_000, '1h 02m'],
    [86_400_000 + 3 * 3_600_000 + 59 * minute, '1d 3h'],
    [-5_000, '0s'],
    [Number.NaN, '0s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('runClock', () => {
  const now = Date.parse(at(30));

  it('counts a queued run from when it was queued', () => {
    expect(runClock(run(10, 1), now)).toEqual({ kind: 'waiting', ms: 20 * minute, ticking: true });
  });

  it('counts an active run from when it started', () => {
    const preparing = run(10, 1, { status: 'preparing', startedAt: at(12) });
    expect(runClock(preparing, now)).toEqual({ kind: 'working', ms: 18 * minute, ticking: true });
    const running = run(10, 1, { status: 'running', startedAt: at(25) });
    expect(runClock(running, now).ms).toBe(5 * minute);
  });

  it('gives a finished run what it took, whatever the time now', () => {
    const done = run(10, 1, { status: 'succeeded', startedAt: at(12), finishedAt: at(19) });
    expect(runClock(done, now)).toEqual({ kind: 'took', ms: 7 * minute, ticking: false });
    expect(runClock(done, now + 10 * minute).ms).toBe(7 * minute);
    // A run canceled before it started took from queuing to cancel.
    const canceled = run(10, 1, { status: 'canceled', finishedAt: at(11) });
    expect(runClock(canceled, now).ms).toBe(minute);
  });

  it('sorts queued runs as zero duration', () => {
    expect(runDurationMs(run(10, 1), now)).toBe(0);
  });
});

describe('run labels', () => {
  it('names the launch phase of a preparing run in words', () => {
    expect(phaseLabel(run(1, 1, { status: 'preparing', phase: 'prepare-worktree' }))).toBe(
      'Preparing the worktree',
    );
    expect(phaseLabel(run(1, 1, { status: 'preparing', phase: 'later-phase', summary: 'Doing X…' }))).toBe(
      'Doing X…',
    );
    expect(phaseLabel(run(1, 1, { status: 'running', phase: 'launch' }))).toBe('Agent working');
    expect(phaseLabel(run(1, 1))).toBe('Waiting for a free slot');
    expect(phaseLabel(run(1, 1, { status: 'failed' }))).toBe('');
  });

  it('says how a finished run ended', () => {
    expect(outcomeLine(run(1, 1, { status: 'blocked', summary: '\nNeeds a token.\nMore.' }))).toBe(
      'Needs a token.',
    );
    expect(outcomeLine(run(1, 1, { status: 'failed', errorText: 'ssh: refused' }))).toBe('ssh: refused');
    expect(outcomeLine(run(1, 1, { status: 'canceled' }))).toBe('Canceled');
  });

  it('names pull requests by number', () => {
    expect(pullRequestLabel('https://github.com/acme/api/pull/12')).toBe('PR #12');
    expect(pullRequestLabel('https://github.com/acme/api/pull/12/files')).toBe('PR #12');
    expect(pullRequestLabel('https://example.com/review/3')).toBe('Pull request');
    expect(isWebUrl('https://github.com/x')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('runCountdowns', () => {
  const now = Date.parse(at(100));
  it('counts down to the grace period and the maximum run time of a running run, soonest first', () => {
    const running = run(1, 1, {
      status: 'running',
      deadlineAt: new Date(now + 3 * 3_600_000).toISOString(),
      graceEndsAt: new Date(now + 90_000).toISOString(),
    });
    expect(runCountdowns(running, now)).toEqual([
      { kind: 'result-grace', label: expect.stringContaining('stopped in'), ms: 90_000 },
      { kind: 'max-run-time', label: 'Times out in', ms: 3 * 3_600_000 },
    ]);
  });

  it('shows nothing once the run is not running, and 0 when a moment is due', () => {
    const deadlineAt = new Date(now - 1_000).toISOString();
    expect(runCountdowns(run(2, 1, { status: 'running', deadlineAt }), now)).toEqual([
      { kind: 'max-run-time', label: 'Times out in', ms: 0 },
    ]);
    expect(runCountdowns(run(3, 1, { status: 'succeeded', deadlineAt }), now)).toEqual([]);
  });
});
