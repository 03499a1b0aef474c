import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/main/core/agents';
import { shellDefinitions } from '../../../src/main/core/remote/run-directory/protocol';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let runDir: string;
let worktree: string;
let bin: string;

beforeEach(() => {
  dir = makeTempDir('sortie-fragment-');
  runDir = join(dir.path, 'run dir');
  worktree = join(dir.path, 'work tree');
  bin = join(dir.path, 'bin');
  for (const d of [runDir, worktree, bin]) mkdirSync(d);
  writeFileSync(join(runDir, 'prompt.md'), 'Do "it" $(now)\n');
  writeFileSync(join(runDir, 'result-schema.json'), '{\n  "type": "object"\n}\n');
});
afterEach(() => dir.remove());

/** A stand-in agent: records argv (NUL-separated), cwd and stdin, then runs `body`. */
function stub(name: string, body: string): void {
  const file = join(bin, name);
  writeFileSync(
    file,
    `#!/usr/bin/env bash\nprintf '%s\\0' "$@" >"$STUB_OUT/args"\npwd >"$STUB_OUT/cwd"\ncat >"$STUB_OUT/stdin"\n${body}\n`,
  );
  chmodSync(file, 0o755);
}

/** Runs the fragment as the launcher does (set -u, in a background subshell) and returns its status. */
function run(kind: 'codex' | 'claude'): number {
  const script = `${shellDefinitions()}\n${adapterFor(kind).launchFragment}\nset -u\nsortie_agent_run &\nwait "$!"`;
  const result = spawnSync('bash', ['-c', script], {
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      SORTIE_RUN_DIR: runDir,
      SORTIE_WORKTREE: worktree,
      STUB_OUT: dir.path,
    },
  });
  return result.status ?? -1;
}

const args = () => readFileSync(join(dir.path, 'args'), 'utf8').split('\0').slice(0, -1);
const runFile = (name: string) => readFileSync(join(runDir, name), 'utf8');

describe.each(['codex', 'claude'] as const)('%s launch fragment', (kind) => {
  it('is valid bash defining sortie_agent_run', () => {
    const fragment = adapterFor(kind).launchFragment;
    expect(() => execFileSync('bash', ['-n'], { input: fragment })).not.toThrow();
    expect(fragment).toMatch(/^sortie_agent_run\(\) \{$/m);
  });
});

describe('codex launch fragment', () => {
  it('runs codex exec with the prompt on stdin, events and stderr to the run directory', () => {
    stub('codex', `echo '{"type":"turn.started"}'; echo oops >&2; exit 3`);
    expect(run('codex')).toBe(3);
    expect(args()).toEqual([
      'exec',
      '--dangerously-bypass-approvals-and-sandbox',
      '-C',
      worktree,
      '--json',
      '--output-schema',
      join(runDir, 'result-schema.json'),
      '-o',
      join(runDir, 'result.json'),
      '-',
    ]);
    expect(readFileSync(join(dir.path, 'stdin'), 'utf8')).toBe('Do "it" $(now)\n');
    expect(runFile('events.jsonl')).toBe('{"type":"turn.started"}\n');
    expect(runFile('stderr.log')).toBe('oops\n');
  });
});

describe('claude launch fragment', () => {
  it('runs print mode in the worktree with the schema text, its events streamed to events.jsonl', () => {
    stub(
      'claude',
      [
        `echo '{"type":"system","subtype":"init"}'`,
        `echo '{"type":"result","subtype":"success","result":"first"}'`,
        `echo '{"type":"assistant","message":{"content":[{"type":"text","text":"{\\"type\\":\\"result\\"}"}]}}'`,
        `echo '{"type":"result","subtype":"success","result":"last"}'`,
      ].join('\n'),
    );
    expect(run('claude')).toBe(0);
    expect(args()).toEqual([
      '-p',
      '--dangerously-skip-permissions',
      '--add-dir',
      worktree,
      '--output-format',
      'stream-json',
      '--verbose',
      '--json-schema',
      '{\n  "type": "object"\n}',
    ]);
    expect(readFileSync(join(dir.path, 'cwd'), 'utf8').trim()).toBe(worktree);
    expect(readFileSync(join(dir.path, 'stdin'), 'utf8')).toBe('Do "it" $(now)\n');
    const events = runFile('events.jsonl').split('\n');
    expect(events).toHaveLength(5);
    // The result is the last event that parses as one, not a line that merely mentions it.
    const claude = adapterFor('claude');
    const results = events.map((line) => claude.resultFromEventLine(line)).filter((r) => r !== null);
    expect(results).toEqual([
      '{"type":"result","subtype":"success","result":"first"}',
      '{"type":"result","subtype":"success","result":"last"}',
    ]);
    expect(claude.resultFromEventLine('{ "type" : "result", "subtype": "success" }')).not.toBeNull();
    expect(claude.resultFromEventLine('{"type":"assistant","note":"\\"type\\":\\"result\\""}')).toBeNull();
  });

  it('returns the agent status and leaves no result.json when there was no result event', () => {
    stub('claude', `echo 'API Error: overloaded' >&2; exit 1`);
    expect(run('claude')).toBe(1);
    expect(existsSync(join(runDir, 'result.json'))).toBe(false);
    expect(runFile('stderr.log')).toBe('API Error: overloaded\n');
  });

  it('fails without starting the agent when the schema is missing', () => {
    stub('claude', 'exit 0');
    rmSync(join(runDir, 'result-schema.json'));
    expect(run('claude')).toBe(1);
    expect(existsSync(join(dir.path, 'args'))).toBe(false);
    expect(runFile('stderr.log')).toMatch(/result schema is missing/);
  });
});
