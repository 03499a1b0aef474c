import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentKind } from '@shared/domain/dispatch';
import { adapterFor } from '../../../src/main/core/agents';
import { shellDefinitions } from '../../../src/main/core/remote/run-directory/protocol';
import { buildReviewPrompt, REVIEW_RESULT_SCHEMA } from '../../../src/main/core/prompts';
import {
  createPullRequest,
  createUpstreamRepo,
  fakeHomesPrelude,
  fakeHomesUnder,
  pushToPullRequest,
  readPullRequestReviews,
  setAgentOutcome,
  setPullRequestState,
  type FakeAgentOutcome,
  type FakeHomes,
  type UpstreamRepo,
} from '../../support/fake-cli/github-fixture';
import { installFakeClis } from '../../support/fake-cli/install';
import { startSshd, type Sshd } from '../../support/sshd';

const OWNER = 'acme';
let sshd: Sshd;
let root: string;
let homes: FakeHomes;
let prelude: string;

beforeAll(async () => {
  sshd = await startSshd();
  root = join(sshd.home, `review-fakes-test-${process.pid}-${Date.now()}`);
  homes = fakeHomesUnder(root);
  prelude = [installFakeClis(sshd, { dir: join(root, 'bin') }), fakeHomesPrelude(homes)].join('\n');
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

interface RestPull {
  number: number;
  state: string;
  merged: boolean;
  merged_at: string | null;
  title: string;
  html_url: string;
  user: { login: string };
  head: { ref: string; sha: string; repo: { full_name: string; clone_url: string; html_url: string } };
  base: {
    ref: string;
    sha: string;
    repo: { full_name: string; clone_url: string; ssh_url: string; html_url: string };
  };
}

interface RestReview {
  id: number;
  user: { login: string };
  body: string;
  state: string;
  html_url: string;
  commit_id: string;
  submitted_at: string | null;
}

function isAncestor(gitDir: string, ancestor: string, commit: string): boolean {
  return (
    remote(
      'git --git-dir="$1" merge-base --is-ancestor "$2" "$3" && echo yes || echo no',
      gitDir,
      ancestor,
      commit,
    ).trim() === 'yes'
  );
}

describe('fake gh api and the pull request fixtures', () => {
  const name = 'reviewed';
  const repo = { owner: OWNER, name };
  let upstream: UpstreamRepo;
  beforeAll(() => {
    upstream = createUpstreamRepo(sshd, { ...repo, baseBranch: 'main' }, homes);
  });

  it('reads a pull request as the REST API does; its head follows pushes and its state changes', () => {
    const pr = createPullRequest(
      sshd,
      repo,
      { title: 'Add the feature', files: { 'src/a.txt': 'a\nb\n' } },
      homes,
    );
    expect(pr).toEqual({
      number: 1,
      url: `https://github.com/${OWNER}/${name}/pull/1`,
      headSha: expect.stringMatching(/^[0-9a-f]{40}$/) as string,
    });
    const pull = ghJson<RestPull>(['api', `repos/${OWNER}/${name}/pulls/1`]);
    const mainTip = remote('git --git-dir="$1" rev-parse refs/heads/main', upstream.gitUrl).trim();
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      merged: false,
      merged_at: null,
      title: 'Add the feature',
      html_url: pr.url,
      user: { login: 'octocat' },
      head: {
        ref: 'feature-1',
        sha: pr.headSha,
        repo: { full_name: `${OWNER}/${name}`, clone_url: upstream.gitUrl, html_url: upstream.repoUrl },
      },
      base: {
        ref: 'main',
        sha: mainTip,
        repo: {
          full_name: `${OWNER}/${name}`,
          clone_url: upstream.gitUrl,
          ssh_url: upstream.gitUrl,
          html_url: upstream.repoUrl,
        },
      },
    });
    expect(gh(['api', `/repos/${OWNER}/${name}/pulls/1`, '--jq', '.head.sha']).stdout).toBe(pr.headSha);

    const pushed = pushToPullRequest(sshd, { ...repo, number: 1 }, {}, homes);
    expect(pushed).not.toBe(pr.headSha);
    expect(isAncestor(upstream.gitUrl, pr.headSha, pushed)).toBe(true);
    expect(gh(['api', `repos/${OWNER}/${name}/pulls/1`, '--jq', '.head.sha']).stdout).toBe(pushed);
    expect(gh(['pr', 'view', pr.url, '--json', 'headRefOid', '--jq', '.headRefOid']).stdout).toBe(pushed);

    setPullRequestState(sshd, { ...repo, number: 1 }, 'CLOSED', homes);
    expect(ghJson<RestPull>(['api', `repos/${OWNER}/${name}/pulls/1`])).toMatchObject({
      state: 'closed',
      merged: false,
      merged_at: null,
    });
    setPullRequestState(sshd, { ...repo, number: 1 }, 'MERGED', homes);
    expect(ghJson<RestPull>(['api', `repos/${OWNER}/${name}/pulls/1`])).toMatchObject({
      state: 'closed',
      merged: true,
      merged_at: expect.any(String) as string,
    });
    setPullRequestState(sshd, { ...repo, number: 1 }, 'OPEN', homes);
    expect(gh(['api', `repos/${OWNER}/${name}/pulls/1`, '-q', '.state']).stdout).toBe('open');
  });

  it('answers 404 for an unknown pull request or repository, as gh does', () => {
    const notFound = {
      code: 1,
      stdout: '{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}',
      stderr: 'gh: Not Found (HTTP 404)',
    };
    expect(gh(['api', `repos/${OWNER}/${name}/pulls/999`])).toEqual(notFound);
    expect(gh(['api', `repos/${OWNER}/nowhere/pulls/1`])).toEqual(notFound);
    expect(gh(['api', `repos/${OWNER}/${name}/pulls/1/files`])).toEqual(notFound);
  });

  it('stores reviews with ids, URLs and inline comments; lists them; gh pr view still shows them', () => {
    const pr = createPullRequest(
      sshd,
      repo,
      { title: 'Review me', files: { 'src/b.txt': 'one\ntwo\nthree\n' }, author: 'someone' },
      homes,
    );
    const path = `repos/${OWNER}/${name}/pulls/${pr.number}/reviews`;
    const body = '@octocat asked me to review this pull request.\n\nNo blocking problems.';
    const input = JSON.stringify({
      commit_id: pr.headSha,
      event: 'COMMENT',
      body,
      comments: [{ path: 'src/b.txt', line: 2, side: 'RIGHT', body: 'Is "two" right?' }],
    });
    const first = ghJson<RestReview>(['api', '-X', 'POST', path, '--input', '-'], input);
    expect(first).toMatchObject({
      id: expect.any(Number) as number,
      user: { login: 'sortie-bot' },
      body,
      state: 'COMMENTED',
      commit_id: pr.headSha,
      submitted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as string,
    });
    expect(first.html_url).toBe(`${pr.url}#pullrequestreview-${first.id}`);

    // Fields instead of a body make it a POST, as with the real gh; -F types its values.
    const second = ghJson<RestReview>(['api', path, '-f', 'body=Looks good', '-F', 'event=APPROVE']);
    expect(second).toMatchObject({ state: 'APPROVED', body: 'Looks good', commit_id: pr.headSha });
    expect(second.id).toBeGreaterThan(first.id);
    expect(gh(['api', path, '--method', 'POST', '-f', 'body=draft', '--jq', '.state']).stdout).toBe(
      'PENDING',
    );

    const listed = ghJson<RestReview[]>(['api', path, '--paginate']);
    expect(listed.map((review) => [review.id, review.state])).toEqual([
      [first.id, 'COMMENTED'],
      [second.id, 'APPROVED'],
      [second.id + 1, 'PENDING'],
    ]);
    expect(gh(['api', path, '--jq', '.[0].html_url']).stdout).toBe(first.html_url);
    expect(readPullRequestReviews(sshd, { ...repo, number: pr.number }, homes)).toMatchObject([
      {
        id: first.id,
        user: { login: 'sortie-bot' },
        body,
        state: 'COMMENTED',
        html_url: first.html_url,
        commit_id: pr.headSha,
        comments: [{ path: 'src/b.txt', line: 2, side: 'RIGHT', body: 'Is "two" right?' }],
      },
      { id: second.id, state: 'APPROVED', comments: [] },
      { state: 'PENDING', comments: [] },
    ]);

    // The GraphQL shape of `gh pr view --json reviews` (pending reviews are the author's own).
    const viewed = ghJson<{ reviews: unknown[] }>(['pr', 'view', pr.url, '--json', 'reviews']);
    expect(viewed.reviews).toEqual([
      expect.objectContaining({
        author: { login: 'sortie-bot' },
        state: 'COMMENTED',
        body,
        submittedAt: first.submitted_at,
      }),
      expect.objectContaining({ author: { login: 'sortie-bot' }, state: 'APPROVED', body: 'Looks good' }),
    ]);
    expect(gh(['pr', 'view', pr.url, '--json', 'reviews', '--jq', '.reviews[0].author.login']).stdout).toBe(
      'sortie-bot',
    );

    // What GitHub refuses.
    const refused = (json: unknown) => gh(['api', '-X', 'POST', path, '--input', '-'], JSON.stringify(json));
    expect(
      refused({ event: 'COMMENT', body: 'x', comments: [{ path: 'README.md', line: 1, body: 'x' }] }),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Path could not be resolved') as string,
    });
    expect(
      refused({ event: 'COMMENT', body: 'x', comments: [{ path: 'src/b.txt', line: 99, body: 'x' }] }),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Line could not be resolved') as string,
    });
    expect(refused({ event: 'SHIP_IT', body: 'x' })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('HTTP 422') as string,
    });
    expect(refused({ event: 'COMMENT', body: 'x', commit_id: 'f'.repeat(40) })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`No commit found for SHA: ${'f'.repeat(40)}`) as string,
    });
    expect(gh(['api', '-X', 'POST', path, '--input', '-'], '{"body":')).toMatchObject({
      code: 1,
      stderr: 'gh: Problems parsing JSON (HTTP 400)',
    });
    expect(readPullRequestReviews(sshd, { ...repo, number: pr.number }, homes)).toHaveLength(3);
  });

  it('publishes the head as refs/pull/N/head; a force-push with prune makes the old head unfetchable', () => {
    const pr = createPullRequest(sshd, repo, { title: 'Will be rewritten', headRef: 'rewrite-me' }, homes);
    const fetch = `set -e
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$scratch" init -q
git -C "$scratch" fetch -q "$1" "$2" 2>&1 || { echo "fetch failed"; exit 0; }
git -C "$scratch" rev-parse FETCH_HEAD`;
    expect(remote(fetch, upstream.gitUrl, `refs/pull/${pr.number}/head`).trim()).toBe(pr.headSha);
    expect(remote(fetch, upstream.gitUrl, 'refs/heads/rewrite-me').trim()).toBe(pr.headSha);

    const rewritten = pushToPullRequest(sshd, { ...repo, number: pr.number }, { force: true }, homes);
    expect(isAncestor(upstream.gitUrl, pr.headSha, rewritten)).toBe(false);
    expect(remote(fetch, upstream.gitUrl, `refs/pull/${pr.number}/head`).trim()).toBe(rewritten);
    expect(remote(fetch, upstream.gitUrl, pr.headSha).trim()).toMatch(/fetch failed$/);
    expect(gh(['api', `repos/${OWNER}/${name}/pulls/${pr.number}`, '--jq', '.head.sha']).stdout).toBe(
      rewritten,
    );
  });

  it('keeps refs/pull/N/head on the branch of a pull request opened with gh pr create', () => {
    const script = `set -eu
git_url=$1 work=$2
gh repo fork "https://github.com/acme/reviewed" --clone=false 2>/dev/null
fork=$(gh repo view sortie-bot/reviewed --json sshUrl --jq .sshUrl)
git clone -q "$fork" "$work"
git -C "$work" remote add upstream "$git_url"
git -C "$work" fetch -q upstream
git -C "$work" checkout -q -b from-fork upstream/main
cd "$work"
echo change >from-fork.txt
git add from-fork.txt
git -c user.name=Bot -c user.email=bot@example.invalid commit -q -m 'feat: from a fork'
git push -q origin HEAD:refs/heads/from-fork
gh pr create --fill --head from-fork 2>/dev/null
git rev-parse HEAD`;
    const [url, head] = remote(script, upstream.gitUrl, join(root, 'fork-work')).trim().split('\n') as [
      string,
      string,
    ];
    const number = url.split('/').at(-1) ?? '';
    const pull = ghJson<RestPull>(['api', `repos/${OWNER}/${name}/pulls/${number}`]);
    expect(pull.head).toMatchObject({ sha: head, repo: { full_name: 'sortie-bot/reviewed' } });
    expect(remote('git --git-dir="$1" rev-parse "refs/pull/$2/head"', upstream.gitUrl, number).trim()).toBe(
      head,
    );
  });
});

// ---- the fake agents in review mode ----------------------------------------------------------

/** A checkout of the upstream repo and a worktree at the pinned commit, as Sortie prepares them. */
const PREPARE_REVIEW = `set -eu
git_url=$1 checkout=$2 number=$3 worktree=$4 pinned=$5 run_dir=$6 prompt=$7 schema=$8
if [ ! -d "$checkout/.git" ]; then
  git clone -q "$git_url" "$checkout"
  git -C "$checkout" remote rename origin upstream
fi
git -C "$checkout" fetch -q upstream "refs/pull/$number/head"
git -C "$checkout" worktree add -q --detach "$worktree" "$pinned"
mkdir -p "$run_dir"
printf '%s' "$prompt" >"$run_dir/prompt.md"
printf '%s' "$schema" >"$run_dir/result-schema.json"`;

function launchScript(agent: AgentKind): string {
  return `${shellDefinitions()}
${adapterFor(agent).launchFragment}
set -u
export SORTIE_RUN_DIR=$1 SORTIE_WORKTREE=$2
sortie_agent_run &
code=0
wait "$!" || code=$?
echo "$code"`;
}

interface ReviewResult {
  status: string;
  summary: string;
  reviewSubmitted: boolean;
  githubReviewId: string | null;
  githubReviewUrl: string | null;
  worktreePath: string;
  notes: string | null;
}

interface ReviewRun {
  worktree: string;
  exitCode: number;
  /** The result as Sortie reads it: result.json, or Claude Code's result event. */
  raw: string | null;
  result: ReviewResult | null;
  events: string[];
}

let reviewRuns = 0;

function parseOrNull<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function runReview(options: {
  agent: AgentKind;
  repoName: string;
  upstream: UpstreamRepo;
  pr: { number: number; url: string };
  pinned: string;
  /** The commit the worktree is at (default: the pinned one). */
  worktreeAt?: string;
}): ReviewRun {
  reviewRuns++;
  const base = join(root, 'review-workspace', options.repoName);
  const worktree = join(base, 'worktrees', `rvw-${reviewRuns}`);
  const runDir = join(base, 'runs', `rvw-${reviewRuns}`);
  const prompt = buildReviewPrompt({
    pullRequest: {
      url: options.pr.url,
      title: 'Review me',
      repository: `${OWNER}/${options.repoName}`,
      repoUrl: options.upstream.repoUrl,
      baseBranch: 'main',
    },
    projectDescription: '',
    branch: `sortie/review-${reviewRuns}`,
    worktreePath: worktree,
    pinnedCommit: options.pinned,
    mainUser: 'octocat',
    defaultInstructions: 'Be brief.',
    extraInstructions: '',
    request: '',
    previousReview: null,
  });
  remote(
    PREPARE_REVIEW,
    options.upstream.gitUrl,
    join(base, options.repoName),
    String(options.pr.number),
    worktree,
    options.worktreeAt ?? options.pinned,
    runDir,
    prompt,
    REVIEW_RESULT_SCHEMA,
  );
  const exitCode = Number(remote(launchScript(options.agent), runDir, worktree).trim());
  const eventsFile = join(runDir, 'events.jsonl');
  const events = existsSync(eventsFile)
    ? readFileSync(eventsFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
    : [];
  // Codex writes result.json; Claude Code's answer is the structured_output of its result event.
  // A malformed answer is kept as raw text, with no result.
  const resultFile = join(runDir, 'result.json');
  if (existsSync(resultFile)) {
    const raw = readFileSync(resultFile, 'utf8');
    return { worktree, exitCode, raw, result: parseOrNull<ReviewResult>(raw), events };
  }
  const line = events.findLast((event) => parseOrNull<{ type?: string }>(event)?.type === 'result');
  const result = line
    ? (parseOrNull<{ structured_output: ReviewResult }>(line)?.structured_output ?? null)
    : null;
  return { worktree, exitCode, raw: line ?? events.at(-1) ?? null, result, events };
}

describe.each([{ agent: 'codex' as const }, { agent: 'claude' as const }])(
  'fake $agent reviewing',
  ({ agent }) => {
    const repoName = `review-by-${agent}`;
    const repo = { owner: OWNER, name: repoName };
    let upstream: UpstreamRepo;
    beforeAll(() => {
      upstream = createUpstreamRepo(sshd, { ...repo, baseBranch: 'main' }, homes);
    });

    it('submits one COMMENT review on the pinned commit, starting with the mention line', () => {
      setAgentOutcome(sshd, 'success', homes);
      const pr = createPullRequest(
        sshd,
        repo,
        {
          title: 'Add widgets',
          files: { 'src/widget.ts': 'export const widget = 1;\n', 'docs/widget.md': '# Widget\n' },
        },
        homes,
      );
      const run = runReview({ agent, repoName, upstream, pr, pinned: pr.headSha });
      expect(run.exitCode).toBe(0);
      const reviews = readPullRequestReviews(sshd, { ...repo, number: pr.number }, homes);
      expect(reviews).toHaveLength(1);
      const [review] = reviews as [(typeof reviews)[number]];
      expect(review).toMatchObject({
        state: 'COMMENTED',
        commit_id: pr.headSha,
        user: { login: 'sortie-bot' },
      });
      expect(review.body.split('\n')[0]).toBe('@octocat asked me to review this pull request.');
      expect(review.body).toMatch(/Looked at 2 changed files/);
      expect(review.comments).toMatchObject([
        { path: 'docs/widget.md', line: 1, side: 'RIGHT', body: expect.any(String) as string },
      ]);
      expect(run.result).toEqual({
        status: 'succeeded',
        summary: expect.stringContaining(pr.url) as string,
        reviewSubmitted: true,
        githubReviewId: String(review.id),
        githubReviewUrl: review.html_url,
        worktreePath: run.worktree,
        notes: null,
      });
      // The review result passes the app's own parser, and the events read as for tasks.
      const adapter = adapterFor(agent);
      expect(adapter.parseResult(run.raw ?? '', 'review')).toEqual(run.result);
      const entries = run.events.flatMap((line) => adapter.parseEventLine(line));
      expect(entries.filter((entry) => entry.kind === 'error')).toEqual([]);
      expect(entries.map((entry) => entry.text).join('\n')).toContain('gh api -X POST');
    });

    it('does not review a worktree that is not at the pinned commit', () => {
      setAgentOutcome(sshd, 'success', homes);
      const pr = createPullRequest(sshd, repo, { title: 'Moves on' }, homes);
      const pinned = pr.headSha;
      const moved = pushToPullRequest(sshd, { ...repo, number: pr.number }, {}, homes);
      const run = runReview({ agent, repoName, upstream, pr, pinned, worktreeAt: moved });
      expect(run.result).toMatchObject({
        status: 'failed',
        reviewSubmitted: false,
        githubReviewId: null,
        summary: `The worktree is at ${moved} but the pinned commit is ${pinned}.`,
      });
      expect(readPullRequestReviews(sshd, { ...repo, number: pr.number }, homes)).toEqual([]);
    });

    it.each(['review-unsubmitted', 'blocked', 'failed'] satisfies FakeAgentOutcome[])(
      '%s: no review is submitted',
      (outcome) => {
        setAgentOutcome(sshd, outcome, homes);
        const pr = createPullRequest(sshd, repo, { title: `Outcome ${outcome}` }, homes);
        const run = runReview({ agent, repoName, upstream, pr, pinned: pr.headSha });
        expect(run.exitCode).toBe(0);
        expect(run.result).toMatchObject({
          status: outcome === 'review-unsubmitted' ? 'succeeded' : outcome,
          reviewSubmitted: false,
          githubReviewId: null,
          githubReviewUrl: null,
          worktreePath: run.worktree,
        });
        if (outcome === 'review-unsubmitted') expect(run.result?.summary).toBe('Reviewed the changes.');
        expect(readPullRequestReviews(sshd, { ...repo, number: pr.number }, homes)).toEqual([]);
      },
    );

    it('malformed: exits 0 with a review result that cannot be read', () => {
      setAgentOutcome(sshd, 'malformed', homes);
      const pr = createPullRequest(sshd, repo, { title: 'Outcome malformed' }, homes);
      const run = runReview({ agent, repoName, upstream, pr, pinned: pr.headSha });
      expect(run.exitCode).toBe(0);
      expect(() => adapterFor(agent).parseResult(run.raw ?? '', 'review')).toThrow();
      expect(readPullRequestReviews(sshd, { ...repo, number: pr.number }, homes)).toEqual([]);
    });
  },
);
