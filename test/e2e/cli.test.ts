import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Project, Runner, RunChain, Task } from '@shared/contract';
import { prepareRemote } from '../support/remote-setup';
import { createPullRequest, setAgentOutcome, type FakeHomes } from '../support/fake-cli/github-fixture';
import { startHeadlessHost, type RunningHost } from '../support/headless-host';
import { startSshd, type Sshd } from '../support/sshd';
import { makeTempDir } from '../support/temp-dir';

// The `sortie` command line as a user types it (the built out/main/cli.js through bin/sortie.cjs),
// against the built headless host and a real sshd with the fake agents; then with no host at all.
const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/sortie.cjs');
const RUN_TIMEOUT = 120_000;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sortie ARGS` to its end, or sends it SIGINT after `interruptAfterMs`. */
function sortie(args: string[], options: { interruptAfterMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      // No SORTIE_HOME of the machine: every command names its data directory.
      env: { ...process.env, SORTIE_HOME: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const interrupt =
      options.interruptAfterMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGINT'), options.interruptAfterMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(interrupt);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the sortie command line', () => {
  let sshd: Sshd;
  let host: RunningHost | null = null;
  let dataDir: ReturnType<typeof makeTempDir>;
  let remoteRoot: string;
  let homes: FakeHomes;
  let runner: Runner;
  let project: Project;
  /** Fails on its first attempt in a task's worktree, passes from the second. */
  const failsOnce = (name: string) => {
    const counter = join(dirname(homes.agentHome), `eval-${name}`);
    return `n=$(( $(cat '${counter}' 2>/dev/null || echo 0) + 1 )); echo "$n" > '${counter}'; if [ "$n" -lt 2 ]; then echo "FAIL attempt $n"; exit 1; fi; echo "passed attempt $n"`;
  };
  const dir = () => ['--data-dir', dataDir.path];

  beforeAll(async () => {
    dataDir = makeTempDir('sortie-cli-');
    sshd = await startSshd();
    host = await startHeadlessHost({ dataDir: dataDir.path });
    const remote = prepareRemote(sshd, 'e2e-cli');
    remoteRoot = remote.remoteRoot;
    homes = remote.homes;
    runner = await host.rpc<Runner>('runners.upsert', remote.runnerInput({ name: 'lab' }));
    project = await host.rpc<Project>('projects.upsert', remote.projectInput({ baseBranch: 'main' }));
    setAgentOutcome(sshd, 'success', homes);
  });

  afterAll(async () => {
    await host?.stop();
    sshd?.runAsUser(['rm', '-rf', remoteRoot]);
    await sshd?.dispose();
    dataDir?.remove();
  });

  it('adds a task from a capture line and prints its id; the running host has it', async () => {
    const added = await sortie(['add', 'api prio high fix the login timeout', ...dir()]);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const id = added.stdout.trim();
    const task = await host!.rpc<Task>('tasks.get', { id });
    expect(task).toMatchObject({ title: 'fix the login timeout', priority: 'high', source: 'cli' });
  });

  it('refuses bad input with exit 2 and says why, changing nothing', async () => {
    const before = await host!.rpc<{ items: Task[] }>('tasks.list', { limit: 1000 });
    const cases: [string[], RegExp][] = [
      [['run', ...dir()], /say which task to run/],
      [['run', 'api do it', '--iterate', 'three', '--eval', 'true', ...dir()], /--iterate takes a number/],
      [['run', 'api do it', '--eval', 'true', ...dir()], /--eval and --feedback-template go with --iterate/],
      [['run', 'api do it', '--iterate', '0', '--eval', 'true', ...dir()], /VALIDATION_FAILED: .*at least 1/],
      [['add', 'nosuchproject fix it', ...dir()], /VALIDATION_FAILED: .*no project called "nosuchproject"/],
      [
        ['run', 'api do it', '--runner', 'elsewhere', ...dir()],
        /NOT_FOUND: no runner named "elsewhere" \(runners: lab\)/,
      ],
      [['cancel', 'dsp_nope', ...dir()], /not a run id/],
      [['logs', ...dir()], /name one run/],
      [['status', '--bogus', ...dir()], /Unknown option '--bogus'/],
      [['fly', ...dir()], /no command "fly"/],
    ];
    for (const [args, message] of cases) {
      const ran = await sortie(args);
      expect(ran.status, args.join(' ')).toBe(2);
      expect(ran.stderr, args.join(' ')).toMatch(message);
    }
    const after = await host!.rpc<{ items: Task[] }>('tasks.list', { limit: 1000 });
    expect(after.items.map((t) => t.id)).toEqual(before.items.map((t) => t.id));
  });

  it(
    'runs until the eval passes: exit 0 after a pass on iteration 2, with each eval shown',
    async () => {
      const ran = await sortie([
        'run',
        'api make the widget tests pass',
        '--iterate',
        '2',
        '--eval',
        failsOnce('passes'),
        '--follow',
        ...dir(),
      ]);
      expect(ran.status, ran.stdout + ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/Eval of iteration 1 failed \(exit 1\)/);
      expect(ran.stdout).toMatch(/FAIL attempt 1/);
      expect(ran.stdout).toMatch(/Next iteration: run dsp_/);
      expect(ran.stdout).toMatch(/Eval of iteration 2 passed \(exit 0\)/);
      expect(ran.stdout).toMatch(/Iteration 2\/2: eval passed/i);
      // The launch phases and the agent's own words, as the run went.
      expect(ran.stdout).toMatch(/▸ /);
    },
    RUN_TIMEOUT,
  );

  it(
    'gives up after the last iteration: exit 1, and --json prints one document that parses',
    async () => {
      const ran = await sortie([
        'run',
        'api keep failing',
        '--iterate',
        '2',
        '--eval',
        'echo never; exit 3',
        '--follow',
        '--json',
        ...dir(),
      ]);
      expect(ran.status, ran.stderr).toBe(1);
      const doc = JSON.parse(ran.stdout) as { task: Task; run: Dispatch; chain: RunChain };
      expect(doc.chain).toMatchObject({ status: 'gave-up', iteration: 2, maxIterations: 2 });
      expect(doc.chain.evals.map((e) => e.exitCode)).toEqual([3, 3]);
      expect(doc.run).toMatchObject({ status: 'succeeded', iteration: 2, taskId: doc.task.id });
    },
    RUN_TIMEOUT,
  );

  it(
    "leaves a run going on Ctrl-C; shows status as JSON, prints the run's logs, cancels that very run",
    async () => {
      setAgentOutcome(sshd, 'hang', homes);
      // Ctrl-C while following (no terminal to ask on): the run is left going, exit 130.
      const followed = await sortie(['run', 'api hang around', '--follow', ...dir()], {
        interruptAfterMs: 8000,
      });
      expect(followed.status, followed.stdout + followed.stderr).toBe(130);
      const runId = /^Run (dsp_\w+) of task/m.exec(followed.stdout)?.[1];
      expect(followed.stderr).toContain(
        `Run ${runId} goes on; \`sortie logs -f ${runId}\` follows it again.`,
      );
      const run = await host!.rpc<Dispatch>('dispatches.get', { id: runId });
      let status: {
        runners: { name: string; busySlots: number }[];
        activeRuns: { id: string; status: string }[];
      };
      await expect
        .poll(
          async () => {
            const ran = await sortie(['status', '--json', ...dir()]);
            status = JSON.parse(ran.stdout);
            return status.activeRuns.find((r) => r.id === run.id)?.status;
          },
          { timeout: 60_000 },
        )
        .toBe('running');
      expect(status!.runners).toEqual([expect.objectContaining({ name: 'lab', busySlots: 1 })]);
      const logs = await sortie(['logs', run.id, ...dir()]);
      expect(logs.status).toBe(0);
      expect(logs.stdout).toMatch(/▸ .*worktree/i);
      const canceled = await sortie(['cancel', run.id, ...dir()]);
      expect(canceled.status, canceled.stderr).toBe(0);
      expect(canceled.stdout).toMatch(new RegExp(`Run ${run.id} canceled`));
      expect((await host!.rpc<Dispatch>('dispatches.get', { id: run.id })).status).toBe('canceled');
      // Once ended, there is nothing to cancel: said, exit 2.
      const again = await sortie(['cancel', run.id, ...dir()]);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/CONFLICT: This run has ended \(canceled\)/);
      setAgentOutcome(sshd, 'success', homes);
    },
    RUN_TIMEOUT,
  );

  it(
    'counts a run whose runner cannot be reached in the status: it still holds its slot',
    async () => {
      setAgentOutcome(sshd, 'hang', homes);
      const queued = await sortie(['run', 'api out of reach', '--json', ...dir()]);
      const { run } = JSON.parse(queued.stdout) as { run: Dispatch };
      await expect
        .poll(async () => (await host!.rpc<Dispatch>('dispatches.get', { id: run.id })).status, {
          timeout: 60_000,
        })
        .toBe('running');
      await sshd.stop();
      try {
        await expect
          .poll(async () => (await host!.rpc<Dispatch>('dispatches.get', { id: run.id })).released, {
            timeout: 60_000,
          })
          .toBe(true);
        const ran = await sortie(['status', '--json', ...dir()]);
        const status = JSON.parse(ran.stdout) as {
          runners: { busySlots: number }[];
          activeRuns: { id: string; released: boolean }[];
        };
        expect(status.activeRuns).toEqual([expect.objectContaining({ id: run.id, released: true })]);
        expect(status.runners[0]!.busySlots).toBe(1);
        const text = await sortie(['status', ...dir()]);
        expect(text.stdout).toMatch(new RegExp(`${run.id}\\s+unreachable`));
      } finally {
        await sshd.start();
      }
      expect((await sortie(['cancel', run.id, ...dir()])).status).toBe(0);
      setAgentOutcome(sshd, 'success', homes);
    },
    RUN_TIMEOUT,
  );

  it(
    'reviews a pull request and follows the review run to its end',
    async () => {
      await host!.rpc('settings.update', { githubMainUser: 'octocat' });
      const pr = createPullRequest(
        sshd,
        { owner: 'acme', name: 'api' },
        { title: 'Retry the login', files: { 'src/login.ts': 'export const retries = 3;\n' } },
        homes,
      );
      const ran = await sortie(['review', pr.url, '--follow', ...dir()]);
      expect(ran.status, ran.stdout + ran.stderr).toBe(0);
      expect(ran.stdout).toContain('Review run dsp_');
      expect(ran.stdout).toMatch(/Run succeeded/);
      // Not a pull request: refused before anything is queued, exit 2 with the API's words.
      const bad = await sortie(['review', 'https://github.com/acme/api/issues/1', ...dir()]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/VALIDATION_FAILED/);
    },
    RUN_TIMEOUT,
  );

  it(
    'with no Sortie running, `run --follow` runs the core itself and leaves nothing behind',
    async () => {
      await host!.stop();
      host = null;
      expect(existsSync(join(dataDir.path, 'sortie.sock'))).toBe(false);
      const ran = await sortie(['run', 'api fix it alone', '--follow', ...dir()]);
      expect(ran.status, ran.stdout + ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/Run succeeded/);
      expect(ran.stdout).toMatch(/Pull request: https:\/\/github\.com\/acme\/api\/pull\/\d+/);
      // Its endpoint is gone with it, and the next command finds no Sortie either.
      expect(existsSync(join(dataDir.path, 'sortie.sock'))).toBe(false);
      const status = await sortie(['status', '--json', ...dir()]);
      expect(JSON.parse(status.stdout)).toMatchObject({ sortie: { running: false }, activeRuns: [] });
      // The project's run is recorded in the same database the app uses.
      host = await startHeadlessHost({ dataDir: dataDir.path });
      const tasks = await host.rpc<{ items: Task[] }>('tasks.list', { limit: 1000 });
      expect(tasks.items.map((t) => t.title)).toContain('fix it alone');
      expect(project.id).toBeTruthy();
      expect(runner.id).toBeTruthy();
    },
    RUN_TIMEOUT,
  );

  it("tells every command's usage on --help, and prints completion scripts bash can load", async () => {
    for (const command of ['add', 'run', 'status', 'logs', 'cancel', 'review', 'serve']) {
      const help = await sortie([command, '--help']);
      expect(help.status, command).toBe(0);
      expect(help.stdout, command).toMatch(new RegExp(`^Usage: sortie ${command}`));
    }
    const bash = await sortie(['completion', 'bash']);
    expect(bash.stdout).toContain('complete -F _sortie sortie');
    const listed = execFileSync(
      'bash',
      [
        '--norc',
        '--noprofile',
        '-c',
        `${bash.stdout}\nCOMP_WORDS=(sortie r); COMP_CWORD=1; _sortie; echo "\${COMPREPLY[*]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(listed.trim().split(' ').sort()).toEqual(['review', 'run']);
  });

  it('serves the app headless with `sortie serve`, and stops on SIGTERM', async () => {
    const own = makeTempDir('sortie-cli-serve-');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', own.path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const found = /listening at (http:\/\/\S+)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('close', (code) => reject(new Error(`sortie serve exited with ${code}: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(existsSync(join(own.path, 'sortie.sock'))).toBe(true);
    } finally {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await closed;
      own.remove();
    }
  });

  it('refuses to start a second Sortie on a data directory another one holds', async () => {
    const second = await startHeadlessHost({ dataDir: dataDir.path }).catch((error: Error) => error);
    expect(second).toBeInstanceOf(Error);
    expect(String((second as Error).message)).toMatch(/another Sortie .* is running on/);
  });
});
