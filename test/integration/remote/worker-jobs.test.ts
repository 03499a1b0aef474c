import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/core/remote';
import { composeRequest } from '../../../src/main/core/remote/compose-script';
import { encodeRequest, newFrameToken, scriptKey } from '../../../src/main/core/remote/worker-frame';
import { poolFor, runnerFor, startRawWorker, type PoolFixture } from '../../support/remote-fixture';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';
import { until } from '../../support/until';

// How a worker runs its requests (scripts/worker.sh): each in a job forked before it comes,
// with the script's text kept by its key, stopped as a whole on timeout, and nothing of a job
// left on the runner once its worker is gone.
let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let fixture: PoolFixture;
let host: RemoteHost;
let scratch: string;

beforeAll(async () => {
  dir = makeTempDir('sortie-jobs-');
  sshd = await startSshd();
  fixture = poolFor(dir.path);
  host = fixture.pool.host(runnerFor(sshd));
  scratch = join(sshd.home, `worker-jobs-${randomBytes(4).toString('hex')}`);
  sshd.runAsUser(['mkdir', '-p', scratch]);
});
afterAll(async () => {
  fixture.pool.closeAll();
  sshd.runAsUser(['rm', '-rf', scratch]);
  await sshd.dispose();
  dir.remove();
});

/** Processes of the runner's user whose command line holds `marker`. */
function processesWith(marker: string): string[] {
  try {
    return sshd
      .runAsUser(['pgrep', '-f', '-a', marker])
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Waits until the raw worker has printed `pattern`, or 10 s. */
async function answered(worker: { stdout(): Buffer }, pattern: RegExp): Promise<string> {
  await until(() => pattern.test(worker.stdout().toString('latin1')), 10_000);
  return worker.stdout().toString('latin1');
}

describe('a worker', () => {
  it('runs a script named only by its key once it has its text, and asks for the text otherwise', async () => {
    const worker = await startRawWorker(sshd);
    const marker = join(scratch, 'by-key');
    const script = composeRequest('', 'printf "%s\\n" "$1" >>"$2"');
    const request = (id: number, withText: boolean, arg: string) =>
      encodeRequest({
        id,
        timeoutSeconds: 10,
        maxOutputBytes: 1000,
        scriptKey: scriptKey(script),
        script: withText ? script : null,
        args: [arg, marker],
        token: newFrameToken(),
      });
    // Never sent: the worker says so and runs nothing.
    worker.write(request(1, false, 'first'));
    expect(await answered(worker, /UNKNOWN 1\n/)).toContain(`${worker.nonce} UNKNOWN 1\n`);
    expect(existsSync(marker)).toBe(false);
    worker.write(request(2, true, 'second'));
    await answered(worker, /DONE 2 0 /);
    worker.write(request(3, false, 'third'));
    await answered(worker, /DONE 3 0 /);
    expect(sshd.runAsUser(['cat', marker])).toBe('second\nthird\n');
    worker.close();
  });

  it('stops a script past its time with everything it started, and keeps serving', async () => {
    const marker = `sortie-jobs-timeout-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    const call = host.run(
      {
        name: 'slow',
        text: `bash -c 'sleep 300; :' ${marker}-child & bash -c 'sleep 300; :' ${marker}-main`,
      },
      [],
      { timeoutMs: 2000 },
    );
    expect(await until(() => processesWith(marker).length === 2, 2_000)).toBe(true);
    const result = await call;
    expect(result.exitCode).toBe(124);
    expect(Date.now() - started).toBeLessThan(8_000);
    // The background child went with it: the job's whole process group was stopped.
    expect(await until(() => processesWith(marker).length === 0, 5_000)).toBe(true);
    expect((await host.runOk({ name: 'after', text: 'echo still here' }, [])).toString()).toBe(
      'still here\n',
    );
  });

  it('answers at once when a script leaves a detached process behind, which keeps running', async () => {
    const marker = `sortie-jobs-detached-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    const result = await host.run(
      {
        name: 'detach',
        text: `setsid nohup bash -c 'sleep 30; :' ${marker} </dev/null >/dev/null 2>&1 & echo started`,
      },
      [],
    );
    expect(result.stdout.toString()).toBe('started\n');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await until(() => processesWith(marker).length === 1, 2_000)).toBe(true);
    sshd.runAsUser(['pkill', '-f', marker]);
  });

  it("gives each script a clean start: none of the worker's variables, the arguments as $1...", async () => {
    const out = await host.runOk(
      {
        name: 'clean',
        text: 'printf "%s|%s|%s|%s|%s\\n" "$#" "$1" "$2" "${header-unset}" "${sortie_scripts-unset}"',
      },
      ['one two', ''],
    );
    expect(out.toString()).toBe('2|one two||unset|unset\n');
  });

  it('is one of as many as the runner has run slots, opened after the first call, so a burst opens no channel', async () => {
    // Each worker by its nonce, with how many processes carry it: a worker that said READY has
    // forked its first job, which waits for a request (worker.sh's sortie_arm), so it counts two.
    const workers = () => {
      const counts = new Map<string, number>();
      // This server's only: other test files' workers (the same account) come and go meanwhile.
      for (const { args } of sshd.sessionProcesses('sortie-worker SORTIE')) {
        const nonce = /sortie-worker (SORTIE[0-9a-f]+)/.exec(args)?.[1];
        if (nonce) counts.set(nonce, (counts.get(nonce) ?? 0) + 1);
      }
      return counts;
    };
    const before = new Set(workers().keys());
    const busy = fixture.pool.host(runnerFor(sshd, { maxConcurrent: 4 }));
    await busy.runOk({ name: 'first', text: 'true' }, []);
    const oursReady = () =>
      [...workers()].filter(([nonce, processes]) => !before.has(nonce) && processes >= 2).map(([n]) => n);
    const ours = () => [...workers().keys()].filter((nonce) => !before.has(nonce));
    // Warm means ready: a burst that came while warm workers still start may open channels. A
    // starting worker's command substitutions are forks too, but they last milliseconds: ready
    // is four workers with their job, seen twice half a second apart.
    const steady = async () => {
      if (oursReady().length !== 4) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return oursReady().length === 4;
    };
    const deadline = Date.now() + 15_000;
    while (!(await steady()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(oursReady()).toHaveLength(4);
    const warm = new Set(ours());
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) => busy.runOk({ name: 'burst', text: 'sleep 0.2; echo "$1"' }, [String(i)])),
    );
    expect(answers.map(String)).toEqual(['1\n', '2\n', '3\n', '4\n']);
    expect(new Set(ours())).toEqual(warm);
  });

  it('lets go of a cancel or an answer that crossed the end of its request, and serves the next', async () => {
    const worker = await startRawWorker(sshd);
    const script = composeRequest('', 'echo "$1"');
    const request = (id: number, supervised: boolean) =>
      encodeRequest({
        id,
        timeoutSeconds: 10,
        maxOutputBytes: 1000,
        supervised,
        scriptKey: scriptKey(script),
        script,
        args: [`request ${id}`],
        token: newFrameToken(),
      });
    worker.write(request(1, true));
    await answered(worker, /DONE 1 0 /);
    worker.write('CANCEL 1\nREPLY 1 5\nhello');
    worker.write(request(2, false));
    const out = await answered(worker, /DONE 2 0 /);
    expect(out).toContain('request 2\n');
    expect(worker.stderr()).not.toMatch(/framing error/);
    worker.close();
  });

  it('answers with the code of however a script ended, and its EXIT trap still runs', async () => {
    const ended = async (text: string, args: string[] = []) => {
      const result = await host.run({ name: 'ends', text }, args);
      return `${result.exitCode}:${result.stdout.toString()}`;
    };
    expect(await ended('echo a; exit 3; echo b')).toBe('3:a\n');
    expect(await ended('false; exit')).toBe('1:');
    expect(await ended('exit 300')).toBe('44:');
    // A subshell's exit is its own; the script goes on.
    expect(await ended('( exit 4 ); echo "after $?"; (exit 5) && :')).toBe('5:after 4\n');
    expect(await ended('set -e; echo a; false; echo b')).toBe('1:a\n');
    expect(await ended('echo a; kill -KILL $BASHPID')).toBe('137:a\n');
    expect(await ended('exec sh -c "echo replaced; exit 6"')).toBe('6:replaced\n');
    const marker = join(scratch, 'exit-trap');
    sshd.runAsUser(['touch', marker]);
    expect(await ended('gone=$1; trap \'rm -f "$gone"\' EXIT; echo hi; exit 2', [marker])).toBe('2:hi\n');
    expect(await until(() => !existsSync(marker), 5_000)).toBe(true);
  });

  it('answers what a script really wrote when it reopened /dev/stderr, and the next call is whole', async () => {
    // Reopening truncates the file under the worker's own descriptor: its position overstates.
    const result = await host.run(
      { name: 'reopen', text: 'printf "%0100d" 0 >&2; echo "kept" >/dev/stderr; echo out' },
      [],
    );
    expect(result.stdout.toString()).toBe('out\n');
    expect(result.stderr.toString()).toMatch(/kept\n$/);
    expect((await host.runOk({ name: 'after', text: 'echo whole' }, [])).toString()).toBe('whole\n');
  });

  it('keeps its memory flat over a thousand requests and more: each ended job is let go of', async () => {
    // One worker serves every call below: calls one at a time get the worker used last.
    const one = fixture.pool.host(runnerFor(sshd, { maxConcurrent: 1 }));
    const workerPid = async () =>
      Number(
        (
          await one.runOk(
            { name: 'parent', text: 'read -r _ _ _ parent _ </proc/$BASHPID/stat; echo "$parent"' },
            [],
          )
        ).toString(),
      );
    const rssKb = (pid: number) =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
    const small = { name: 'small', text: 'printf "%s\\n" "${#1}"' };
    for (let i = 0; i < 200; i++) await one.runOk(small, [String(i)]);
    const pid = await workerPid();
    const before = rssKb(pid);
    for (let i = 0; i < 1500; i++) await one.runOk(small, [String(i)]);
    expect(await workerPid()).toBe(pid);
    // Bash kept every job of a shell that is not interactive until told to forget it: about
    // 0.2 kB a request, and each fork slower than the last.
    expect(rssKb(pid) - before).toBeLessThan(128);
  }, 60_000);

  it('leaves no process behind once its connection is gone', async () => {
    const worker = await startRawWorker(sshd);
    // The worker and the job waiting for the next request.
    expect(processesWith(worker.nonce).length).toBeGreaterThanOrEqual(2);
    worker.close();
    expect(await until(() => processesWith(worker.nonce).length === 0, 10_000)).toBe(true);
  });

  it('leaves no job behind when its worker alone is killed outright', async () => {
    const worker = await startRawWorker(sshd);
    const pids = processesWith(worker.nonce).map((line) => Number(line.split(' ')[0]));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    // The worker is the parent of the job that waits for a request.
    const parentOf = (pid: number) =>
      Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    const workerPid = pids.find((pid) => !pids.includes(parentOf(pid)))!;
    sshd.runAsUser(['kill', '-KILL', String(workerPid)]);
    // Its job finds no request coming and ends; it must not wait to tell a worker that is gone.
    expect(await until(() => processesWith(worker.nonce).length === 0, 5_000)).toBe(true);
    worker.close();
  });

  it('leaves no folder in /dev/shm, even after a worker was killed outright', async () => {
    const exists = (folder: string) =>
      sshd.runAsUser(['sh', '-c', '[ -e "$1" ] && echo yes || echo no', 'sh', folder]).trim() === 'yes';
    /** The worker's folder: named by its pid namespace and pid (a job's pid names none). */
    const folderOf = (nonce: string) =>
      processesWith(nonce)
        .map((line) => line.split(' ')[0]!)
        .flatMap((pid) =>
          sshd
            .runAsUser(['sh', '-c', 'ls -d /dev/shm/sortie-worker.*."$1".* 2>/dev/null || true', 'sh', pid])
            .split('\n')
            .filter(Boolean),
        );
    const namespace = /\[(\d+)\]/.exec(sshd.runAsUser(['readlink', '/proc/self/ns/pid']))![1]!;
    // Past the kernel's largest pid: no process has it. One folder is named in this namespace,
    // one in another (a container sharing /dev/shm, whose pids this one cannot see).
    const dead = '4194305';
    const ours = `/dev/shm/sortie-worker.${namespace}.${dead}.left`;
    const theirs = `/dev/shm/sortie-worker.1.${dead}.left`;
    sshd.runAsUser(['mkdir', '-p', ours, theirs]);
    try {
      const killed = await startRawWorker(sshd);
      const [stale] = folderOf(killed.nonce);
      expect(stale, 'the worker has a folder').toBeDefined();
      // No EXIT trap runs on SIGKILL: the folder stays behind.
      // All at once: the waiting job ends by itself once the worker is gone, and a kill of a
      // process that is gone already fails.
      const pids = processesWith(killed.nonce).map((line) => line.split(' ')[0]!);
      sshd.runAsUser(['sh', '-c', 'kill -KILL "$@" 2>/dev/null; true', 'sh', ...pids]);
      expect(await until(() => processesWith(killed.nonce).length === 0, 10_000)).toBe(true);

      const next = await startRawWorker(sshd);
      expect(exists(stale!), "the next worker removed the killed one's folder").toBe(false);
      expect(exists(ours), 'and every folder of this namespace whose worker is gone').toBe(false);
      expect(exists(theirs), "but not one of another namespace's").toBe(true);
      const [own] = folderOf(next.nonce);
      expect(own).toBeDefined();
      next.close();
      expect(await until(() => !exists(own!), 10_000), 'a worker that ends removes its own').toBe(true);
      killed.close();
    } finally {
      sshd.runAsUser(['rm', '-rf', ours, theirs]);
    }
  });
});
