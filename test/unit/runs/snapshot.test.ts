import { describe, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { adapterFor } from '../../../src/main/core/agents';
import type { PolledRun } from '../../../src/main/core/remote';
import { reconcileFromSnapshot } from '../../../src/main/core/services/dispatch/snapshot';

type Snapshot = Parameters<typeof reconcileFromSnapshot>[1];

const now = new Date('2026-11-21T12:00:00.000Z');
const run = (overrides: Partial<Dispatch> = {}): Dispatch => ({
  id: 'dsp_00000000000000000001',
  kind: 'task',
  taskId: 'tsk_00000000000000000001',
  reviewId: null,
  projectId: 'prj_00000000000000000001',
  runnerId: 'rnr_00000000000000000001',
  agent: 'codex',
  status: 'running',
  phase: 'launch',
  phaseStartedAt: '2026-11-21T11:59:00.000Z',
  summary: 'The agent is working.',
  branch: 'sortie/dsp_00000000000000000001',
  worktreePath: '~/sortie/api/worktrees/dsp_00000000000000000001',
  runDir: '~/sortie/api/dispatches/dsp_00000000000000000001',
  pullRequestUrl: null,
  notes: '',
  errorText: '',
  followUpRequest: '',
  baseDispatchId: null,
  released: false,
  reportedBranch: '',
  reportedWorktreePath: '',
  headSha: '',
  chainId: null,
  iteration: null,
  reviewSubmitted: false,
  githubReviewId: null,
  githubReviewUrl: null,
  usage: null,
  deadlineAt: null,
  graceEndsAt: null,
  createdAt: '2026-11-21T11:58:00.000Z',
  startedAt: '2026-11-21T11:58:01.000Z',
  finishedAt: null,
  updatedAt: '2026-11-21T11:59:00.000Z',
  ...overrides,
});
const snap = (overrides: Partial<PolledRun> = {}): Snapshot => ({
  missing: false,
  unlaunched: false,
  status: 'none',
  result: null,
  finishedAt: null,
  exitCode: null,
  stderrTail: '',
  ...overrides,
});
const codex = adapterFor('codex');
const claude = adapterFor('claude');
const result = {
  status: 'succeeded',
  summary: 'Opened a PR.',
  pullRequestUrl: 'https://github.com/acme/api/pull/7',
  branchName: 'sortie/dsp_00000000000000000001',
  worktreePath: '/home/u/sortie/api/worktrees/dsp_00000000000000000001',
  notes: null,
};

describe('reconciliation rules', () => {
  it('moves a preparing run to running when the remote says running', () => {
    expect(
      reconcileFromSnapshot(run({ status: 'preparing' }), snap({ status: 'running' }), codex, now),
    ).toMatchObject({
      status: 'running',
    });
    expect(reconcileFromSnapshot(run(), snap({ status: 'running' }), codex, now)).toBeNull();
  });

  it('parses a completed run into its outcome, direct JSON or Claude envelope', () => {
    const direct = reconcileFromSnapshot(
      run(),
      snap({ status: 'completed', result: JSON.stringify(result), finishedAt: '2026-11-21T11:59:30Z\n' }),
      codex,
      now,
    );
    expect(direct).toMatchObject({
      status: 'succeeded',
      summary: 'Opened a PR.',
      pullRequestUrl: result.pullRequestUrl,
      finishedAt: '2026-11-21T11:59:30.000Z',
    });
    const envelope = JSON.stringify({
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: '',
      structured_output: { ...result, status: 'blocked', summary: 'Needs a token.' },
    });
    expect(
      reconcileFromSnapshot(
        run({ agent: 'claude' }),
        snap({ status: 'completed', result: envelope }),
        claude,
        now,
      ),
    ).toMatchObject({
      status: 'blocked',
      summary: 'Needs a token.',
    });
  });

  it('fails a completed run whose result is missing or malformed, saying why', () => {
    const missing = reconcileFromSnapshot(run(), snap({ status: 'completed' }), codex, now);
    expect(missing).toMatchObject({ status: 'failed' });
    expect(missing?.errorText).toMatch(/without writing a result/);
    const malformed = reconcileFromSnapshot(
      run(),
      snap({ status: 'completed', result: '{"status":' }),
      codex,
      now,
    );
    expect(malformed).toMatchObject({ status: 'failed' });
    expect(malformed?.errorText).not.toBe('');
  });

  it('records a review run as submitted only when its agent reported a submitted review', () => {
    const review = run({
      kind: 'review',
      taskId: null,
      reviewId: 'rev_00000000000000000001',
      headSha: 'a'.repeat(40),
    });
    const answer = {
      status: 'succeeded',
      summary: 'Reviewed; two inline comments.',
      reviewSubmitted: true,
      githubReviewId: '7',
      githubReviewUrl: 'https://github.com/acme/api/pull/7#pullrequestreview-7',
      worktreePath: '/w',
      notes: null,
    };
    const submitted = reconcileFromSnapshot(
      review,
      snap({ status: 'completed', result: JSON.stringify(answer) }),
      codex,
      now,
    );
    expect(submitted).toMatchObject({
      status: 'succeeded',
      reviewSubmitted: true,
      githubReviewId: '7',
      githubReviewUrl: answer.githubReviewUrl,
    });
    const claimed = { ...answer, reviewSubmitted: false };
    const unsubmitted = reconcileFromSnapshot(
      review,
      snap({ status: 'completed', result: JSON.stringify(claimed) }),
      claude,
      now,
    );
    expect(unsubmitted).toMatchObject({ status: 'failed', reviewSubmitted: false, githubReviewUrl: null });
    expect(unsubmitted?.summary).toMatch(/without submitting a review/);
    // A task result is not what a review run ends with.
    expect(
      reconcileFromSnapshot(
        review,
        snap({ status: 'completed', result: JSON.stringify(result) }),
        codex,
        now,
      ),
    ).toMatchObject({
      status: 'failed',
      errorText: expect.stringContaining('reviewSubmitted'),
    });
  });

  it('fails a launcher failure with the stderr tail', () => {
    expect(
      reconcileFromSnapshot(
        run(),
        snap({ status: 'launcher_failed', exitCode: '3', stderrTail: 'boom: no API key\n' }),
        codex,
        now,
      ),
    ).toMatchObject({
      status: 'failed',
      errorText: 'boom: no API key',
      summary: expect.stringContaining('status 3'),
    });
  });

  it('treats canceled as final', () => {
    expect(reconcileFromSnapshot(run(), snap({ status: 'canceled' }), codex, now)).toMatchObject({
      status: 'canceled',
    });
  });

  it('fails a preparing run only after 30 minutes without progress', () => {
    expect(
      reconcileFromSnapshot(run({ status: 'preparing' }), snap({ missing: true }), codex, now),
    ).toBeNull();
    const stale = run({ status: 'preparing', phaseStartedAt: '2026-11-21T11:29:59.000Z' });
    expect(reconcileFromSnapshot(stale, snap({ missing: true }), codex, now)).toMatchObject({
      status: 'failed',
    });
  });

  it('recovers a released run to what the remote really did', () => {
    const released = run({ status: 'blocked', released: true, errorText: 'unreachable' });
    expect(reconcileFromSnapshot(released, snap({ status: 'running' }), codex, now)).toMatchObject({
      status: 'running',
      released: false,
    });
    expect(
      reconcileFromSnapshot(
        released,
        snap({ status: 'completed', result: JSON.stringify(result) }),
        codex,
        now,
      ),
    ).toMatchObject({ status: 'succeeded', released: false, errorText: '' });
  });

  it('keeps what the agent says about its branch and worktree as information, never as the paths', () => {
    const own = run();
    const patch = reconcileFromSnapshot(
      own,
      snap({
        status: 'completed',
        result: JSON.stringify({ ...result, branchName: 'main', worktreePath: '~' }),
      }),
      codex,
      now,
    );
    expect(patch).toMatchObject({ status: 'succeeded', reportedBranch: 'main', reportedWorktreePath: '~' });
    expect(patch).not.toHaveProperty('worktreePath');
    expect(patch).not.toHaveProperty('branch');
    const same = reconcileFromSnapshot(
      own,
      snap({ status: 'completed', result: JSON.stringify({ ...result, worktreePath: own.worktreePath }) }),
      codex,
      now,
    );
    expect(same).toMatchObject({ reportedBranch: '', reportedWorktreePath: '' });
  });

  it('reads the result kept from the event stream when the run directory has no result.json', () => {
    const event = JSON.stringify({ type: 'result', subtype: 'success', structured_output: result });
    expect(
      reconcileFromSnapshot(run({ agent: 'claude' }), snap({ status: 'completed' }), claude, now, {
        storedResult: event,
        maxRunTime: '4 h',
      }),
    ).toMatchObject({ status: 'succeeded', summary: 'Opened a PR.' });
  });

  it('fails a timed-out run saying after how long, and ends its countdowns', () => {
    expect(
      reconcileFromSnapshot(
        run({ deadlineAt: now.toISOString() }),
        snap({ status: 'timed_out' }),
        codex,
        now,
        {
          storedResult: null,
          maxRunTime: '90 min',
        },
      ),
    ).toMatchObject({
      status: 'failed',
      summary: expect.stringContaining('Timed out after 90 min'),
      deadlineAt: null,
    });
  });

  it('ends a released run whose directory shows its launcher never started, and waits while one may', () => {
    const released = run({ status: 'blocked', released: true, errorText: 'unreachable' });
    expect(reconcileFromSnapshot(released, snap({ unlaunched: true }), codex, now)).toMatchObject({
      status: 'failed',
      released: false,
      summary: expect.stringContaining('never started'),
    });
    expect(reconcileFromSnapshot(released, snap({ unlaunched: false }), codex, now)).toBeNull();
  });

  it('releases a running run whose directory disappeared', () => {
    expect(reconcileFromSnapshot(run(), snap({ missing: true }), codex, now)).toMatchObject({
      status: 'blocked',
    });
  });
});
