import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPullRequest,
  createUpstreamRepo,
  fakeHomesPrelude,
  fakeHomesUnder,
  mergePullRequest,
  pullRequestHead,
  pushToPullRequest,
  readPullRequestComments,
  replyToReviewComment,
  setCheck,
  setPullRequestDraft,
  setPullRequestState,
  submitReview,
  type FakeHomes,
  type PullRequestRef,
  type UpstreamRepo,
} from '../../support/fake-cli/github-fixture';
import { installFakeClis } from '../../support/fake-cli/install';
import { startSshd, type Sshd } from '../../support/sshd';

// The fake gh's answers for what Sortie's PR automation reads (issue 11): `gh pr view --json` with
// reviewDecision and statusCheckRollup, inline review comments, `gh pr checks`,
// `gh run view --log-failed` and `gh pr comment`, against state the fixtures write.

const OWNER = 'acme';
const NAME = 'automated';
const repo = { owner: OWNER, name: NAME };
let sshd: Sshd;
let root: string;
let homes: FakeHomes;
let prelude: string;
let upstream: UpstreamRepo;

beforeAll(async () => {
  sshd = await startSshd();
  root = join(sshd.home, `pr-automation-fakes-test-${process.pid}-${Date.now()}`);
  homes = fakeHomesUnder(root);
  prelude = [installFakeClis(sshd, { dir: join(root, 'bin') }), fakeHomesPrelude(homes)].join('\n');
  upstream = createUpstreamRepo(sshd, { ...repo, baseBranch: 'main' }, homes);
});
afterAll(async () => {
  if (root) sshd.runAsUser(['rm', '-rf', root]);
  await sshd.dispose();
});

/** Runs a bash script as the remote user with the fakes on PATH; user data only as arguments. */
function remote(script: string, ...args: string[]): string {
  return sshd.runAsUser(['bash', '-c', `${prelude}\n${script}`, 'bash', ...args]);
}

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the fake gh with these arguments (and stdin text), also when it fails. */
function gh(args: string[], stdin = ''): Answer {
  const out = remote(
    `set +e
err=$(mktemp)
out=$(printf '%s' "$1" | gh "\${@:2}" 2>"$err")
code=$?
printf '%s\\0%s\\0%s' "$code" "$out" "$(cat "$err")"
rm -f "$err"`,
    stdin,
    ...args,
  );
  const [code, stdout, stderr] = out.split('\0') as [string, string, string];
  return { code: Number(code), stdout, stderr };
}

function ghJson<T>(args: string[], stdin = ''): T {
  const answer = gh(args, stdin);
  expect(answer, `gh ${args.join(' ')}`).toMatchObject({ code: 0 });
  return JSON.parse(answer.stdout) as T;
}

const FIELDS = 'number,url,state,isDraft,headRefOid,mergedAt,reviewDecision,reviews,statusCheckRollup';

interface ViewedReview {
  id: string;
  author: { login: string };
  state: string;
  body: string;
  submittedAt: string;
}
interface ViewedCheck {
  __typename: string;
  name: string;
  status: string;
  conclusion: string;
  detailsUrl: string;
  workflowName: string;
  startedAt: string;
  completedAt: string;
}
interface Viewed {
  number: number;
  url: string;
  state: string;
  isDraft: boolean;
  headRefOid: string;
  mergedAt: string | null;
  reviewDecision: string;
  reviews: ViewedReview[];
  statusCheckRollup: ViewedCheck[];
}

function view(url: string): Viewed {
  return ghJson<Viewed>(['pr', 'view', url, '--json', FIELDS]);
}

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const ZERO_TIME = '0001-01-01T00:00:00Z';

function openPullRequest(title: string, options: { draft?: boolean } = {}) {
  const pr = createPullRequest(
    sshd,
    repo,
    { title, files: { 'src/app.ts': 'one\ntwo\nthree\nfour\n' }, author: 'sortie-bot', ...options },
    homes,
  );
  return { ...pr, ref: { ...repo, number: pr.number } satisfies PullRequestRef };
}

describe('gh pr view --json for the automation', () => {
  it('answers every field; reviewDecision follows each reviewer’s latest verdict', () => {
    const pr = openPullRequest('Decide on me');
    const fresh = view(pr.url);
    expect(fresh).toEqual({
      number: pr.number,
      url: pr.url,
      state: 'OPEN',
      isDraft: false,
      headRefOid: pr.headSha,
      mergedAt: null,
      reviewDecision: '',
      reviews: [],
      statusCheckRollup: [],
    });

    const first = submitReview(
      sshd,
      pr.ref,
      {
        user: 'alice',
        state: 'COMMENTED',
        body: 'A question "inline".',
        submittedAt: '2024-03-01T10:00:00.000Z',
        comments: [{ path: 'src/app.ts', line: 2, body: 'Why two?' }],
      },
      homes,
    );
    expect(first.url).toBe(`${pr.url}#pullrequestreview-${first.id}`);
    let viewed = view(pr.url);
    expect(viewed.reviewDecision).toBe('REVIEW_REQUIRED');
    expect(viewed.reviews).toEqual([
      expect.objectContaining({
        id: first.nodeId,
        author: { login: 'alice' },
        state: 'COMMENTED',
        body: 'A question "inline".',
        submittedAt: '2024-03-01T10:00:00Z',
      }),
    ]);

    submitReview(sshd, pr.ref, { user: 'octocat', state: 'CHANGES_REQUESTED', body: 'Fix it.' }, homes);
    expect(view(pr.url).reviewDecision).toBe('CHANGES_REQUESTED');
    submitReview(sshd, pr.ref, { user: 'octocat', state: 'APPROVED', body: 'Now good.' }, homes);
    expect(view(pr.url).reviewDecision).toBe('APPROVED');
    // A later comment does not take back an approval.
    submitReview(sshd, pr.ref, { user: 'octocat', state: 'COMMENTED', body: 'Nit.' }, homes);
    expect(view(pr.url).reviewDecision).toBe('APPROVED');
    submitReview(sshd, pr.ref, { user: 'bob', state: 'CHANGES_REQUESTED', body: 'No.' }, homes);
    viewed = view(pr.url);
    expect(viewed.reviewDecision).toBe('CHANGES_REQUESTED');
    expect(viewed.reviews.map((review) => [review.author.login, review.state])).toEqual([
      ['alice', 'COMMENTED'],
      ['octocat', 'CHANGES_REQUESTED'],
      ['octocat', 'APPROVED'],
      ['octocat', 'COMMENTED'],
      ['bob', 'CHANGES_REQUESTED'],
    ]);
    for (const review of viewed.reviews) expect(review.submittedAt).toMatch(TIME);
    expect(gh(['pr', 'view', pr.url, '--json', 'reviewDecision', '--jq', '.reviewDecision']).stdout).toBe(
      'CHANGES_REQUESTED',
    );
  });

  it('lists the check runs of the current head only; a later run of a name replaces it', () => {
    const pr = openPullRequest('Check me');
    const failing = setCheck(
      sshd,
      pr.ref,
      { name: 'test', conclusion: 'FAILURE', log: 'npm test\nFAIL src/app.test.ts\n', workflow: 'CI' },
      homes,
    );
    const lint = setCheck(sshd, pr.ref, { name: 'lint', conclusion: 'SUCCESS' }, homes);
    setCheck(sshd, pr.ref, { name: 'e2e', status: 'IN_PROGRESS', workflow: 'E2E' }, homes);
    setCheck(sshd, pr.ref, { name: 'deploy', status: 'QUEUED' }, homes);
    expect(failing.headSha).toBe(pr.headSha);
    expect(failing.detailsUrl).toBe(
      `https://github.com/${OWNER}/${NAME}/actions/runs/${failing.runId}/job/${failing.jobId}`,
    );
    expect(view(pr.url).statusCheckRollup).toEqual([
      {
        __typename: 'CheckRun',
        name: 'test',
        status: 'COMPLETED',
        conclusion: 'FAILURE',
        detailsUrl: failing.detailsUrl,
        workflowName: 'CI',
        startedAt: expect.stringMatching(TIME) as string,
        completedAt: expect.stringMatching(TIME) as string,
      },
      expect.objectContaining({
        name: 'lint',
        status: 'COMPLETED',
        conclusion: 'SUCCESS',
        detailsUrl: lint.detailsUrl,
      }),
      expect.objectContaining({
        name: 'e2e',
        status: 'IN_PROGRESS',
        conclusion: '',
        workflowName: 'E2E',
        startedAt: expect.stringMatching(TIME) as string,
        completedAt: ZERO_TIME,
      }),
      expect.objectContaining({ name: 'deploy', status: 'QUEUED', conclusion: '', startedAt: ZERO_TIME }),
    ]);

    const rerun = setCheck(sshd, pr.ref, { name: 'test', conclusion: 'SUCCESS' }, homes);
    expect(rerun.runId).toBeGreaterThan(failing.runId);
    const after = view(pr.url).statusCheckRollup;
    expect(after.map((check) => [check.name, check.conclusion])).toEqual([
      ['lint', 'SUCCESS'],
      ['e2e', ''],
      ['deploy', ''],
      ['test', 'SUCCESS'],
    ]);
    expect(after.find((check) => check.name === 'test')?.detailsUrl).toBe(rerun.detailsUrl);

    // A push: the new head has no checks until some are recorded for it.
    const pushed = pushToPullRequest(sshd, pr.ref, {}, homes);
    const viewed = view(pr.url);
    expect(viewed.headRefOid).toBe(pushed);
    expect(viewed.statusCheckRollup).toEqual([]);
    const onNewHead = setCheck(sshd, pr.ref, { name: 'test', conclusion: 'CANCELLED' }, homes);
    expect(onNewHead.headSha).toBe(pushed);
    expect(view(pr.url).statusCheckRollup).toEqual([
      expect.objectContaining({ name: 'test', conclusion: 'CANCELLED', detailsUrl: onNewHead.detailsUrl }),
    ]);
  });

  it('follows the head branch when it moved without the fixtures (an agent pushed)', () => {
    const pr = openPullRequest('Pushed by an agent');
    const moved = remote(
      `set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q
git -C "$work" fetch -q "$1" "refs/heads/$2"
git -C "$work" checkout -q --detach FETCH_HEAD
echo more >>"$work/src/app.ts"
git -C "$work" -c user.name=Agent -c user.email=agent@example.invalid commit -q -am 'fix: more'
git -C "$work" push -q "$1" "HEAD:refs/heads/$2"
git -C "$work" rev-parse HEAD`,
      upstream.gitUrl,
      `feature-${pr.number}`,
    ).trim();
    expect(pullRequestHead(sshd, pr.ref, homes)).toBe(moved);
    const check = setCheck(sshd, pr.ref, { name: 'test' }, homes);
    expect(check.headSha).toBe(moved);
    expect(view(pr.url)).toMatchObject({
      headRefOid: moved,
      statusCheckRollup: [expect.objectContaining({ name: 'test', conclusion: 'SUCCESS' })],
    });
  });

  it('shows drafts, and merged and closed pull requests', () => {
    const pr = openPullRequest('Draft first', { draft: true });
    expect(view(pr.url)).toMatchObject({ isDraft: true, state: 'OPEN', mergedAt: null });
    setPullRequestDraft(sshd, pr.ref, false, homes);
    expect(view(pr.url).isDraft).toBe(false);
    mergePullRequest(sshd, pr.ref, homes);
    const merged = view(pr.url);
    expect(merged.state).toBe('MERGED');
    expect(merged.mergedAt).toEqual(expect.any(String));
    expect(gh(['pr', 'view', pr.url, '--json', 'state', '--jq', '.state']).stdout).toBe('MERGED');

    const closed = openPullRequest('Closed');
    setPullRequestState(sshd, closed.ref, 'CLOSED', homes);
    expect(view(closed.url)).toMatchObject({ state: 'CLOSED', mergedAt: null });
  });
});

describe('review comments', () => {
  it('gh api pulls/N/comments lists the inline comments of submitted reviews in the REST shape', () => {
    const pr = openPullRequest('Comment inline');
    const review = submitReview(
      sshd,
      pr.ref,
      {
        user: 'octocat',
        state: 'CHANGES_REQUESTED',
        body: 'See inline.',
        submittedAt: '2024-04-01T08:30:00Z',
        comments: [
          { path: 'src/app.ts', line: 3, body: 'Rename "three".' },
          { path: 'src/app.ts', line: 1, body: 'And this.' },
        ],
      },
      homes,
    );
    const comments = ghJson<Record<string, unknown>[]>([
      'api',
      `repos/${OWNER}/${NAME}/pulls/${pr.number}/comments`,
    ]);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({
      id: expect.any(Number) as number,
      pull_request_review_id: review.id,
      user: { login: 'octocat' },
      body: 'Rename "three".',
      path: 'src/app.ts',
      line: 3,
      original_line: 3,
      commit_id: pr.headSha,
      created_at: '2024-04-01T08:30:00Z',
    });
    expect(comments[0]?.html_url).toBe(`${pr.url}#discussion_r${String(comments[0]?.id)}`);
    expect(comments[1]).toMatchObject({ line: 1, body: 'And this.', pull_request_review_id: review.id });

    const reviews = ghJson<{ id: number; state: string; user: { login: string } }[]>([
      'api',
      `repos/${OWNER}/${NAME}/pulls/${pr.number}/reviews`,
    ]);
    expect(reviews).toEqual([
      expect.objectContaining({ id: review.id, state: 'CHANGES_REQUESTED', user: { login: 'octocat' } }),
    ]);
  });

  it('a reply in a thread names the comment it answers and comes with a review of its own', () => {
    const pr = openPullRequest('Reply in a thread');
    submitReview(
      sshd,
      pr.ref,
      {
        user: 'octocat',
        state: 'COMMENTED',
        body: 'One thing.',
        comments: [{ path: 'src/app.ts', line: 3, body: 'Why?' }],
      },
      homes,
    );
    const [asked] = ghJson<{ id: number }[]>(['api', `repos/${OWNER}/${NAME}/pulls/${pr.number}/comments`]);
    const reply = replyToReviewComment(
      sshd,
      pr.ref,
      { user: 'sortie-bot', commentId: asked!.id, body: 'Because.' },
      homes,
    );
    const comments = ghJson<Record<string, unknown>[]>([
      'api',
      '--paginate',
      `repos/${OWNER}/${NAME}/pulls/${pr.number}/comments?per_page=100`,
    ]);
    expect(comments[1]).toMatchObject({
      id: reply.id,
      in_reply_to_id: asked!.id,
      pull_request_review_id: reply.reviewId,
      user: { login: 'sortie-bot' },
      path: 'src/app.ts',
      line: 3,
      body: 'Because.',
    });
    const reviews = ghJson<{ id: number; state: string; body: string }[]>([
      'api',
      `repos/${OWNER}/${NAME}/pulls/${pr.number}/reviews`,
    ]);
    expect(reviews[1]).toMatchObject({ id: reply.reviewId, state: 'COMMENTED', body: '' });
    expect(
      gh([
        'api',
        '-X',
        'POST',
        `repos/${OWNER}/${NAME}/pulls/${pr.number}/comments/1/replies`,
        '-f',
        'body=x',
      ]),
    ).toMatchObject({ code: 1 });
  });

  it('refuses what GitHub refuses: lines outside the change, approving one’s own pull request', () => {
    const pr = openPullRequest('Refuse me');
    expect(() =>
      submitReview(
        sshd,
        pr.ref,
        {
          user: 'octocat',
          state: 'COMMENTED',
          body: 'x',
          comments: [{ path: 'README.md', line: 1, body: 'x' }],
        },
        homes,
      ),
    ).toThrow(/Path could not be resolved/);
    expect(() =>
      submitReview(sshd, pr.ref, { user: 'sortie-bot', state: 'APPROVED', body: 'x' }, homes),
    ).toThrow(/Can not approve your own pull request/);
  });
});

describe('gh pr checks', () => {
  it('prints name, bucket, elapsed and link, failing first; exits 1 on failures, 8 while pending', () => {
    const pr = openPullRequest('Checks table');
    expect(gh(['pr', 'checks', pr.url])).toEqual({
      code: 1,
      stdout: '',
      stderr: `no checks reported on the 'feature-${pr.number}' branch`,
    });

    const build = setCheck(
      sshd,
      pr.ref,
      { name: 'build', startedAt: '2024-05-01T10:00:00Z', completedAt: '2024-05-01T10:01:26Z' },
      homes,
    );
    const slow = setCheck(sshd, pr.ref, { name: 'slow', status: 'IN_PROGRESS' }, homes);
    expect(gh(['pr', 'checks', pr.url])).toEqual({
      code: 8,
      stdout: `build\tpass\t1m26s\t${build.detailsUrl}\t\nslow\tpending\t0\t${slow.detailsUrl}\t`,
      stderr: '',
    });

    const test = setCheck(
      sshd,
      pr.ref,
      {
        name: 'test',
        conclusion: 'FAILURE',
        startedAt: '2024-05-01T10:00:00Z',
        completedAt: '2024-05-01T11:02:03Z',
      },
      homes,
    );
    expect(gh(['pr', 'checks', pr.url])).toEqual({
      code: 1,
      stdout: [
        `test\tfail\t1h2m3s\t${test.detailsUrl}\t`,
        `build\tpass\t1m26s\t${build.detailsUrl}\t`,
        `slow\tpending\t0\t${slow.detailsUrl}\t`,
      ].join('\n'),
      stderr: '',
    });

    // --json: the fields asked for; gh exits 0 whatever the checks say.
    const json = gh(['pr', 'checks', pr.url, '--json', 'name,state,bucket,link,workflow']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      { name: 'build', state: 'SUCCESS', bucket: 'pass', link: build.detailsUrl, workflow: 'CI' },
      { name: 'slow', state: 'IN_PROGRESS', bucket: 'pending', link: slow.detailsUrl, workflow: 'CI' },
      { name: 'test', state: 'FAILURE', bucket: 'fail', link: test.detailsUrl, workflow: 'CI' },
    ]);
    expect(gh(['pr', 'checks', pr.url, '--json', 'name', '--jq', '.[2].name']).stdout).toBe('test');
    expect(gh(['pr', 'checks', pr.url, '--json', 'nope'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Unknown JSON field: "nope"') as string,
    });

    // Passing again; an optional check that failed does not count with --required.
    setCheck(sshd, pr.ref, { name: 'slow' }, homes);
    setCheck(sshd, pr.ref, { name: 'test' }, homes);
    setCheck(sshd, pr.ref, { name: 'optional', conclusion: 'FAILURE', required: false }, homes);
    expect(gh(['pr', 'checks', pr.url]).code).toBe(1);
    const required = gh(['pr', 'checks', pr.url, '--required']);
    expect(required.code).toBe(0);
    expect(required.stdout.split('\n').map((line) => line.split('\t').slice(0, 2))).toEqual([
      ['build', 'pass'],
      ['slow', 'pass'],
      ['test', 'pass'],
    ]);
  });

  it('shows a cancelled check as failing without failing the command, as gh does', () => {
    const pr = openPullRequest('Cancelled');
    const cancelled = setCheck(sshd, pr.ref, { name: 'test', conclusion: 'CANCELLED' }, homes);
    expect(gh(['pr', 'checks', pr.url])).toEqual({
      code: 0,
      stdout: `test\tfail\t0\t${cancelled.detailsUrl}\t`,
      stderr: '',
    });
    expect(gh(['pr', 'checks', pr.url, '--json', 'bucket', '--jq', '.[0].bucket']).stdout).toBe('cancel');
  });
});

describe('gh run view --log-failed', () => {
  it('prints the failed step’s log as job, step, timestamped line; nothing for a passing run', () => {
    const pr = openPullRequest('Failing log');
    const failed = setCheck(
      sshd,
      pr.ref,
      {
        name: 'test',
        conclusion: 'FAILURE',
        step: 'Run npm test',
        log: '> npm test\n\nFAIL src/app.test.ts\n  expected 2, got 3\n',
        completedAt: '2024-05-02T09:00:00Z',
      },
      homes,
    );
    const slug = `${OWNER}/${NAME}`;
    const stamp = '2024-05-02T09:00:00.0000000Z';
    const expected = [
      `test\tRun npm test\t${stamp} > npm test`,
      `test\tRun npm test\t${stamp} `,
      `test\tRun npm test\t${stamp} FAIL src/app.test.ts`,
      `test\tRun npm test\t${stamp}   expected 2, got 3`,
    ].join('\n');
    expect(gh(['run', 'view', String(failed.runId), '--log-failed', '-R', slug])).toEqual({
      code: 0,
      stdout: expected,
      stderr: '',
    });
    expect(gh(['run', 'view', '--log-failed', '--job', String(failed.jobId), '--repo', slug]).stdout).toBe(
      expected,
    );
    expect(gh(['run', 'view', String(failed.runId), '--log', '-R', slug]).stdout).toBe(expected);

    const passed = setCheck(sshd, pr.ref, { name: 'lint', log: 'all clean\n' }, homes);
    expect(gh(['run', 'view', String(passed.runId), '--log-failed', '-R', slug])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(gh(['run', 'view', String(passed.runId), '--log', '-R', slug]).stdout).toMatch(
      /^lint\tRun tests\t\S+Z all clean$/,
    );

    const running = setCheck(sshd, pr.ref, { name: 'e2e', status: 'IN_PROGRESS' }, homes);
    expect(gh(['run', 'view', String(running.runId), '--log-failed', '-R', slug])).toEqual({
      code: 1,
      stdout: '',
      stderr: `run ${running.runId} is still in progress; logs will be available when it is complete`,
    });
    expect(gh(['run', 'view', '42', '--log-failed', '-R', slug])).toEqual({
      code: 1,
      stdout: '',
      stderr: `failed to get run: HTTP 404: Not Found (https://api.github.com/repos/${slug}/actions/runs/42?exclude_pull_requests=true)`,
    });
    // Runs belong to their repository.
    expect(gh(['run', 'view', String(failed.runId), '--log-failed', '-R', `${OWNER}/elsewhere`]).code).toBe(
      1,
    );
  });
});

describe('gh pr comment', () => {
  it('stores the body from stdin (--body-file -) or --body and prints the comment URL', () => {
    const pr = openPullRequest('Talk to me');
    const body = '@octocat could you review this?\n\nIt has "quotes", a \\ and a\ttab.';
    const first = gh(['pr', 'comment', pr.url, '--body-file', '-'], body);
    expect(first.code).toBe(0);
    const second = gh(['pr', 'comment', pr.url, '--body', 'Second.']);
    const comments = readPullRequestComments(sshd, pr.ref, homes);
    expect(comments).toEqual([
      {
        id: expect.any(Number) as number,
        node_id: expect.any(String) as string,
        user: { login: 'sortie-bot' },
        body,
        created_at: expect.stringMatching(TIME) as string,
        updated_at: expect.stringMatching(TIME) as string,
        html_url: first.stdout,
      },
      expect.objectContaining({ body: 'Second.', html_url: second.stdout }),
    ]);
    expect(first.stdout).toBe(`${pr.url}#issuecomment-${comments[0]?.id}`);
    expect(comments[1]?.id).toBeGreaterThan(comments[0]?.id ?? Infinity);
    expect(
      ghJson<{ comments: { body: string; author: { login: string }; url: string }[] }>([
        'pr',
        'view',
        pr.url,
        '--json',
        'comments',
      ]).comments,
    ).toEqual([
      expect.objectContaining({ body, author: { login: 'sortie-bot' }, url: first.stdout }),
      expect.objectContaining({ body: 'Second.' }),
    ]);
    expect(gh(['pr', 'comment', pr.url, '--body-file', '-'], '  \n')).toMatchObject({
      code: 1,
      stderr: 'GraphQL: Body cannot be blank (addComment)',
    });
    expect(readPullRequestComments(sshd, pr.ref, homes)).toHaveLength(2);
  });
});
