import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch, RunEvent } from '@shared/contract';
import { adapterFor } from '../../src/main/core/agents';
import { composeLauncher, composeScript } from '../../src/main/core/remote/compose-script';
import { LAUNCHER_SCRIPT, scriptText, type ScriptName } from '../../src/main/core/remote/scripts';
import { projectWorkspace } from '../../src/main/core/remote/workspace/layout';
import { startRunFixture, type RunFixture } from '../support/run-fixture';
import { printTable, runCommand, timed, type Row } from './measure';

// Task runs, side by side with the original tool's way: one OpenSSH client process per step.
let f: RunFixture;
const rows: Row[] = [];
const notes: string[] = [];

beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 8 });
});
afterAll(async () => {
  printTable('Task runs (npm run bench): wall time, lower is better; ratio = OpenSSH / Sortie', rows);
  for (const note of notes) process.stdout.write(`${note}\n`);
  await f.close();
});

const ssh = (script: string, args: string[]) =>
  runCommand('ssh', [...f.sshd.opensshArgs(), 'bash', '-s', '--', ...args], script);
const scp = (content: string, remotePath: string) => {
  const local = join(f.dataDir, `upload-${Math.random().toString(36).slice(2)}`);
  writeFileSync(local, content);
  const args = f.sshd
    .opensshArgs()
    .filter((a) => a !== '-p' && a !== String(f.sshd.port))
    .slice(0, -1);
  return runCommand('scp', [
    '-P',
    String(f.sshd.port),
    ...args,
    local,
    `${f.sshd.username}@${f.sshd.host}:${remotePath}`,
  ]);
};
const script = (name: ScriptName) => composeScript(f.runner.shellPrelude, scriptText(name));
/** A command line that runs as the runner's user (the harness may log in as a test account). */
const asUser = (cmd: string[]) =>
  f.sshd.username === process.env.USER || process.getuid?.() !== 0
    ? cmd
    : ['runuser', '-u', f.sshd.username, '--', ...cmd];
const local = (name: ScriptName, args: string[]) =>
  timed(async () => {
    const [file, ...rest] = asUser(['env', `HOME=${f.sshd.home}`, 'bash', '-c', script(name), name, ...args]);
    execFileSync(file!, rest, { cwd: f.sshd.home, stdio: 'ignore' });
  });

it('launch: the whole sequence, and its overhead once the remote scripts own time is taken out', async () => {
  f.outcome('hang');
  // Warm: the checkout exists, as it does for every run after a project's first.
  const warm = await f.call<Dispatch>('dispatches.queue', { taskId: (await f.newTask('warm-up')).id });
  await f.waitFor(warm.id, ['running']);
  await f.call('dispatches.cancel', { taskId: warm.taskId });

  const task = await f.newTask('Measure the launch');
  const started = performance.now();
  const queued = await f.call<Dispatch>('dispatches.queue', { taskId: task.id });
  const running = await f.waitFor(queued.id, ['running']);
  const sortieTotal = performance.now() - started;
  await f.call('dispatches.cancel', { taskId: task.id });

  // The same steps with one ssh/scp process each, on a fresh run id.
  const id = `${running.id}b`;
  const root = f.runner.workspaceRoot;
  const workspace = projectWorkspace(root, 'api');
  const checkout = workspace.checkout;
  const worktree = workspace.worktree(id);
  const runDir = workspace.runDir(id);
  const gitArgs = [root, f.project.repoUrl, 'api', f.project.gitUrl, 'main', checkout, 'sortie-bot'];
  const launcher = composeLauncher(
    f.runner.shellPrelude,
    adapterFor('codex').launchFragment,
    LAUNCHER_SCRIPT,
  );
  const opensshTotal = await timed(async () => {
    await ssh(`cat ${f.runner.registryPath} 2>/dev/null || true`, []);
    await ssh(script('github-login'), []);
    await ssh(script('ensure-checkout'), gitArgs);
    await ssh(`mkdir -p "$(dirname "$1")"`, [f.runner.registryPath]);
    await scp('{"projects":{}}\n', f.runner.registryPath);
    await ssh(script('prepare-worktree'), [root, checkout, 'main', `sortie/${id}`, worktree]);
    await ssh(`mkdir -p "$1"`, [runDir]);
    await scp('prompt', `${runDir}/prompt.md`);
    await scp('{}', `${runDir}/result-schema.json`);
    await scp(launcher, `${runDir}/launch.sh`);
    await ssh(script('launch-run'), [root, runDir, worktree]);
  });
  await ssh(script('stop-runs'), [root, 'canceled', runDir]);

  const scriptTime =
    (await local('github-login', [])) +
    (await local('ensure-checkout', gitArgs)) +
    (await local('prepare-worktree', [
      root,
      checkout,
      'main',
      `sortie/${id}c`,
      workspace.worktree(`${id}c`),
    ]));
  rows.push({ name: 'launch sequence, queue to running', sortieMs: sortieTotal, opensshMs: opensshTotal });
  rows.push({
    name: 'launch overhead (remote script time removed)',
    sortieMs: Math.max(1, sortieTotal - scriptTime),
    opensshMs: opensshTotal - scriptTime,
    note: `target >= 5x; scripts ${scriptTime.toFixed(0)} ms`,
  });
  expect(running.status).toBe('running');
});

it('reconciliation: one tick over 200 active runs is one remote call', async () => {
  const task = await f.newTask('Many runs');
  // Held until the run directories exist, so no poll sees them missing in between.
  f.core.services.runs.stop();
  const dirs: string[] = [];
  for (let i = 0; i < 200; i++) {
    const run = f.core.repos.dispatches.create({
      taskId: task.id,
      runnerId: f.runner.id,
      agent: 'codex',
      runDir: `${f.runner.workspaceRoot}/bench/dispatches/run-${i}`,
      worktreePath: `${f.runner.workspaceRoot}/bench/worktrees/run-${i}`,
      branch: `sortie/bench-${i}`,
    });
    f.core.repos.dispatches.update(run.id, { status: 'preparing' });
    f.core.repos.dispatches.update(run.id, { status: 'running' });
    dirs.push(run.runDir);
  }
  await f.call('runners.upsert', { ...runnerInput(), maxConcurrent: 8 });
  const host = f.core.pool.host(f.core.repos.runners.get(f.runner.id)!);
  await host.runOk(
    {
      name: 'seed',
      text: 'for d in "$@"; do d=$(sortie_path "$d"); mkdir -p "$d"; echo running >"$d/status.txt"; printf "{\\"type\\":\\"turn.started\\"}\\n" >"$d/events.jsonl"; done',
    },
    dirs,
  );
  let calls = 0;
  const original = host.run.bind(host);
  host.run = (...args) => {
    calls++;
    return original(...args);
  };
  const tick = await timed(() => f.core.services.runs.monitor.tick());
  host.run = original;
  const offsets = dirs.flatMap((d) => [d, '0']);
  const baseline = await timed(() => ssh(script('poll-runs'), ['524288', '16384', ...offsets]));
  rows.push({
    name: 'reconcile tick, 200 active runs',
    sortieMs: tick,
    opensshMs: baseline,
    note: `${calls} remote call(s)`,
  });
  expect(calls).toBe(1);
  f.core.repos.dispatches.removeForTask(task.id);
  f.core.services.runs.start();
});

it(
  'live output: latency from an agent line being written to its run.output event',
  { timeout: 60_000 },
  async () => {
    const task = await f.newTask('Latency');
    const run = f.core.repos.dispatches.create({
      taskId: task.id,
      runnerId: f.runner.id,
      agent: 'codex',
      runDir: `${f.runner.workspaceRoot}/latency/dispatches/run`,
      worktreePath: `${f.runner.workspaceRoot}/latency/worktrees/run`,
      branch: 'sortie/latency',
    });
    f.core.repos.dispatches.update(run.id, { status: 'preparing' });
    f.core.repos.dispatches.update(run.id, { status: 'running' });
    const dir = f.remotePath(run.runDir);
    f.sshd.runAsUser(['mkdir', '-p', dir]);
    f.sshd.runAsUser(['bash', '-c', 'echo running >"$1/status.txt"; : >"$1/events.jsonl"', 'x', dir]);
    await f.call('dispatches.watch', { dispatchId: run.id, watching: true });

    const latencies: number[] = [];
    const done = new Promise<void>((resolve) => {
      const off = f.core.bus.subscribe((name, payload) => {
        if (name !== 'run.output') return;
        const { dispatchId, entries } = payload as { dispatchId: string; entries: RunEvent[] };
        if (dispatchId !== run.id) return;
        const now = Date.now();
        for (const entry of entries) {
          const sent = Number(String(entry.data.text ?? '').replace('sent ', ''));
          if (sent > 0) latencies.push(now - sent);
        }
        if (latencies.length >= 200) {
          off();
          resolve();
        }
      });
    });
    // 200 lines, one every 20 ms, each stamped with the time it was written (same machine clock).
    const writer =
      'for i in $(seq 1 200); do printf \'{"type":"item.completed","item":{"id":"m%s","type":"agent_message","text":"sent %s"}}\\n\' "$i" "$(date +%s%3N)" >>"$1/events.jsonl"; sleep 0.02; done';
    // Spawned, not run synchronously: the app's event loop must keep polling while lines arrive.
    const [file, ...rest] = asUser(['bash', '-c', writer, 'writer', dir]);
    spawn(file!, rest, { stdio: 'ignore' });
    await done;
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length * 0.5)]!;
    const p95 = latencies[Math.floor(latencies.length * 0.95)]!;
    notes.push(
      `live output latency over ${latencies.length} lines: p50 ${p50} ms, p95 ${p95} ms (target p95 < 500 ms)`,
    );
    expect(latencies.length).toBe(200);
  },
);

function runnerInput() {
  const r = f.runner;
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    user: r.user,
    auth: { kind: 'keyFile', keyPath: f.sshd.userKey.privateKeyPath },
    shellPrelude: r.shellPrelude,
    workspaceRoot: r.workspaceRoot,
    registryPath: r.registryPath,
  };
}
