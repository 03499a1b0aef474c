import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sshd } from '../sshd';
import { FAKE_CLI_DIR, shellQuote } from './install';

/** First line of the fake agents' outcome file; see bin/fake-agent.sh. */
export type FakeAgentOutcome =
  | 'success'
  | 'blocked'
  | 'failed'
  | 'exit-nonzero'
  | 'crash'
  | 'hang'
  | 'malformed'
  | 'big-output'
  | 'slow'
  | 'linger'
  /** Review runs: claims success without submitting a review. */
  | 'review-unsubmitted';
/** The same, under the name the run fixture uses. */
export type AgentOutcome = FakeAgentOutcome;

/** Where the fakes keep their state on the remote: FAKE_AGENT_HOME and FAKE_GH_HOME. */
export interface FakeHomes {
  agentHome: string;
  ghHome: string;
}

/** The defaults the fakes use when the environment does not name a state directory. */
export function defaultFakeHomes(sshd: Sshd): FakeHomes {
  return { agentHome: join(sshd.home, '.fake-agent'), ghHome: join(sshd.home, '.fake-gh') };
}

/** State directories of one's own under `root` (a remote path), for test files running in parallel. */
export function fakeHomesUnder(root: string): FakeHomes {
  return { agentHome: join(root, 'fake-agent'), ghHome: join(root, 'fake-gh') };
}

/** Prelude lines pointing the fakes at `homes`. */
export function fakeHomesPrelude(homes: FakeHomes): string {
  return `export FAKE_AGENT_HOME=${shellQuote(homes.agentHome)} FAKE_GH_HOME=${shellQuote(homes.ghHome)}`;
}

export interface UpstreamRepo {
  /** What a project's repo URL would be. */
  repoUrl: string;
  /** The bare repository standing for GitHub's copy: a project's git URL. */
  gitUrl: string;
}

const CREATE_UPSTREAM = `set -eu
dir=$1 base=$2 title=$3
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
git init -q --bare "$dir"
git --git-dir="$dir" symbolic-ref HEAD "refs/heads/$base"
seed=$(mktemp -d)
git -C "$seed" init -q
printf '# %s\\n' "$title" >"$seed/README.md"
git -C "$seed" add README.md
git -C "$seed" -c user.name=Upstream -c user.email=upstream@example.invalid commit -q -m 'chore: initial commit'
git -C "$seed" push -q "$dir" "HEAD:refs/heads/$base"
rm -rf "$seed"`;

/**
 * Creates the "GitHub" repository OWNER/NAME for the fake gh: a bare repo owned by the remote user
 * with one commit on `baseBranch`.
 */
export function createUpstreamRepo(
  sshd: Sshd,
  repo: { owner: string; name: string; baseBranch: string },
  homes: FakeHomes = defaultFakeHomes(sshd),
): UpstreamRepo {
  const gitUrl = join(homes.ghHome, 'repos', repo.owner, `${repo.name}.git`);
  sshd.runAsUser([
    'bash',
    '-c',
    CREATE_UPSTREAM,
    'bash',
    gitUrl,
    repo.baseBranch,
    `${repo.owner}/${repo.name}`,
  ]);
  return { repoUrl: `https://github.com/${repo.owner}/${repo.name}`, gitUrl };
}

function writeRemoteFile(sshd: Sshd, path: string, content: string): void {
  sshd.runAsUser([
    'bash',
    '-c',
    'mkdir -p "$(dirname "$1")" && printf "%s" "$2" >"$1"',
    'bash',
    path,
    content,
  ]);
}

export function setAgentOutcome(
  sshd: Sshd,
  outcome: FakeAgentOutcome,
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  writeRemoteFile(sshd, join(homes.agentHome, 'outcome'), `${outcome}\n`);
}

/** Makes the fake agents claim `path` as their worktree in their result (null: the real one). */
export function setReportedWorktree(
  sshd: Sshd,
  path: string | null,
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  const file = join(homes.agentHome, 'reported-worktree');
  if (path === null) sshd.runAsUser(['rm', '-f', file]);
  else writeRemoteFile(sshd, file, `${path}\n`);
}

/** Logs the fake gh in (optionally as `login`) or out. */
export function setGhAuth(
  sshd: Sshd,
  auth: { loggedIn: boolean; login?: string },
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  const loggedOut = join(homes.ghHome, 'logged-out');
  if (auth.loggedIn) sshd.runAsUser(['rm', '-f', loggedOut]);
  else writeRemoteFile(sshd, loggedOut, '');
  if (auth.login !== undefined) writeRemoteFile(sshd, join(homes.ghHome, 'login'), `${auth.login}\n`);
}

/** Makes every call of the fake gh wait `seconds` first (null: answer at once). */
export function setGhLatency(
  sshd: Sshd,
  seconds: number | null,
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  const file = join(homes.ghHome, 'latency');
  if (seconds === null) sshd.runAsUser(['rm', '-f', file]);
  else writeRemoteFile(sshd, file, `${seconds}\n`);
}

/** A pull request as the fake gh records it. */
export interface FakePullRequest {
  number: number;
  url: string;
  /** OWNER/NAME of the upstream repository. */
  repository: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  title: string;
  body: string;
  headRefName: string;
  /** The fork's bare repository the branch was pushed to. */
  headRepository: string;
  /** The head commit when the PR was opened (gh itself reports the branch's current tip). */
  headRefOid: string;
  baseRefName: string;
  isDraft: boolean;
  author: string;
  mergedAt: string | null;
  createdAt: string;
}

export interface FakeState {
  lastPrompt: string | null;
  lastArgs: string[] | null;
  /** The pid of the last fake agent started. */
  agentPid: number | null;
  /** Every fake agent pid started with these homes, oldest first. */
  agentPids: number[];
  /** All recorded pull requests, by repository then number. */
  pullRequests: FakePullRequest[];
}

function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** Reads what the fakes recorded (the remote is this machine, so directly from disk). */
export function readFakeState(sshd: Sshd, homes: FakeHomes = defaultFakeHomes(sshd)): FakeState {
  const args = readIfExists(join(homes.agentHome, 'last-args'));
  const pid = readIfExists(join(homes.agentHome, 'agent.pid'));
  const pids = readIfExists(join(homes.agentHome, 'agent.pids')) ?? '';
  return {
    lastPrompt: readIfExists(join(homes.agentHome, 'last-prompt.md')),
    lastArgs: args === null ? null : args.split('\0').slice(0, -1),
    agentPid: pid === null ? null : Number(pid.trim()),
    agentPids: pids
      .split('\n')
      .filter((line) => line !== '')
      .map(Number),
    pullRequests: readPullRequests(join(homes.ghHome, 'prs')),
  };
}

function readPullRequests(root: string): FakePullRequest[] {
  if (!existsSync(root)) return [];
  const found: FakePullRequest[] = [];
  for (const owner of readdirSync(root).sort()) {
    for (const name of readdirSync(join(root, owner)).sort()) {
      const dir = join(root, owner, name);
      const numbers = readdirSync(dir)
        .filter((file) => /^\d+\.json$/.test(file))
        .map((file) => Number(file.slice(0, -'.json'.length)))
        .sort((a, b) => a - b);
      for (const number of numbers) {
        found.push(JSON.parse(readFileSync(join(dir, `${number}.json`), 'utf8')) as FakePullRequest);
      }
    }
  }
  return found;
}

// ---- pull requests of the upstream repositories (the PRs Sortie reviews) ---------------------

/** OWNER/NAME and number of a pull request of the fake GitHub. */
export interface PullRequestRef {
  owner: string;
  name: string;
  number: number;
}

/** A review as `gh api repos/O/R/pulls/N/reviews` answers, with its inline comments. */
export interface FakeReview {
  id: number;
  node_id: string;
  user: { login: string };
  body: string;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'PENDING';
  html_url: string;
  pull_request_url: string;
  commit_id: string;
  submitted_at: string | null;
  comments: { id: number; path: string; line: number; side: string; body: string; in_reply_to_id?: number }[];
}

function prFile(homes: FakeHomes, pr: PullRequestRef): string {
  return join(homes.ghHome, 'prs', pr.owner, pr.name, `${pr.number}.json`);
}

/** Writes a pull request file in the one-field-a-line form the fake gh reads (atomically). */
function writePullRequestFile(sshd: Sshd, path: string, pr: FakePullRequest): void {
  sshd.runAsUser([
    'bash',
    '-c',
    'mkdir -p "$(dirname "$1")" && printf "%s\\n" "$2" >"$1.tmp" && mv "$1.tmp" "$1"',
    'bash',
    path,
    JSON.stringify(pr, null, 2),
  ]);
}

function readPullRequestFile(homes: FakeHomes, pr: PullRequestRef): FakePullRequest {
  const path = prFile(homes, pr);
  if (!existsSync(path))
    throw new Error(`no pull request ${pr.owner}/${pr.name}#${pr.number} in ${homes.ghHome}`);
  return JSON.parse(readFileSync(path, 'utf8')) as FakePullRequest;
}

/**
 * Shared by the scripts below: commits FILE CONTENT pairs (the remaining arguments) on top of
 * START in a scratch clone of the bare repository UPSTREAM, and pushes the commit to every ref
 * in REFS (space separated), forced, as GitHub moves a PR head. Prints the new commit.
 */
const COMMIT_TO_REFS = `set -eu
upstream=$1 start=$2 refs=$3 message=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q
git -C "$work" fetch -q "$upstream" "$start"
git -C "$work" checkout -q --detach FETCH_HEAD
while [ $# -ge 2 ]; do
  mkdir -p "$(dirname "$work/$1")"
  printf '%s' "$2" >"$work/$1"
  git -C "$work" add -- "$1"
  shift 2
done
git -C "$work" -c user.name='PR Author' -c user.email=author@example.invalid commit -q --allow-empty -m "$message"
# Unquoted on purpose: REFS is a list of ref names, which have no spaces.
for ref in $refs; do git -C "$work" push -q -f "$upstream" "HEAD:$ref"; done
git -C "$work" rev-parse HEAD`;

/** Takes the next pull request number of a repository, as \`gh pr create\` does (same lock). */
const NEXT_PR_NUMBER = `set -eu
dir=$1
mkdir -p "$dir"
tries=0
until mkdir "$dir/.lock" 2>/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -gt 200 ] && { echo "could not take the lock $dir/.lock" >&2; exit 1; }
  sleep 0.05
done
number=1
[ -f "$dir/next" ] && IFS= read -r number <"$dir/next"
printf '%s\n' "$((number + 1))" >"$dir/next"
rmdir "$dir/.lock"
printf '%s' "$number"`;

function fileArgs(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([path, content]) => [path, content]);
}

/**
 * Opens a pull request on the upstream repository OWNER/NAME (made by createUpstreamRepo), as
 * someone else would: one commit with `files` (default: src/feature.txt) on top of the base
 * branch, pushed to refs/heads/HEAD_REF (default feature-N) and, as GitHub does, to
 * refs/pull/N/head. Numbers are shared with `gh pr create`.
 */
export function createPullRequest(
  sshd: Sshd,
  repo: { owner: string; name: string },
  pr: {
    title: string;
    baseBranch?: string;
    headRef?: string;
    files?: Record<string, string>;
    author?: string;
    /** Opened as a draft. */
    draft?: boolean;
  },
  homes: FakeHomes = defaultFakeHomes(sshd),
): { number: number; url: string; headSha: string } {
  const slug = `${repo.owner}/${repo.name}`;
  const upstream = join(homes.ghHome, 'repos', repo.owner, `${repo.name}.git`);
  const baseBranch = pr.baseBranch ?? 'main';
  const number = Number(
    sshd.runAsUser(['bash', '-c', NEXT_PR_NUMBER, 'bash', join(homes.ghHome, 'prs', repo.owner, repo.name)]),
  );
  const headRef = pr.headRef ?? `feature-${number}`;
  const files = pr.files ?? { 'src/feature.txt': `${pr.title}\n` };
  const headSha = sshd
    .runAsUser([
      'bash',
      '-c',
      COMMIT_TO_REFS,
      'bash',
      upstream,
      `refs/heads/${baseBranch}`,
      `refs/heads/${headRef} refs/pull/${number}/head`,
      pr.title,
      ...fileArgs(files),
    ])
    .trim();
  const url = `https://github.com/${slug}/pull/${number}`;
  writePullRequestFile(sshd, prFile(homes, { ...repo, number }), {
    number,
    url,
    repository: slug,
    state: 'OPEN',
    title: pr.title,
    body: '',
    headRefName: headRef,
    headRepository: upstream,
    headRefOid: headSha,
    baseRefName: baseBranch,
    isDraft: pr.draft ?? false,
    author: pr.author ?? 'octocat',
    mergedAt: null,
    createdAt: new Date().toISOString(),
  });
  return { number, url, headSha };
}

/** Deletes every ref of a bare repository at OLD, expires reflogs and prunes: OLD is gone. */
const FORGET_COMMIT = `set -eu
upstream=$1 old=$2
git --git-dir="$upstream" for-each-ref --format='%(refname)' --points-at "$old" |
  while IFS= read -r ref; do git --git-dir="$upstream" update-ref -d "$ref"; done
git --git-dir="$upstream" reflog expire --expire=now --all
git --git-dir="$upstream" gc -q --prune=now
if git --git-dir="$upstream" cat-file -e "$old^{commit}" 2>/dev/null; then
  echo "commit $old is still reachable in $upstream" >&2
  exit 1
fi`;

/**
 * A new commit becomes the head of the pull request (its branch and refs/pull/N/head) and is
 * returned. `force`: a rewritten history, as after a force-push: the new commit sits on the base
 * branch instead of the old head, and the old head commit is removed from the upstream repository
 * (fetching it fails). Default change: a line added to src/feature.txt.
 */
export function pushToPullRequest(
  sshd: Sshd,
  pr: PullRequestRef,
  options: { force?: boolean; files?: Record<string, string> } = {},
  homes: FakeHomes = defaultFakeHomes(sshd),
): string {
  const file = readPullRequestFile(homes, pr);
  const upstream = join(homes.ghHome, 'repos', pr.owner, `${pr.name}.git`);
  const pullRef = `refs/pull/${pr.number}/head`;
  const oldHead = sshd.runAsUser(['git', `--git-dir=${upstream}`, 'rev-parse', pullRef]).trim();
  const stamp = `${new Date().toISOString()} ${Math.random().toString(16).slice(2)}`;
  let files = options.files;
  if (files === undefined) {
    const previous = options.force
      ? ''
      : sshd.runAsUser([
          'bash',
          '-c',
          'git --git-dir="$1" show "$2:src/feature.txt" 2>/dev/null || true',
          'bash',
          upstream,
          pullRef,
        ]);
    files = { 'src/feature.txt': `${previous}update ${stamp}\n` };
  }
  const newHead = sshd
    .runAsUser([
      'bash',
      '-c',
      COMMIT_TO_REFS,
      'bash',
      upstream,
      options.force ? `refs/heads/${file.baseRefName}` : pullRef,
      `refs/heads/${file.headRefName} ${pullRef}`,
      options.force ? `${file.title} (rewritten ${stamp})` : `Update ${stamp}`,
      ...fileArgs(files),
    ])
    .trim();
  if (options.force) sshd.runAsUser(['bash', '-c', FORGET_COMMIT, 'bash', upstream, oldHead]);
  writePullRequestFile(sshd, prFile(homes, pr), { ...readPullRequestFile(homes, pr), headRefOid: newHead });
  return newHead;
}

/** Opens, closes or merges a pull request of the fake GitHub. */
export function setPullRequestState(
  sshd: Sshd,
  pr: PullRequestRef,
  state: 'OPEN' | 'CLOSED' | 'MERGED',
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  writePullRequestFile(sshd, prFile(homes, pr), {
    ...readPullRequestFile(homes, pr),
    state,
    mergedAt: state === 'MERGED' ? new Date().toISOString() : null,
  });
}

/** Marks a pull request as a draft, or ready for review. */
export function setPullRequestDraft(
  sshd: Sshd,
  pr: PullRequestRef,
  draft: boolean,
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  writePullRequestFile(sshd, prFile(homes, pr), { ...readPullRequestFile(homes, pr), isDraft: draft });
}

function readJsonLines<T>(path: string): T[] {
  const text = readIfExists(path) ?? '';
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The reviews submitted on a pull request (through `gh api`), oldest first, with their inline comments. */
export function readPullRequestReviews(
  sshd: Sshd,
  pr: PullRequestRef,
  homes: FakeHomes = defaultFakeHomes(sshd),
): FakeReview[] {
  const base = prFile(homes, pr).slice(0, -'.json'.length);
  const comments = readJsonLines<FakeReview['comments'][number] & { pull_request_review_id: number }>(
    `${base}.review-comments.jsonl`,
  );
  return readJsonLines<Omit<FakeReview, 'comments'>>(`${base}.reviews.jsonl`).map((review) => ({
    ...review,
    comments: comments
      .filter((comment) => comment.pull_request_review_id === review.id)
      .map(({ id, path, line, side, body, in_reply_to_id }) => ({
        id,
        path,
        line,
        side,
        body,
        ...(in_reply_to_id ? { in_reply_to_id } : {}),
      })),
  }));
}

// ---- reviewers, checks and comments of the fake GitHub (what the automation reads) -----------

/** A time as the REST and GraphQL APIs print it: ISO 8601 in UTC, to the second. */
function githubTime(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new Error(`not a time: ${String(time)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Runs the fake gh of this checkout as the remote user on these homes, with `stdin`; FAKE_GH_AS
 * makes it act as that GitHub user, FAKE_GH_NOW stamps what it stores with that time.
 */
function runFakeGh(
  sshd: Sshd,
  homes: FakeHomes,
  args: string[],
  options: { stdin?: string; as?: string; now?: string } = {},
): string {
  const env = [`FAKE_GH_HOME=${homes.ghHome}`];
  if (options.as !== undefined) env.push(`FAKE_GH_AS=${options.as}`);
  if (options.now !== undefined) env.push(`FAKE_GH_NOW=${options.now}`);
  return sshd.runAsUser([
    'env',
    ...env,
    'bash',
    '-c',
    'input=$1\nshift\nprintf "%s" "$input" | bash "$@"',
    'bash',
    options.stdin ?? '',
    join(FAKE_CLI_DIR, 'gh'),
    ...args,
  ]);
}

/**
 * The pull request's current head commit, as `gh pr view --json headRefOid` reports it: the tip
 * of its head branch (which an agent may have pushed to), else the commit it was opened with.
 */
export function pullRequestHead(
  sshd: Sshd,
  pr: PullRequestRef,
  homes: FakeHomes = defaultFakeHomes(sshd),
): string {
  const file = readPullRequestFile(homes, pr);
  const tip = sshd
    .runAsUser([
      'bash',
      '-c',
      'git --git-dir="$1" rev-parse -q --verify "refs/heads/$2^{commit}" 2>/dev/null || true',
      'bash',
      file.headRepository,
      file.headRefName,
    ])
    .trim();
  return tip || file.headRefOid;
}

export type FakeReviewState = 'COMMENTED' | 'CHANGES_REQUESTED' | 'APPROVED';

const REVIEW_EVENTS: Record<FakeReviewState, string> = {
  COMMENTED: 'COMMENT',
  CHANGES_REQUESTED: 'REQUEST_CHANGES',
  APPROVED: 'APPROVE',
};

/**
 * GitHub user `review.user` submits a review on the pull request's current head, with inline
 * comments on lines of files the pull request changes, at `submittedAt` (default now). It goes
 * through the fake gh's `POST repos/O/R/pulls/N/reviews`, so `gh pr view --json reviews`,
 * reviewDecision, `gh api …/reviews` and `…/comments` all show it, and what GitHub refuses fails
 * here too (a path the PR does not change, a line the file lacks, approving one's own PR).
 */
export function submitReview(
  sshd: Sshd,
  pr: PullRequestRef,
  review: {
    user: string;
    state: FakeReviewState;
    body: string;
    submittedAt?: string;
    comments?: { path: string; line: number; body: string }[];
  },
  homes: FakeHomes = defaultFakeHomes(sshd),
): { id: number; url: string; nodeId: string } {
  const input = JSON.stringify({
    event: REVIEW_EVENTS[review.state],
    body: review.body,
    comments: (review.comments ?? []).map((comment) => ({ ...comment, side: 'RIGHT' })),
  });
  const out = runFakeGh(
    sshd,
    homes,
    ['api', '-X', 'POST', `repos/${pr.owner}/${pr.name}/pulls/${pr.number}/reviews`, '--input', '-'],
    { stdin: input, as: review.user, now: githubTime(review.submittedAt ?? new Date()) },
  );
  const stored = JSON.parse(out) as { id: number; node_id: string; html_url: string };
  return { id: stored.id, url: stored.html_url, nodeId: stored.node_id };
}

/**
 * GitHub user `reply.user` answers the inline comment `commentId` in its thread, at `at` (default
 * now), through the fake gh's `POST …/pulls/N/comments/ID/replies`: as on GitHub, the reply comes
 * with a COMMENTED review of its own that has no body.
 */
export function replyToReviewComment(
  sshd: Sshd,
  pr: PullRequestRef,
  reply: { user: string; commentId: number; body: string; at?: string },
  homes: FakeHomes = defaultFakeHomes(sshd),
): { id: number; reviewId: number } {
  const out = runFakeGh(
    sshd,
    homes,
    [
      'api',
      '-X',
      'POST',
      `repos/${pr.owner}/${pr.name}/pulls/${pr.number}/comments/${reply.commentId}/replies`,
      '-f',
      `body=${reply.body}`,
    ],
    { as: reply.user, now: githubTime(reply.at ?? new Date()) },
  );
  const stored = JSON.parse(out) as { id: number; pull_request_review_id: number };
  return { id: stored.id, reviewId: stored.pull_request_review_id };
}

export type FakeCheckStatus = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED';
export type FakeCheckConclusion =
  | 'SUCCESS'
  | 'FAILURE'
  | 'CANCELLED'
  | 'SKIPPED'
  | 'NEUTRAL'
  | 'TIMED_OUT'
  | 'ACTION_REQUIRED'
  | 'STARTUP_FAILURE';

export interface FakeCheck {
  /** The check run's (job's) name, e.g. "test". */
  name: string;
  /** Default COMPLETED. */
  status?: FakeCheckStatus;
  /** For a completed check; default SUCCESS. Ignored otherwise. */
  conclusion?: FakeCheckConclusion;
  /** The step's log text (several lines), as `gh run view --log-failed` prints it. */
  log?: string;
  /** The workflow's name; default "CI". */
  workflow?: string;
  /** The step's name in the log; default "Run tests". */
  step?: string;
  /** Whether branch protection requires it (`gh pr checks --required`); default true. */
  required?: boolean;
  /** Default now (null while QUEUED). */
  startedAt?: string;
  /** Default now once COMPLETED. */
  completedAt?: string;
}

/** Takes the next GitHub Actions run id of the fake GitHub (under a lock). */
const NEXT_RUN_ID = `set -eu
state=$1
mkdir -p "$state"
tries=0
until mkdir "$state/.runs.lock" 2>/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -gt 200 ] && { echo "could not take the lock $state/.runs.lock" >&2; exit 1; }
  sleep 0.05
done
last=9000000000
[ -f "$state/run-ids" ] && IFS= read -r last <"$state/run-ids"
printf '%s\\n' "$((last + 1))" >"$state/run-ids"
rmdir "$state/.runs.lock"
printf '%s' "$((last + 1))"`;

/** Writes the run's log, then its record (atomically): a reader never sees a run without its log. */
const WRITE_RUN = `set -eu
record=$1 log=$2 record_text=$3 log_text=$4
mkdir -p "$(dirname "$record")"
printf '%s' "$log_text" >"$log.tmp"
mv "$log.tmp" "$log"
printf '%s\\n' "$record_text" >"$record.tmp"
mv "$record.tmp" "$record"`;

/**
 * Records a check run (a GitHub Actions run with one job) for the pull request's current head
 * commit; a check of the same name recorded later for that commit replaces it in `gh pr view
 * --json statusCheckRollup` and `gh pr checks` (the older run stays viewable with `gh run view`).
 * A push to the pull request leaves it without checks until some are set for the new head.
 */
export function setCheck(
  sshd: Sshd,
  pr: PullRequestRef,
  check: FakeCheck,
  homes: FakeHomes = defaultFakeHomes(sshd),
): { runId: number; jobId: number; detailsUrl: string; headSha: string } {
  const slug = `${pr.owner}/${pr.name}`;
  const headSha = pullRequestHead(sshd, pr, homes);
  const runId = Number(sshd.runAsUser(['bash', '-c', NEXT_RUN_ID, 'bash', homes.ghHome]));
  const jobId = runId + 20_000_000_000;
  const status = check.status ?? 'COMPLETED';
  const completed = status === 'COMPLETED';
  const now = githubTime(new Date());
  const startedAt = check.startedAt ? githubTime(check.startedAt) : status === 'QUEUED' ? null : now;
  const completedAt = completed ? (check.completedAt ? githubTime(check.completedAt) : now) : null;
  const detailsUrl = `https://github.com/${slug}/actions/runs/${runId}/job/${jobId}`;
  // GitHub's log lines start with a timestamp to the 100 nanoseconds.
  const stamp = (completedAt ?? startedAt ?? now).replace(/Z$/, '.0000000Z');
  const logLines = (check.log ?? '').split('\n');
  if (logLines.at(-1) === '') logLines.pop();
  const log = logLines.map((line) => `${stamp} ${line}\n`).join('');
  const record = {
    runId,
    jobId,
    repository: slug,
    headSha,
    name: check.name,
    workflow: check.workflow ?? 'CI',
    step: check.step ?? 'Run tests',
    event: 'pull_request',
    status,
    conclusion: completed ? (check.conclusion ?? 'SUCCESS') : null,
    required: check.required ?? true,
    startedAt,
    completedAt,
    detailsUrl,
  };
  const dir = join(homes.ghHome, 'runs', pr.owner, pr.name);
  sshd.runAsUser([
    'bash',
    '-c',
    WRITE_RUN,
    'bash',
    join(dir, `${runId}.json`),
    join(dir, `${runId}.log`),
    JSON.stringify(record, null, 2),
    log,
  ]);
  return { runId, jobId, detailsUrl, headSha };
}

/** A conversation comment of a pull request (`gh pr comment`), as the REST API shows it. */
export interface FakeIssueComment {
  id: number;
  user: { login: string };
  body: string;
  created_at: string;
  html_url?: string;
}

/** The pull request's conversation comments (posted with `gh pr comment`), oldest first. */
export function readPullRequestComments(
  sshd: Sshd,
  pr: PullRequestRef,
  homes: FakeHomes = defaultFakeHomes(sshd),
): FakeIssueComment[] {
  return readJsonLines<FakeIssueComment>(`${prFile(homes, pr).slice(0, -'.json'.length)}.comments.jsonl`);
}

/** Merges the pull request (its state becomes MERGED, with mergedAt). */
export function mergePullRequest(
  sshd: Sshd,
  pr: PullRequestRef,
  homes: FakeHomes = defaultFakeHomes(sshd),
): void {
  setPullRequestState(sshd, pr, 'MERGED', homes);
}
