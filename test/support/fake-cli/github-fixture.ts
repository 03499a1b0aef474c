import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sshd } from '../sshd';
import { shellQuote } from './install';

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
  comments: { path: string; line: number; side: string; body: string }[];
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
    isDraft: false,
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
      .map(({ path, line, side, body }) => ({ path, line, side, body })),
  }));
}
