import { describe, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import {
  defaultRunnerId,
  dispatchBlocked,
  followUpState,
  mergeRunsOf,
  newerOf,
} from '@renderer/features/task/task-runs';
import { liveRun, t } from './run-view-fixtures';

const TASK = `tsk_${'0'.repeat(19)}1`;

function r(n: number, patch: Partial<Dispatch> = {}): Dispatch {
  return liveRun({ id: `dsp_${String(n).padStart(20, '0')}`, createdAt: t(n), updatedAt: t(n), ...patch });
}

describe('task runs', () => {
  it('merges the fetched history with newer versions and new runs from the store, newest first', () => {
    const history = [r(2, { status: 'running' }), r(1, { status: 'succeeded' })];
    const live = {
      [r(2).id]: r(2, { status: 'succeeded', updatedAt: t(50) }),
      [r(3).id]: r(3, { status: 'queued' }),
      [r(9).id]: r(9, { taskId: `tsk_${'0'.repeat(19)}2` }),
    };
    const runs = mergeRunsOf(TASK, history, live, new Set([r(1).id]));
    expect(runs.map((x) => [x.id, x.status])).toEqual([
      [r(3).id, 'queued'],
      [r(2).id, 'succeeded'],
    ]);
  });

  it('keeps the newer of a fetched and a stored version', () => {
    expect(newerOf(r(1, { updatedAt: t(5) }), r(1, { updatedAt: t(4), summary: 'old' }))?.updatedAt).toBe(
      t(5),
    );
    expect(newerOf(null, undefined)).toBeNull();
  });
});

describe('follow-up composer', () => {
  const open = { status: 'open' as const };
  const finished = r(1, { status: 'succeeded', finishedAt: t(9) });

  it('is hidden until a finished run with a branch exists', () => {
    expect(followUpState({ task: open, runs: [], text: 'x', sending: false }).visible).toBe(false);
    expect(
      followUpState({ task: open, runs: [r(1, { status: 'running' })], text: 'x', sending: false }).visible,
    ).toBe(false);
    expect(
      followUpState({ task: open, runs: [r(1, { status: 'failed', branch: '' })], text: 'x', sending: false })
        .visible,
    ).toBe(false);
    expect(followUpState({ task: open, runs: [finished], text: '', sending: false }).visible).toBe(true);
  });

  it('sends only with text, while idle, with no active run and an open task', () => {
    const base = { task: open, runs: [finished], text: 'Also add tests', sending: false };
    expect(followUpState(base).canSend).toBe(true);
    expect(followUpState({ ...base, text: '   \n ' }).canSend).toBe(false);
    expect(followUpState({ ...base, sending: true }).canSend).toBe(false);
    expect(followUpState({ ...base, text: 'x'.repeat(20_001) }).canSend).toBe(false);
    const busy = followUpState({ ...base, runs: [r(2, { status: 'preparing' }), finished] });
    expect(busy).toMatchObject({ visible: true, canSend: false });
    expect(busy.blocked).toMatch(/in progress/);
    const closed = followUpState({ ...base, task: { status: 'closed' } });
    expect(closed.canSend).toBe(false);
    expect(closed.blocked).toMatch(/Reopen/);
  });
});

describe('starting a run', () => {
  it('says why a run cannot start', () => {
    expect(dispatchBlocked({ task: { status: 'open' }, runs: [], runnerCount: 1 })).toBe('');
    expect(dispatchBlocked({ task: { status: 'closed' }, runs: [], runnerCount: 1 })).toMatch(/Reopen/);
    expect(
      dispatchBlocked({ task: { status: 'open' }, runs: [r(1, { status: 'queued' })], runnerCount: 1 }),
    ).toMatch(/in progress/);
    expect(dispatchBlocked({ task: { status: 'open' }, runs: [], runnerCount: 0 })).toMatch(/runner/);
  });

  it('defaults to the default runner', () => {
    expect(
      defaultRunnerId([
        { id: 'a', isDefault: false },
        { id: 'b', isDefault: true },
      ]),
    ).toBe('b');
    expect(defaultRunnerId([{ id: 'a', isDefault: false }])).toBe('a');
    expect(defaultRunnerId([])).toBe('');
  });
});
