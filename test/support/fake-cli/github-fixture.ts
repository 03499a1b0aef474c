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
  | 'linger';
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
