import { describe, expect, it } from 'vitest';
import { LAUNCH_PHASES } from '@shared/domain/dispatch';
import { buildPhaseTimeline, describeEvent, formatDuration } from '@renderer/stores/run-timeline';
import { agent, liveRun, note, phase, t } from './run-view-fixtures';

const launch = [
  phase(2, 'check-prerequisites', t(0)),
  phase(3, 'load-registry', t(1.5)),
  phase(4, 'check-github', t(2)),
  phase(5, 'ensure-checkout', t(3)),
  phase(6, 'save-registry', t(9)),
  phase(7, 'prepare-worktree', t(9.25)),
  phase(8, 'upload-prompt', t(12)),
  phase(9, 'launch', t(12.5)),
];

describe('phase timeline', () => {
  it('times each phase up to the next one and the last one up to the first agent output', () => {
    const events = [...launch, agent(10, 'hi', t(13)), agent(11, 'more', t(20))];
    const steps = buildPhaseTimeline(events, liveRun({ status: 'running' }), Date.parse(t(30)));
    expect(steps.map((s) => [s.phase, s.state, s.durationMs])).toEqual([
      ['check-prerequisites', 'done', 1500],
      ['load-registry', 'done', 500],
      ['check-github', 'done', 1000],
      ['ensure-checkout', 'done', 6000],
      ['save-registry', 'done', 250],
      ['prepare-worktree', 'done', 2750],
      ['upload-prompt', 'done', 500],
      ['launch', 'done', 500],
      // The agent has been at it from its first output until now.
      ['agent', 'current', 17000],
    ]);
    expect(steps[0]!.label).toBe('Label of check-prerequisites');
  });

  it('ends the launch when the core marks the agent started, not at its first output', () => {
    const events = [...launch, phase(10, 'running', t(13)), agent(11, 'hi', t(15))];
    const steps = buildPhaseTimeline(events, liveRun({ status: 'running' }), Date.parse(t(30)));
    expect(steps.map((s) => s.phase)).toEqual([...LAUNCH_PHASES, 'agent']);
    expect(steps.at(-2)).toMatchObject({ phase: 'launch', durationMs: 500 });
    expect(steps.at(-1)).toMatchObject({
      phase: 'agent',
      state: 'current',
      startedAt: t(13),
      durationMs: 17000,
    });
  });

  it('counts the current phase up to now and lists the phases still to come', () => {
    const steps = buildPhaseTimeline(
      launch.slice(0, 3),
      liveRun({ status: 'preparing', phase: 'check-github' }),
      Date.parse(t(4)),
    );
    expect(steps[2]).toMatchObject({
      phase: 'check-github',
      state: 'current',
      durationMs: 2000,
      endedAt: null,
    });
    const pending = steps.filter((s) => s.state === 'pending').map((s) => s.phase);
    expect(pending).toEqual([...LAUNCH_PHASES.slice(3), 'agent']);
  });

  it('lists every phase as pending while the run is queued', () => {
    const steps = buildPhaseTimeline(
      [note(1, { text: 'Run queued.' })],
      liveRun({ status: 'queued', phase: '', phaseStartedAt: null }),
      0,
    );
    expect(steps).toHaveLength(LAUNCH_PHASES.length + 1);
    expect(steps.every((s) => s.state === 'pending' && s.durationMs === null)).toBe(true);
  });

  it('marks the phase a launch failed in, timed to the end of the run', () => {
    const events = [
      ...launch.slice(0, 4),
      note(6, { level: 'error', phase: 'ensure-checkout', text: 'REMOTE_FAILED: no' }, t(5)),
    ];
    const steps = buildPhaseTimeline(
      events,
      liveRun({ status: 'failed', phase: 'ensure-checkout', finishedAt: t(5) }),
      Date.parse(t(60)),
    );
    expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'failed']);
    expect(steps[3]!.durationMs).toBe(2000);
  });

  it('shows a run canceled while preparing as stopped in its phase', () => {
    const steps = buildPhaseTimeline(
      launch.slice(0, 2),
      liveRun({ status: 'canceled', finishedAt: t(4) }),
      Date.parse(t(60)),
    );
    expect(steps.map((s) => [s.state, s.durationMs])).toEqual([
      ['done', 1500],
      ['stopped', 2500],
    ]);
  });

  it('ends the agent step when the run finished', () => {
    const events = [...launch, agent(10, 'hi', t(13))];
    const steps = buildPhaseTimeline(
      events,
      liveRun({ status: 'succeeded', finishedAt: t(73) }),
      Date.parse(t(500)),
    );
    expect(steps.at(-1)).toMatchObject({ phase: 'agent', state: 'done', durationMs: 60_000 });
  });

  it('ends the agent step no earlier than its last output (the remote keeps the end to the second)', () => {
    const events = [...launch, agent(10, 'hi', t(13)), agent(11, 'last', t(14.6))];
    const steps = buildPhaseTimeline(
      events,
      liveRun({ status: 'succeeded', finishedAt: t(14) }),
      Date.parse(t(500)),
    );
    expect(steps.at(-1)).toMatchObject({ phase: 'agent', durationMs: 1600, endedAt: t(14.6) });
  });

  it('falls back to the run’s own phase before its events are read', () => {
    const steps = buildPhaseTimeline(
      [],
      liveRun({ status: 'preparing', phase: 'prepare-worktree', phaseStartedAt: t(5) }),
      Date.parse(t(8)),
    );
    expect(steps[0]).toMatchObject({
      phase: 'prepare-worktree',
      label: 'Preparing the worktree',
      state: 'current',
      durationMs: 3000,
    });
  });
});

describe('durations', () => {
  it('reads well at every scale', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('run entries', () => {
  it('reads agent entries defensively', () => {
    expect(
      describeEvent({ ...agent(1), data: { kind: 'command', text: 'npm test', detail: 'ok', exitCode: 1 } }),
    ).toEqual({ kind: 'agent', entry: 'command', text: 'npm test', detail: 'ok', exitCode: 1 });
    expect(describeEvent({ ...agent(2), data: { kind: 'weird', text: 5 } })).toEqual({
      kind: 'agent',
      entry: 'status',
      text: '',
      detail: '',
      exitCode: null,
    });
  });

  it('reads notes with their level and phases with their label', () => {
    expect(describeEvent(note(1, { level: 'warning', text: 'Runner unreachable' }))).toEqual({
      kind: 'note',
      level: 'warning',
      text: 'Runner unreachable',
    });
    expect(describeEvent(note(2, { text: 'Run queued.' }))).toMatchObject({ level: 'info' });
    expect(describeEvent(phase(3, 'launch', t(0)))).toEqual({ kind: 'phase', label: 'Label of launch' });
  });
});
