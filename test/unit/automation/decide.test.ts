import { describe, expect, it } from 'vitest';
import type { GithubInlineComment, GithubPullRequest, GithubReview } from '../../../src/main/core/remote';
import type { PullRequestMarks } from '../../../src/main/core/repositories';
import { decide, type DecisionInput } from '../../../src/main/core/services/automation/decide';
import {
  checksSummary,
  headChecks,
  pullRequestState,
  requiredChecks,
} from '../../../src/main/core/services/automation/pull-request-summary';

const HEAD = 'a'.repeat(40);
const CREATED = '2026-12-01T10:00:00.400Z';
const FINISHED = '2026-12-01T10:30:00.000Z';
const LATER = '2026-12-01T11:00:00Z';

function pr(overrides: Partial<GithubPullRequest> = {}): GithubPullRequest {
  return {
    number: 7,
    url: 'https://github.com/acme/api/pull/7',
    state: 'OPEN',
    isDraft: false,
    headRefOid: HEAD,
    headRefName: 'sortie/fix-login',
    mergedAt: null,
    reviewDecision: '',
    reviews: [],
    statusCheckRollup: [],
    comments: [],
    requiredChecks: null,
    ...overrides,
  };
}

const noMarks: PullRequestMarks = {
  reviewRequestedHead: null,
  checkFixHead: null,
  checkFixCount: 0,
  checkFixLimitSaid: false,
  followedReviewIds: [],
};

function input(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    pr: pr(),
    active: false,
    latestRun: { feedbackSince: CREATED, endedAt: FINISHED, branch: 'sortie/fix-login' },
    mainUser: 'octo',
    reviewFollowUp: true,
    project: { followUpFailingChecks: false, maxCheckFixes: 2, closeOnMerge: false },
    marks: null,
    ...overrides,
  };
}

let nextId = 1;
const review = (
  login: string,
  state: string,
  submittedAt: string,
  body = 'Please fix the race.',
): GithubReview => ({
  id: nextId++,
  user: { login },
  state,
  body,
  submitted_at: submittedAt,
});
const comment = (
  of: GithubReview,
  body: string,
  extra: Partial<GithubInlineComment> = {},
): GithubInlineComment => ({
  id: nextId++,
  pull_request_review_id: of.id,
  user: of.user,
  body,
  path: 'src/a.ts',
  line: 3,
  created_at: of.submitted_at ?? undefined,
  ...extra,
});
const failedRun = (name: string, startedAt: string, conclusion = 'FAILURE') => ({
  name,
  workflowName: 'CI',
  status: 'COMPLETED',
  conclusion,
  startedAt,
  detailsUrl: `https://github.com/acme/api/actions/runs/42/job/${nextId++}`,
});

describe('which review feedback is followed up', () => {
  it('the main user’s feedback after the latest run was queued, with its inline comments, and only theirs', () => {
    const mine = review('Octo', 'CHANGES_REQUESTED', LATER);
    const theirs = review('someone', 'CHANGES_REQUESTED', LATER);
    const decision = decide(
      input({
        pr: pr({ reviews: [mine, theirs], comments: [comment(mine, 'Here.'), comment(theirs, 'Not me.')] }),
      }),
    );
    expect(decision.outcome).toBe('queued-follow-up');
    expect(decision.action).toMatchObject({
      kind: 'follow-up-review',
      reviews: [{ id: mine.id }],
      comments: [{ body: 'Here.' }],
    });
  });

  it('counts a review stamped in the run’s own second (GitHub keeps whole seconds)', () => {
    const sameSecond = review('octo', 'COMMENTED', '2026-12-01T10:00:00Z');
    expect(decide(input({ pr: pr({ reviews: [sameSecond] }) })).outcome).toBe('queued-follow-up');
  });

  it('not a review from before the run, another user’s, an approval, or one already followed up', () => {
    const followed = review('octo', 'CHANGES_REQUESTED', LATER);
    for (const [r, marks] of [
      [review('octo', 'COMMENTED', '2026-12-01T09:00:00Z'), null],
      [review('octo', 'APPROVED', LATER), null],
      [review('someone', 'COMMENTED', LATER), null],
      [followed, { ...noMarks, followedReviewIds: [followed.id] }],
    ] as const) {
      expect(decide(input({ pr: pr({ reviews: [r] }), marks })).outcome).not.toBe('queued-follow-up');
    }
  });

  it('not feedback the user approved after, and no ask for a review once approved', () => {
    const asked = review('octo', 'CHANGES_REQUESTED', LATER);
    const approved = review('octo', 'APPROVED', '2026-12-01T11:05:00Z');
    const decision = decide(input({ pr: pr({ reviews: [asked, approved] }) }));
    expect(decision).toMatchObject({ outcome: 'no-new-feedback', detail: '@octo approved it.' });
  });

  it('not the agent’s replies to threads in the user’s name, but the user’s own reply after the run', () => {
    const asked = review('octo', 'COMMENTED', '2026-12-01T09:00:00Z');
    const first = comment(asked, 'Why this?');
    const agentReply = review('octo', 'COMMENTED', '2026-12-01T10:20:00Z', '');
    const userReply = review('octo', 'COMMENTED', '2026-12-01T12:00:00Z', '');
    const comments = [
      first,
      comment(agentReply, 'Done: explained it.', { in_reply_to_id: first.id }),
      comment(userReply, 'Still unclear, say more.', { in_reply_to_id: first.id }),
    ];
    const onlyAgent = decide(input({ pr: pr({ reviews: [asked, agentReply], comments }) }));
    expect(onlyAgent.outcome).toBe('requested-review');
    const withUser = decide(input({ pr: pr({ reviews: [asked, agentReply, userReply], comments }) }));
    expect(withUser.action).toMatchObject({
      kind: 'follow-up-review',
      reviews: [{ id: userReply.id }],
      comments: [{ body: 'Still unclear, say more.' }],
    });
  });
});

describe('what the automation does about a pull request', () => {
  it('asks for a review once per head', () => {
    expect(decide(input()).action).toEqual({ kind: 'request-review' });
    const marks = { ...noMarks, reviewRequestedHead: HEAD };
    expect(decide(input({ marks })).outcome).toBe('no-new-feedback');
    expect(decide(input({ marks, pr: pr({ headRefOid: 'b'.repeat(40) }) })).outcome).toBe('requested-review');
  });

  it('leaves a task with a run going before anything, even a merged PR', () => {
    const merged = pr({ state: 'MERGED', mergedAt: LATER });
    const project = { followUpFailingChecks: false, maxCheckFixes: 2, closeOnMerge: true };
    expect(decide(input({ active: true, pr: merged, project })).outcome).toBe('skipped-active');
  });

  it('leaves closed PRs, and closes the task of a merged PR only when asked and merged after the run was queued', () => {
    expect(decide(input({ pr: pr({ state: 'CLOSED' }) })).outcome).toBe('skipped-closed');
    const merged = pr({ state: 'MERGED', mergedAt: LATER });
    expect(decide(input({ pr: merged })).action).toEqual({ kind: 'none' });
    const project = { followUpFailingChecks: false, maxCheckFixes: 2, closeOnMerge: true };
    expect(decide(input({ pr: merged, project })).action).toEqual({ kind: 'close-task' });
    const mergedBefore = pr({ state: 'MERGED', mergedAt: '2026-12-01T09:00:00Z' });
    expect(decide(input({ pr: mergedBefore, project })).action).toEqual({ kind: 'none' });
  });

  it('leaves a PR whose branch is not the latest run’s, and does not close the task when it merges', () => {
    const decision = decide(input({ pr: pr({ headRefName: 'someone-else' }) }));
    expect(decision).toMatchObject({ outcome: 'no-new-feedback', action: { kind: 'none' } });
    expect(decision.detail).toContain('someone-else');
    const project = { followUpFailingChecks: false, maxCheckFixes: 2, closeOnMerge: true };
    const merged = pr({ headRefName: 'someone-else', state: 'MERGED', mergedAt: LATER });
    expect(decide(input({ pr: merged, project })).action).toEqual({ kind: 'none' });
  });

  it('keeps feedback a check fix could not see for the next pass that follows reviews', () => {
    // The user reviewed at 11:00; a check fix was queued at 11:10 (reviews off); its run ended.
    const asked = review('octo', 'CHANGES_REQUESTED', LATER);
    const latestRun = {
      feedbackSince: CREATED,
      endedAt: '2026-12-01T11:20:00.000Z',
      branch: 'sortie/fix-login',
    };
    expect(decide(input({ pr: pr({ reviews: [asked] }), latestRun })).outcome).toBe('queued-follow-up');
  });

  it('follows up failing checks once per head, up to the project’s number, then says it stopped once', () => {
    const project = { followUpFailingChecks: true, maxCheckFixes: 2, closeOnMerge: false };
    const failing = pr({ statusCheckRollup: [failedRun('test', '2026-12-01T10:40:00Z')] });
    expect(decide(input({ pr: failing, project })).action).toMatchObject({
      kind: 'follow-up-checks',
      failing: [{ name: 'test', runId: '42', jobId: expect.stringMatching(/^\d+$/) }],
    });
    const tried = { ...noMarks, checkFixHead: HEAD, checkFixCount: 1 };
    expect(decide(input({ pr: failing, project, marks: tried })).outcome).toBe('no-new-feedback');
    const exhausted = { ...tried, checkFixHead: 'c'.repeat(40), checkFixCount: 2 };
    expect(decide(input({ pr: failing, project, marks: exhausted })).outcome).toBe('check-fix-limit');
    expect(
      decide(input({ pr: failing, project, marks: { ...exhausted, checkFixLimitSaid: true } })).outcome,
    ).toBe('no-new-feedback');
    // Without the project's opt-in, failing checks are only shown.
    expect(decide(input({ pr: failing })).outcome).toBe('requested-review');
  });

  it('waits for checks still running, and acts on required checks only when branch protection names some', () => {
    const project = { followUpFailingChecks: true, maxCheckFixes: 2, closeOnMerge: false };
    const running = {
      name: 'e2e',
      workflowName: 'CI',
      status: 'IN_PROGRESS',
      conclusion: null,
      startedAt: LATER,
    };
    const waiting = decide(
      input({ pr: pr({ statusCheckRollup: [failedRun('test', LATER), running] }), project }),
    );
    expect(waiting).toMatchObject({
      outcome: 'no-new-feedback',
      detail: expect.stringContaining('still running'),
    });

    const optional = pr({
      statusCheckRollup: [failedRun('lint', LATER)],
      requiredChecks: [
        { name: 'test', state: 'SUCCESS', bucket: 'pass', link: '', workflow: 'CI', startedAt: LATER },
      ],
    });
    expect(decide(input({ pr: optional, project })).outcome).toBe('requested-review');
  });
});

describe('a pull request as a card shows it', () => {
  it('state and checks, the latest attempt of a re-run check counting', () => {
    expect(pullRequestState(pr({ isDraft: true }))).toBe('draft');
    expect(pullRequestState(pr({ state: 'MERGED' }))).toBe('merged');
    expect(checksSummary(headChecks(pr()))).toBe('none');
    expect(
      checksSummary(
        headChecks(pr({ statusCheckRollup: [{ name: 'a', status: 'IN_PROGRESS', conclusion: '' }] })),
      ),
    ).toBe('pending');
    expect(
      checksSummary(headChecks(pr({ statusCheckRollup: [{ context: 'ci/legacy', state: 'ERROR' }] }))),
    ).toBe('failing');
    const rerun = pr({
      statusCheckRollup: [
        failedRun('test', '2026-12-01T10:40:00Z'),
        { ...failedRun('test', '2026-12-01T10:50:00Z'), conclusion: 'SUCCESS' },
      ],
    });
    expect(checksSummary(headChecks(rerun))).toBe('passing');
    expect(checksSummary(requiredChecks(rerun))).toBe('passing');
  });
});
