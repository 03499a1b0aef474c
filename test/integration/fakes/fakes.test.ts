import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentKind } from '@shared/domain/dispatch';
import { adapterFor, type LiveEntry } from '../../../src/main/core/agents';
import { shellDefinitions } from '../../../src/main/core/remote/run-directory/protocol';
import { AppError } from '../../../src/main/core/errors';
import { buildTaskPrompt, TASK_RESULT_SCHEMA } from '../../../src/main/core/prompts';
import {
  createUpstreamRepo,
  fakeHomesPrelude,
  fakeHomesUnder,
  readFakeState,
  setAgentOutcome,
  type FakeAgentOutcome,
  type FakeHomes,
  type UpstreamRepo,
} from '../../support/fake-cli/github-fixture';
import { installFakeClis, shellQuote } from '../../support/fake-cli/install';
import { startSshd, type Sshd } from '../../support/sshd';

let sshd: Sshd;
let root: string;
let homes: FakeHomes;
let prelude: string;
let runs = 0;

beforeAll(async () => {
  sshd = await startSshd();
  root = join(sshd.home, `fakes-test-${process.pid}-${Date.now()}`);
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

/** The same through a real SSH session: the script on stdin, arguments on the command line. */
function overSsh(script: string, ...args: string[]): string {
  const command = ['bash', '-s', '--', ...args].map(shellQuote).join(' ');
  return execFileSync('ssh', [...sshd.opensshArgs(), command], {
    input: `${prelude}\n${script}`,
    encoding: 'utf8',
  });
}

const PROJECT = { name: 'widgets', baseBranch: 'main', description: '' };

/** The checkout (origin = the bot's fork, upstream = the real repo) as Sortie's scripts prepare it. */
const PREPARE = `set -eu
repo_url=$1 name=$2 git_url=$3 checkout=$4 branch=$5 worktree=$6 run_dir=$7 prompt=$8 schema=$9
if [ ! -d "$checkout/.git" ]; then
  gh repo fork "$repo_url" --clone=false 2>/dev/null
  fork=$(gh repo view "sortie-bot/$name" --json sshUrl --jq .sshUrl)
  git clone -q "$fork" "$checkout"
  git -C "$checkout" remote add upstream "$git_url"
fi
git -C "$checkout" fetch -q upstream
[ -d "$worktree" ] || git -C "$checkout" worktree add -q -B "$branch" "$worktree" upstream/main
mkdir -p "$run_dir"
printf '%s' "$prompt" >"$run_dir/prompt.md"
printf '%s' "$schema" >"$run_dir/result-schema.json"`;

/** Runs the agent's fragment as the launcher does: in a background subshell, then waits for it. */
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

interface Run {
  runDir: string;
  worktree: string;
  branch: string;
  exitCode: number;
  result: string | null;
  events: string[];
}

interface RunOptions {
  agent: AgentKind;
  upstream: UpstreamRepo;
  repoName: string;
  /** Continue this earlier run (same branch and worktree) as a follow-up. */
  followUpOf?: Run & { pullRequestUrl: string };
  viaSsh?: boolean;
}

function runAgent(options: RunOptions): Run {
  runs++;
  const dispatchId = `dsp_${String(runs).padStart(20, '0')}`;
  const base = join(root, 'workspace', options.repoName);
  const branch = options.followUpOf?.branch ?? `sortie/${dispatchId}`;
  const worktree = options.followUpOf?.worktree ?? join(base, 'worktrees', dispatchId);
  const runDir = join(base, 'dispatches', dispatchId);
  const prompt = buildTaskPrompt({
    project: {
      ...PROJECT,
      name: options.repoName,
      repoUrl: options.upstream.repoUrl,
      gitUrl: options.upstream.gitUrl,
    },
    task: { title: `Add a "changelog" entry for $(whoami) #${runs}`, summary: 'Keep it short.', note: '' },
    branch,
    worktreePath: worktree,
    pullRequestUrl: options.followUpOf?.pullRequestUrl ?? null,
    followUps: [],
    currentFollowUp: options.followUpOf ? 'Please also mention `gh`.' : null,
  });
  remote(
    PREPARE,
    options.upstream.repoUrl,
    options.repoName,
    options.upstream.gitUrl,
    join(base, options.repoName),
    branch,
    worktree,
    runDir,
    prompt,
    TASK_RESULT_SCHEMA,
  );
  const launch = options.viaSsh ? overSsh : remote;
  const exitCode = Number(launch(launchScript(options.agent), runDir, worktree).trim());
  const resultFile = join(runDir, 'result.json');
  const eventsFile = join(runDir, 'events.jsonl');
  const events = existsSync(eventsFile)
    ? readFileSync(eventsFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
  // As Sortie reads it: Codex writes result.json, Claude Code's comes as a result event.
  const adapter = adapterFor(options.agent);
  const fromEvents = events.map((line) => adapter.resultFromEventLine(line)).filter((r) => r !== null);
  return {
    runDir,
    worktree,
    branch,
    exitCode,
    result: existsSync(resultFile) ? readFileSync(resultFile, 'utf8') : (fromEvents.at(-1) ?? null),
    events,
  };
}

function forkCommits(repoName: string, branch: string): string[] {
  return remote(
    'git --git-dir="$1" log --format=%s "$2" --',
    join(homes.ghHome, 'forks', `${repoName}.git`),
    branch,
  )
    .trim()
    .split('\n');
}

/** Event types that legitimately carry nothing for a person. */
const QUIET_EVENTS: Record<AgentKind, string[]> = {
  codex: ['turn.started', 'item.started'],
  claude: ['user'],
};

/** Codex's last message, the result JSON: the run's result card shows it, not the output. */
function isFinalAnswer(line: string): boolean {
  const event = JSON.parse(line) as { type: string; item?: { type?: string; text?: string } };
  return (
    event.type === 'item.completed' &&
    event.item?.type === 'agent_message' &&
    /^\{"status":/.test(event.item.text ?? '')
  );
}

function checkEvents(agent: AgentKind, events: string[]): LiveEntry[] {
  const adapter = adapterFor(agent);
  const all: LiveEntry[] = [];
  for (const line of events) {
    const entries = adapter.parseEventLine(line);
    expect(
      entries.filter((entry) => entry.kind === 'error'),
      line,
    ).toEqual([]);
    if (entries.length === 0 && !isFinalAnswer(line))
      expect(QUIET_EVENTS[agent], line).toContain((JSON.parse(line) as { type: string }).type);
    for (const entry of entries) expect(entry.text, line).not.toBe('');
    all.push(...entries);
  }
  return all;
}

describe.each([
  { agent: 'codex' as const, repoName: 'widgets', viaSsh: true },
  { agent: 'claude' as const, repoName: 'gadgets', viaSsh: false },
])('fake $agent', ({ agent, repoName, viaSsh }) => {
  let upstream: UpstreamRepo;
  beforeAll(() => {
    upstream = createUpstreamRepo(sshd, { owner: 'acme', name: repoName, baseBranch: 'main' }, homes);
  });

  it('commits, pushes to the fork, opens a PR and reports it; a follow-up reuses the PR', () => {
    setAgentOutcome(sshd, 'success', homes);
    const first = runAgent({ agent, upstream, repoName, viaSsh });
    expect(first.exitCode).toBe(0);
    const result = adapterFor(agent).parseResult(first.result ?? '');
    const url = `https://github.com/acme/${repoName}/pull/1`;
    expect(result).toEqual({
      status: 'succeeded',
      summary: expect.stringContaining(url) as string,
      pullRequestUrl: url,
      branchName: first.branch,
      worktreePath: first.worktree,
      notes: null,
    });
    expect(forkCommits(repoName, first.branch)).toEqual([
      expect.stringMatching(/^feat: Add a "changelog" entry/) as string,
      'chore: initial commit',
    ]);
    const state = readFakeState(sshd, homes);
    expect(state.pullRequests.filter((pr) => pr.repository === `acme/${repoName}`)).toMatchObject([
      { number: 1, url, state: 'OPEN', headRefName: first.branch, baseRefName: 'main', author: 'sortie-bot' },
    ]);
    expect(state.lastPrompt).toBe(readFileSync(join(first.runDir, 'prompt.md'), 'utf8'));
    expect(state.lastArgs).toContain(agent === 'codex' ? '--output-schema' : '--json-schema');
    const kinds = new Set(checkEvents(agent, first.events).map((entry) => entry.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['message', 'command', 'file-change', 'status']));

    const second = runAgent({ agent, upstream, repoName, followUpOf: { ...first, pullRequestUrl: url } });
    expect(adapterFor(agent).parseResult(second.result ?? '')).toMatchObject({
      status: 'succeeded',
      pullRequestUrl: url,
    });
    expect(forkCommits(repoName, first.branch)).toHaveLength(3);
    expect(forkCommits(repoName, first.branch)[0]).toMatch(/^fix: follow-up on /);
    expect(
      readFakeState(sshd, homes).pullRequests.filter((pr) => pr.repository === `acme/${repoName}`),
    ).toHaveLength(1);
  });

  it('blocked: reports the blocker without touching the repository', () => {
    setAgentOutcome(sshd, 'blocked', homes);
    const before = readFakeState(sshd, homes).pullRequests.length;
    const run = runAgent({ agent, upstream, repoName });
    expect(run.exitCode).toBe(0);
    expect(adapterFor(agent).parseResult(run.result ?? '')).toMatchObject({
      status: 'blocked',
      pullRequestUrl: null,
      notes: expect.any(String) as string,
    });
    expect(readFakeState(sshd, homes).pullRequests).toHaveLength(before);
    checkEvents(agent, run.events);
  });

  it('malformed: exits 0 with a result that is not JSON', () => {
    setAgentOutcome(sshd, 'malformed', homes);
    const run = runAgent({ agent, upstream, repoName });
    expect(run.exitCode).toBe(0);
    expect(() => adapterFor(agent).parseResult(run.result ?? '')).toThrow(AppError);
    // A cut-off result line is no JSON event at all, so Claude Code's run has no result.
    expect(() => adapterFor(agent).parseResult(run.result ?? '')).toThrow(
      agent === 'codex' ? /not valid JSON/ : /no final "result" event/,
    );
  });

  it('exit-nonzero: exits 1 without a result and says why on stderr', () => {
    setAgentOutcome(sshd, 'exit-nonzero', homes);
    const run = runAgent({ agent, upstream, repoName });
    expect(run.exitCode).toBe(1);
    expect(run.result).toBeNull();
    expect(readFileSync(join(run.runDir, 'stderr.log'), 'utf8')).toMatch(/stream disconnected/);
  });

  it('crash: dies by SIGKILL without a result', () => {
    setAgentOutcome(sshd, 'crash', homes);
    const run = runAgent({ agent, upstream, repoName });
    expect(run.exitCode).toBe(137);
    expect(run.result).toBeNull();
    expect(run.events.length).toBeGreaterThan(0);
  });
});

it('hang: the agent runs until the shell running the fragment is stopped, and then is gone', () => {
  setAgentOutcome(sshd, 'hang', homes);
  const upstream = createUpstreamRepo(sshd, { owner: 'acme', name: 'stuck', baseBranch: 'main' }, homes);
  const worktree = join(root, 'workspace', 'stuck', 'wt');
  const runDir = join(root, 'workspace', 'stuck', 'run');
  remote(
    PREPARE,
    upstream.repoUrl,
    'stuck',
    upstream.gitUrl,
    join(root, 'workspace', 'stuck', 'stuck'),
    'sortie/dsp_stuck',
    worktree,
    runDir,
    'prompt',
    TASK_RESULT_SCHEMA,
  );
  const out = remote(
    `${shellDefinitions()}
${adapterFor('codex').launchFragment}
export SORTIE_RUN_DIR=$1 SORTIE_WORKTREE=$2
rm -f "$FAKE_AGENT_HOME/agent.pid"
sortie_agent_run &
runner=$!
for _ in $(seq 50); do [ -s "$FAKE_AGENT_HOME/agent.pid" ] && break; sleep 0.1; done
agent=$(cat "$FAKE_AGENT_HOME/agent.pid")
sleep 0.3
kill -0 "$agent" && echo "alive after start"
kill -TERM "$runner"
wait "$runner"
echo "fragment exit $?"
for _ in $(seq 20); do kill -0 "$agent" 2>/dev/null || break; sleep 0.1; done
kill -0 "$agent" 2>/dev/null && echo "still running" || echo "agent gone"`,
    runDir,
    worktree,
  );
  expect(out.trim().split('\n')).toEqual(['alive after start', 'fragment exit 143', 'agent gone']);
});

describe('long runs', () => {
  let upstream: UpstreamRepo;
  beforeAll(() => {
    upstream = createUpstreamRepo(sshd, { owner: 'acme', name: 'longrun', baseBranch: 'main' }, homes);
  });

  it.each(['big-output', 'slow'] satisfies FakeAgentOutcome[])('%s: ends in success', (outcome) => {
    setAgentOutcome(sshd, outcome, homes);
    const started = Date.now();
    const run = runAgent({ agent: 'claude', upstream, repoName: 'longrun' });
    const took = Date.now() - started;
    expect(adapterFor('claude').parseResult(run.result ?? '')).toMatchObject({ status: 'succeeded' });
    if (outcome === 'big-output') {
      expect(statSync(join(run.runDir, 'events.jsonl')).size).toBeGreaterThan(1024 * 1024);
    } else {
      expect(took).toBeGreaterThan(2500);
    }
    checkEvents('claude', run.events);
  });
});
