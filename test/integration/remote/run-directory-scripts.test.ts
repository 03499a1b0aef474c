import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollRuns, stopRuns, type RemoteHost } from '../../../src/main/core/remote';
import { isRunning } from '../../support/processes';
import { poolFor, runnerFor, type PoolFixture } from '../../support/remote-fixture';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let fixture: PoolFixture;
let host: RemoteHost;
let root: string;
let runs = 0;

beforeAll(async () => {
  dir = makeTempDir('sortie-run-dirs-');
  sshd = await startSshd();
  root = join(sshd.home, `workspace-${process.pid}`);
  fixture = poolFor(dir.path);
  host = fixture.pool.host(runnerFor(sshd, { workspaceRoot: root }));
});
afterAll(async () => {
  fixture.pool.closeAll();
  await sshd.dispose();
  dir.remove();
});

const asUser = (...cmd: string[]) => sshd.runAsUser(cmd);

/** A run directory holding the given files, as a launcher (or what is left of one) wrote them. */
function runDir(files: Record<string, string>): string {
  runs++;
  const path = join(root, 'projects', 'api', 'runs', `dsp_${String(runs).padStart(20, '0')}`);
  asUser('mkdir', '-p', path);
  for (const [name, content] of Object.entries(files))
    asUser('bash', '-c', 'printf "%s\\n" "$2" >"$1"', 'bash', join(path, name), content);
  return path;
}

/** A pid that no process has any more. */
function deadPid(): string {
  return asUser('bash', '-c', 'sleep 0 & pid=$!; wait; echo $pid').trim();
}

const poll = async (dirs: string[]) =>
  pollRuns(
    host,
    dirs.map((runDir) => ({ runDir, eventsOffset: 0 })),
    { maxEventBytes: 65536, stderrTailBytes: 1024 },
  );

describe('poll-runs', () => {
  it('reports a run whose launcher is gone as lost, or with the reason Sortie stopped it for', async () => {
    const lost = runDir({ 'status.txt': 'running', 'launcher.pid': deadPid() });
    const stopped = runDir({
      'status.txt': 'running',
      'launcher.pid': deadPid(),
      'stop-reason.txt': 'timed_out',
    });
    const never = runDir({});
    const done = runDir({ 'status.txt': 'completed', 'launcher.pid': deadPid(), 'result.json': '{}' });
    const [a, b, c, d] = await poll([lost, stopped, never, done]);
    expect(a).toMatchObject({ status: 'lost', unlaunched: false });
    expect(b).toMatchObject({ status: 'timed_out' });
    expect(c).toMatchObject({ status: 'none', unlaunched: true, missing: false });
    expect(d).toMatchObject({ status: 'completed', result: '{}\n' });
  });

  it('does not take a pid that now belongs to another program for the run launcher', async () => {
    const stranger = Number(asUser('bash', '-c', 'sleep 60 >/dev/null 2>&1 </dev/null & echo $!').trim());
    try {
      const reused = runDir({ 'status.txt': 'running', 'launcher.pid': String(stranger) });
      const [polled] = await poll([reused]);
      expect(polled!.status).toBe('lost');
    } finally {
      process.kill(stranger, 'SIGKILL');
    }
  });

  it('sends how long ago the events file was written, with new events only', async () => {
    const whole = runDir({ 'events.jsonl': '{"type":"turn.started"}' });
    const tail = runDir({ 'events.jsonl': '{"type":"turn.started"}\n{"type":"turn.completed"}' });
    // Written a while ago: the time is the file's (its age counted back from now), not the poll's.
    for (const path of [whole, tail])
      asUser('touch', '-d', '2026-11-20T08:30:15.250Z', join(path, 'events.jsonl'));
    const [first] = await poll([whole]);
    const near = (at: string | null) =>
      Math.abs(Date.parse(at ?? '') - Date.parse('2026-11-20T08:30:15.250Z'));
    expect(near(first!.eventsWrittenAt)).toBeLessThan(1000);
    const [later] = await pollRuns(host, [{ runDir: tail, eventsOffset: 24 }], {
      maxEventBytes: 65536,
      stderrTailBytes: 1024,
    });
    expect(later!.events?.toString()).toBe('{"type":"turn.completed"}\n');
    expect(near(later!.eventsWrittenAt)).toBeLessThan(1000);
    // Nothing new: no time either.
    const [none] = await pollRuns(host, [{ runDir: tail, eventsOffset: 50 }], {
      maxEventBytes: 65536,
      stderrTailBytes: 1024,
    });
    expect(none).toMatchObject({ events: null, eventsWrittenAt: null });
  });

  it('reads only the newest part, from a line boundary, when more than keepBytes waits', async () => {
    const line = (i: number) => `{"line":${String(i).padStart(6, '0')}}`; // 16 bytes with its newline
    const path = runDir({ 'events.jsonl': Array.from({ length: 1000 }, (_, i) => line(i)).join('\n') });
    const limits = { maxEventBytes: 65536, stderrTailBytes: 1024, keepBytes: 1700 };
    const [skipped] = await pollRuns(host, [{ runDir: path, eventsOffset: 16 }], limits);
    // 15,984 bytes wait after the offset; the newest 1,700 start inside line 893, so from line 894.
    expect(skipped!.eventsFrom).toBe(894 * 16);
    expect(skipped!.events?.toString()).toBe(
      Array.from({ length: 106 }, (_, i) => `${line(894 + i)}\n`).join(''),
    );
    // Within the limit: read from the offset, nothing skipped.
    const [whole] = await pollRuns(host, [{ runDir: path, eventsOffset: 15000 }], limits);
    expect(whole).toMatchObject({ eventsFrom: null });
    expect(whole!.events?.length).toBe(1000);
  });

  it('refuses an events offset that is not a number, running none of it', async () => {
    const canary = join(root, 'canary');
    const result = await host.run('poll-runs', ['1024', '1024', '0', runDir({}), `a[$(touch ${canary})]`]);
    expect(result.exitCode).toBe(64);
    expect(() => readFileSync(canary)).toThrow();
  });
});

describe('stop-runs', () => {
  it('never signals pid 1 or every process of the user, whatever a pid file says', async () => {
    const stranger = Number(asUser('bash', '-c', 'sleep 60 >/dev/null 2>&1 </dev/null & echo $!').trim());
    try {
      const dirs = ['1', '-1', '01', '0', `${stranger} `].map((pid) =>
        runDir({ 'status.txt': 'running', 'launcher.pid': pid, 'agent.pid': pid }),
      );
      await stopRuns(host, root, dirs, 'canceled');
      expect(isRunning(stranger)).toBe(true);
      for (const path of dirs) expect(readFileSync(join(path, 'status.txt'), 'utf8')).toBe('canceled\n');
    } finally {
      process.kill(stranger, 'SIGKILL');
    }
  });

  it('takes the launch lock, so a launch still on its way never starts a stopped run', async () => {
    const path = runDir({ 'launch.sh': 'touch "$1/started"' });
    await stopRuns(host, root, [path], 'canceled');
    const launch = await host.run('launch-run', [root, path, path]);
    expect(launch.exitCode).toBe(3);
    expect(readFileSync(join(path, 'status.txt'), 'utf8')).toBe('canceled\n');
    expect(() => readFileSync(join(path, 'started'))).toThrow();
  });
});
