import { describe, expect, it } from 'vitest';
import type { PullRequestStatus } from '@shared/contract';
import {
  checksDescription,
  pullRequestStatusText,
} from '@renderer/features/pull-requests/pull-request-labels';
import { pullRequestToContinue } from '@renderer/features/task/run-choice';
import {
  applyStatus,
  mergeStatuses,
  statusOf,
  type StatusesByUrl,
} from '@renderer/stores/pull-request-status';
import {
  pullRequestUrlsOf,
  pullRequestsByTask,
  shownPullRequests,
} from '@renderer/stores/task-pull-requests';
import { at, id } from './fixtures';
import { run } from './run-fixtures';

const PR = (n: number) => `https://github.com/acme/api/pull/${n}`;

function status(n: number, patch: Partial<PullRequestStatus> = {}): PullRequestStatus {
  return {
    url: PR(n),
    taskId: id('tsk', 1),
    state: 'open',
    headSha: 'a1b2c3d',
    checks: 'none',
    failingChecks: [],
    reviewDecision: 'none',
    readAt: at(10),
    ...patch,
  };
}

function byUrl(...list: PullRequestStatus[]): StatusesByUrl {
  return Object.fromEntries(list.map((s) => [s.url, s]));
}

describe('pull request status held in the window', () => {
  it('keeps the newer read of a pull request, whatever the order they arrive in', () => {
    const older = status(1, { readAt: at(10), state: 'open' });
    const newer = status(1, { readAt: at(11), state: 'merged' });
    expect(applyStatus(byUrl(older), newer)[PR(1)]).toBe(newer);
    const held = byUrl(newer);
    expect(applyStatus(held, older)).toBe(held);
  });

  it('merges a listed read into what is held, keeping statuses the list leaves out', () => {
    // A task closed on its merge is no longer listed: its card still shows the PR as merged.
    const merged = status(1, { state: 'merged', readAt: at(12) });
    const listed = status(2, { checks: 'failing', failingChecks: ['lint'] });
    const stale = status(1, { state: 'open', readAt: at(5) });
    const next = mergeStatuses(byUrl(merged), [listed, stale]);
    expect(next[PR(1)]).toBe(merged);
    expect(next[PR(2)]).toBe(listed);
  });
});

describe('the pull requests of a task', () => {
  const task = 1;

  it('lists each pull request once, the latest run’s first', () => {
    const runs = [
      run(1, task, { status: 'succeeded', pullRequestUrl: PR(3) }),
      run(2, task, { status: 'succeeded', pullRequestUrl: PR(3) }),
      run(3, task, { status: 'failed' }),
      run(4, task, { status: 'succeeded', pullRequestUrl: PR(7) }),
      run(5, 2, { status: 'succeeded', pullRequestUrl: PR(9) }),
    ];
    const byTask = pullRequestsByTask(Object.fromEntries(runs.map((r) => [r.id, r])));
    expect(byTask.get(id('tsk', task))).toEqual([PR(7), PR(3)]);
    expect(byTask.get(id('tsk', 2))).toEqual([PR(9)]);
    expect(byTask.has(id('tsk', 3))).toBe(false);
    expect(pullRequestUrlsOf([...runs].reverse())).toEqual([PR(9), PR(7), PR(3)]);
  });

  it('shows the latest pull request whatever its state, older ones unless known merged or closed', () => {
    const statuses = byUrl(
      status(7, { state: 'merged' }),
      status(3, { state: 'closed' }),
      status(2, { state: 'open' }),
    );
    expect(shownPullRequests([PR(7), PR(3), PR(2), PR(1)], statuses)).toEqual([PR(7), PR(2), PR(1)]);
    expect(shownPullRequests([], statuses)).toEqual([]);
  });
});

describe('running a task that has a pull request', () => {
  const finished = (n: number, patch: Parameters<typeof run>[2] = {}) =>
    run(n, 1, { status: 'succeeded', worktreePath: '/w/t', ...patch });

  it('offers to continue the latest pull request when it is open, a draft, or not read yet', () => {
    const runs = [finished(2, { pullRequestUrl: PR(4) }), finished(1, { pullRequestUrl: PR(3) })];
    expect(pullRequestToContinue(runs, {})).toBe(PR(4));
    expect(pullRequestToContinue(runs, byUrl(status(4, { state: 'draft' })))).toBe(PR(4));
    expect(pullRequestToContinue(runs, byUrl(status(4, { state: 'open' })))).toBe(PR(4));
  });

  it('just runs when the latest pull request is merged or closed, or nothing can be followed up', () => {
    const runs = [finished(2, { pullRequestUrl: PR(4) })];
    expect(pullRequestToContinue(runs, byUrl(status(4, { state: 'merged' })))).toBeNull();
    expect(pullRequestToContinue(runs, byUrl(status(4, { state: 'closed' })))).toBeNull();
    expect(pullRequestToContinue([finished(1)], {})).toBeNull();
    // A follow-up needs a finished run with a branch and worktree.
    expect(pullRequestToContinue([finished(2, { pullRequestUrl: PR(4), worktreePath: '' })], {})).toBeNull();
    expect(pullRequestToContinue([run(2, 1, { status: 'running', pullRequestUrl: PR(4) })], {})).toBeNull();
  });
});

describe('pull request status in words', () => {
  it('names the failing checks', () => {
    expect(checksDescription({ checks: 'failing', failingChecks: ['lint', 'test'] })).toBe(
      'Checks fail: lint, test',
    );
    expect(checksDescription({ checks: 'passing', failingChecks: [] })).toBe('Checks pass');
    expect(checksDescription({ checks: 'none', failingChecks: [] })).toBe('No checks');
  });

  it('says state, checks and review decision in one line, leaving out what is unknown', () => {
    expect(
      pullRequestStatusText(
        status(1, { checks: 'failing', failingChecks: ['lint'], reviewDecision: 'changes-requested' }),
      ),
    ).toBe('Open, checks fail: lint, changes requested');
    expect(pullRequestStatusText(status(1, { state: 'merged' }))).toBe('Merged');
  });
});

describe('one pull request, however its address is written', () => {
  it('finds its status by an address in another case or with a trailing path, and lists it once', () => {
    const held = applyStatus({}, status(7, { state: 'merged' }));
    expect(statusOf(held, 'https://github.com/Acme/API/pull/7/files')?.state).toBe('merged');
    expect(
      pullRequestUrlsOf([
        { pullRequestUrl: PR(7) },
        { pullRequestUrl: 'https://github.com/ACME/api/pull/7' },
      ]),
    ).toEqual([PR(7)]);
  });
});
