import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/core/remote';
import { poolFor, runnerFor, type PoolFixture } from '../../support/remote-fixture';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let fixture: PoolFixture;
let host: RemoteHost;

beforeAll(async () => {
  dir = makeTempDir('sortie-remote-');
  sshd = await startSshd();
  fixture = poolFor(dir.path);
  host = fixture.pool.host(
    runnerFor(sshd, { shellPrelude: 'echo "welcome to the box"\nexport SORTIE_TEST_PRELUDE=yes' }),
  );
});
afterAll(async () => {
  fixture.pool.closeAll();
  await sshd.dispose();
  dir.remove();
});

const inline = (text: string) => ({ name: 'inline', text });

describe('remote scripts over the pooled connection', () => {
  it('returns exit code, stdout and stderr exactly, with the prelude applied and its output kept apart', async () => {
    const result = await host.run(inline('echo "out:$SORTIE_TEST_PRELUDE"; echo "err line" >&2; exit 7'), []);
    expect(result.exitCode).toBe(7);
    expect(result.stdout.toString()).toBe('out:yes\n');
    expect(result.stderr.toString()).toBe('welcome to the box\nerr line\n');
  });

  it('delivers hostile arguments byte-exact as positional parameters and executes none of them', async () => {
    const canary = join(sshd.home, `canary-${process.pid}`);
    const hostile = [
      `it's "quoted"`,
      `$(touch ${canary})`,
      `\`touch ${canary}\``,
      'two\nlines\n',
      '--leading-dash',
      '-n',
      'ünïcødé ✓ 日本',
      '',
      '; touch ' + canary,
      '$HOME ${PATH} * ?',
    ];
    const out = await host.runOk('probe', hostile);
    let at = 0;
    const echoed: string[] = [];
    for (let i = 0; i < hostile.length; i++) {
      const newline = out.indexOf(0x0a, at);
      const length = Number(out.subarray(at, newline).toString());
      echoed.push(out.subarray(newline + 1, newline + 1 + length).toString('utf8'));
      at = newline + 1 + length;
    }
    expect(echoed).toEqual(hostile);
    expect(existsSync(canary)).toBe(false);
    expect(out.subarray(at).toString()).toContain(`user=${sshd.username}`);
  });

  it('runs 20 concurrent calls on one runner and answers each its own', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => host.run(inline('sleep 0.2; printf "%s" "$1"'), [`call-${i}`])),
    );
    expect(results.map((r) => r.stdout.toString())).toEqual(
      Array.from({ length: 20 }, (_, i) => `call-${i}`),
    );
    expect(results.every((r) => r.exitCode === 0)).toBe(true);
  });

  it('caps output and says it was cut', async () => {
    const result = await host.run(inline('head -c 100000 /dev/zero'), [], { maxOutputBytes: 1000 });
    expect(result.stdout.length).toBe(1000);
    expect(result.truncated).toBe(true);
  });

  it('ends a script that runs past its timeout and reports the timeout status', async () => {
    const started = Date.now();
    const result = await host.run(inline('sleep 30'), [], { timeoutMs: 1000 });
    expect(result.exitCode).toBe(124);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports an error when the remote shell is killed mid-call, and calls work again right after', async () => {
    const call = host.run(inline('sleep 20'), []);
    await new Promise((r) => setTimeout(r, 500));
    // This server's workers only: other test files' runners log in as the same account.
    const workers = sshd.sessionProcesses('sortie-worker SORTIE');
    expect(workers).not.toEqual([]);
    for (const { pid } of workers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // A job that ended meanwhile.
      }
    }
    await expect(call).rejects.toMatchObject({ code: 'REMOTE_FAILED' });
    // Other workers killed at the same moment may be noticed a moment later: one call may still
    // land on one of them, and calls work again right after.
    const alive = () =>
      host.run(inline('echo alive'), []).then(
        (result) => result.stdout.toString(),
        (error: Error) => error.message,
      );
    await expect.poll(alive, { timeout: 5_000, interval: 100 }).toBe('alive\n');
  });

  it('uploads through the worker with parents and mode, and reads back; a missing file reads as null', async () => {
    const content = Buffer.from([0, 1, 2, 255, 10, 13, 0]);
    await host.upload('~/sortie/uploads/deep/file.bin', content, { mode: 0o600 });
    expect(await host.readFile('~/sortie/uploads/deep/file.bin')).toEqual(content);
    const mode = sshd.runAsUser(['stat', '-c', '%a', join(sshd.home, 'sortie/uploads/deep/file.bin')]).trim();
    expect(mode).toBe('600');
    expect(await host.readFile('~/sortie/uploads/nope.txt')).toBeNull();
    await host.upload('~/sortie/uploads/deep/file.bin', 'replaced');
    expect((await host.readFile('~/sortie/uploads/deep/file.bin'))?.toString()).toBe('replaced');
  });
});
