import { describe, expect, it } from 'vitest';
import type { GithubPullRequest } from '../../../src/main/core/remote';
import { decide, type DecisionInput } from '../../../src/main/core/services/automation/decide';
import {
  checksSummary,
  pullRequestState,
} from '../../../src/main/core/services/automation/pull-request-summary';

const HEAD = 'a'.repeat(40);
const STARTED = '2026-12-01T10:00:00.000Z';

function pr(overrides: Partial<GithubPullRequest> = {}): GithubPullRequest {
  return {
    number: 7,
    url: 'https://github.com/acme/api/pull/7',
    state: 'OPEN',
    isDraft: false,
    headRefOid: HEAD,
    mergedAt: null,
    reviewDecision: '',
    reviews: [],
    statusCheckRollup: [],
    comments: [],
    ...overrides,
  };
}

function input(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    pr: pr(),
    active: false,
    latestRunStartedAt: STARTED,
    mainUser: 'octo',
    reviewFollowUp: true,
    project: { followUpFailingChecks: false, maxCheckFixes: 2, closeOnMerge: false },
    marks: null,
    ...overrides,
  };
}

const review = (login: string, state: string, submittedAt: string) => ({
  author: { login },
  state,
  body: 'Please fix the race.',
  submittedAt,
});
const failed = {
  name: 'test',
  status: 'COMPLETED',
  conclusion: 'FAILURE',
  detailsUrl: 'https://github.com/acme/api/actions/runs/42/job/1',
};

describe('what the automation does about a pull request', () => {
  it('follows up the main user’s feedback given after the latest run started, and only theirs', () => {
    const after = '2026-12-01T11:00:00.000Z';
    const decision = decide(
      input({
        pr: pr({
          reviews: [
            review('Octo', 'CHANGES_REQUESTED', after),
            review('someone', 'CHANGES_REQUESTED', after),
          ],
          comments: [
            { user: { login: 'octo' }, body: 'Here.', path: 'src/a.ts', line: 3, created_at: after },
            { user: { login: 'someone' }, body: 'Not me.', path: 'src/b.ts', line: 1, created_at: after },
          ],
        }),
      }),
    );
    expect(decision.outcome).toBe('queued-follow-up');
    expect(decision.action).toMatchObject({
      kind: 'follow-up-review',
      reviews: [{ author: { login: 'Octo' } }],
      comments: [{ path: 'src/a.ts' }],
    });
  });

  it('does not follow up a review from before the run, an approval, or another user’s review', () => {
    for (const r of [
      review('octo', 'COMMENTED', '2026-12-01T09:00:00.000Z'),
      review('octo', 'APPROVED', '2026-12-01T11:00:00.000Z'),
      review('someone', 'COMMENTED', '2026-12-01T11:00:00.000Z'),
    ]) {
      expect(decide(input({ pr: pr({ reviews: [r] }) })).outcome).toBe('requested-review');
    }
  });

  it('asks for a review once per head', () => {
    expect(decide(input()).action).toEqual({ kind: 'request-review' });
    const marks = {
      reviewRequestedHead: HEAD,
      checkFixHead: null,
      checkFixCount: 0,
      checkFixLimitSaid: false,
    };
    expect(decide(input({ marks })).outcome).toBe('no-new-feedback');
    expect(decide(input({ marks, pr: pr({ headRefOid: 'b'.repeat(40) }) })).outcome).toBe('requested-review');
  });

  it('leaves closed PRs and tasks with a run going, and closes the task of a merged PR when asked', () => {
    expect(decide(input({ pr: pr({ state: 'CLOSED' }) })).outcome).toBe('skipped-closed');
    expect(decide(input({ pr: pr({ state: 'MERGED', mergedAt: STARTED }) })).action).toEqual({
      kind: 'none',
    });
    const closing = input({
      pr: pr({ state: 'MERGED', mergedAt: STARTED }),
      project: { followUpFailingChecks: false, maxCheckFixes: 2, closeOnMerge: true },
    });
    expect(decide(closing).action).toEqual({ kind: 'close-task' });
    expect(decide(input({ active: true })).outcome).toBe('skipped-active');
  });

  it('follows up failing checks once per head, up to the project’s number, then says it stopped once', () => {
    const project = { followUpFailingChecks: true, maxCheckFixes: 2, closeOnMerge: false };
    const failing = pr({ statusCheckRollup: [failed] });
    expect(decide(input({ pr: failing, project })).action).toEqual({
      kind: 'follow-up-checks',
      failing: [{ name: 'test', runId: '42' }],
    });
    const tried = {
      reviewRequestedHead: null,
      checkFixHead: HEAD,
      checkFixCount: 1,
      checkFixLimitSaid: false,
    };
    expect(decide(input({ pr: failing, project, marks: tried })).outcome).toBe('no-new-feedback');
    const exhausted = { ...tried, checkFixHead: 'c'.repeat(40), checkFixCount: 2 };
    expect(decide(input({ pr: failing, project, marks: exhausted })).outcome).toBe('check-fix-limit');
    expect(
      decide(input({ pr: failing, project, marks: { ...exhausted, checkFixLimitSaid: true } })).outcome,
    ).toBe('no-new-feedback');
    // Without the project's opt-in, failing checks are only shown.
    expect(decide(input({ pr: failing })).outcome).toBe('requested-review');
  });

  it('summarizes state and checks as a card shows them', () => {
    expect(pullRequestState(pr({ isDraft: true }))).toBe('draft');
    expect(pullRequestState(pr({ state: 'MERGED' }))).toBe('merged');
    expect(checksSummary(pr())).toBe('none');
    expect(
      checksSummary(pr({ statusCheckRollup: [{ name: 'a', status: 'IN_PROGRESS', conclusion: '' }] })),
    ).toBe('pending');
    expect(
      checksSummary(pr({ statusCheckRollup: [{ name: 'a', status: 'COMPLETED', conclusion: 'SUCCESS' }] })),
    ).toBe('passing');
    expect(
      checksSummary(
        pr({ statusCheckRollup: [{ name: 'a', status: 'COMPLETED', conclusion: 'SUCCESS' }, failed] }),
      ),
    ).toBe('failing');
    expect(checksSummary(pr({ statusCheckRollup: [{ context: 'ci/legacy', state: 'ERROR' }] }))).toBe(
      'failing',
    );
  });
});
