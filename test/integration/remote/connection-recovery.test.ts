import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '@shared/contract';
import type { RemoteHost } from '../../../src/main/core/remote';
import { poolFor, runnerFor } from '../../support/remote-fixture';
import { generateKeyPair } from '../../support/ssh-keys';
import { startSshd, type Sshd, type SshdOptions } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

// Failures that do not stick, servers without SFTP or with few sessions, chatty login shells.
const asRoot = process.getuid?.() === 0;
const inline = { name: 'whoami', text: 'id -un' };
const sleepy = { name: 'sleepy', text: 'sleep 0.3; printf "%s" "$1"' };
let dir: ReturnType<typeof makeTempDir>;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(() => {
  dir = makeTempDir('sortie-recovery-');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => dir.remove());

async function server(options: SshdOptions = {}): Promise<Sshd> {
  const sshd = await startSshd({ user: asRoot ? 'test-user' : 'self', ...options });
  cleanups.push(() => sshd.dispose());
  return sshd;
}

function pool(options: Parameters<typeof poolFor>[1] = {}) {
  const f = poolFor(join(dir.path, randomBytes(4).toString('hex')), options);
  cleanups.push(() => f.pool.closeAll());
  return f;
}

const connections = (sshd: Sshd) => (sshd.log().match(/Accepted publickey/g) ?? []).length;
const sessions = (sshd: Sshd) => (sshd.log().match(/Starting session: command/g) ?? []).length;

/** Round trip through upload and readFile: nested directories, mode, binary with NUL bytes. */
async function expectFilesWork(host: RemoteHost, sshd: Sshd, name: string) {
  const content = Buffer.concat([Buffer.from([0, 0, 1, 255, 10, 13, 0]), randomBytes(5000)]);
  const path = `~/uploads-${name}/deep/er/file.bin`;
  await host.upload(path, content, { mode: 0o600 });
  expect((await host.readFile(path))?.equals(content)).toBe(true);
  const absolute = join(sshd.home, `uploads-${name}/deep/er/file.bin`);
  expect(sshd.runAsUser(['stat', '-c', '%a', absolute]).trim()).toBe('600');
  await host.upload(path, 'replaced');
  expect((await host.readFile(path))?.toString()).toBe('replaced');
  expect(sshd.runAsUser(['stat', '-c', '%a', absolute]).trim()).toBe('644');
  expect(await host.readFile(`~/uploads-${name}/missing.txt`)).toBeNull();
  // Nothing written aside is left behind.
  expect(sshd.runAsUser(['ls', '-A', join(sshd.home, `uploads-${name}/deep/er`)]).trim()).toBe('file.bin');
  sshd.runAsUser(['rm', '-rf', join(sshd.home, `uploads-${name}`)]);
}

describe('files without SFTP', () => {
  it('uploads and reads files on a server without the SFTP subsystem, on the one channel it has', async () => {
    const sshd = await server({ sftp: false });
    expect(sshd.log()).not.toMatch(/Subsystem/);
    const { pool: p } = pool({ limits: { maxChannels: 1, warmWorkers: 0 } });
    const host = p.host(runnerFor(sshd));
    await host.run(inline, []);
    const before = sessions(sshd);
    await expectFilesWork(host, sshd, 'no-sftp');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => host.upload(`~/uploads-many/${i}.txt`, `file ${i}`)),
    );
    expect((await host.readFile('~/uploads-many/7.txt'))?.toString()).toBe('file 7');
    // Every upload and read went through the worker already open: no new session at all.
    expect(sessions(sshd)).toBe(before);
    sshd.runAsUser(['rm', '-rf', join(sshd.home, 'uploads-many')]);
  });

  it.skipIf(!asRoot)('works for an account whose ~/.bashrc and ~/.profile print to stdout', async () => {
    const sshd = await server({ testUserName: 'sortie-chatty' });
    for (const file of ['.bashrc', '.profile']) {
      sshd.runAsUser(['sh', '-c', `printf 'echo WELCOME from ${file}\\n' > "$HOME/${file}"`]);
    }
    // What an SSH session of this account prints before any command of ours.
    const session = execFileSync('ssh', [...sshd.opensshArgs(), 'true'], { encoding: 'utf8' });
    expect(session).toContain('WELCOME');
    const host = pool().pool.host(runnerFor(sshd));
    expect((await host.run(inline, [])).stdout.toString()).toBe(`${sshd.username}\n`);
    await expectFilesWork(host, sshd, 'chatty');
  });
});

describe('a server with few sessions', () => {
  it('learns MaxSessions 2 and shares the two channels among 12 concurrent calls and uploads', async () => {
    const sshd = await server({ maxSessions: 2 });
    const host = pool().pool.host(runnerFor(sshd));
    const calls = Array.from({ length: 12 }, (_, i) => host.run(sleepy, [`call-${i}`]));
    const uploads = Array.from({ length: 4 }, (_, i) => host.upload(`~/few-sessions/${i}.txt`, `${i}`));
    const results = await Promise.all(calls);
    await Promise.all(uploads);
    expect(results.map((r) => r.stdout.toString())).toEqual(
      Array.from({ length: 12 }, (_, i) => `call-${i}`),
    );
    expect((await host.readFile('~/few-sessions/3.txt'))?.toString()).toBe('3');
    expect(connections(sshd)).toBe(1);
    // The server did refuse sessions past its limit, and nobody saw it.
    expect(sshd.log()).toMatch(/no more sessions/);
    expect(host.health().state).toBe('ok');
    sshd.runAsUser(['rm', '-rf', join(sshd.home, 'few-sessions')]);
  });

  it('runs everything on a single session (MaxSessions 1)', async () => {
    const sshd = await server({ maxSessions: 1 });
    const host = pool().pool.host(runnerFor(sshd));
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => host.run(sleepy, [`${i}`])));
    expect(results.map((r) => r.stdout.toString())).toEqual(['0', '1', '2', '3', '4']);
    await expectFilesWork(host, sshd, 'one-session');
  });
});

describe('failures that do not stick', () => {
  it('replaces a connection that gives no session once the server allows them again', async () => {
    const sshd = await server({ maxSessions: 0 });
    const health: ConnectionHealth[] = [];
    const { pool: p } = pool({ limits: { backoffMs: [0, 200] } });
    p.onHealthChange((_, h) => health.push(h));
    const host = p.host(runnerFor(sshd));
    const error = await host.run(inline, []).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REMOTE_FAILED' });
    expect((error as Error).message).toMatch(/could not start a remote shell/);
    expect(host.health()).toMatchObject({ state: 'failing', code: 'REMOTE_FAILED' });
    // The connection that refused stays open on the server with its old settings: only a new
    // one can work.
    await sshd.reconfigure({ maxSessions: 10 });
    const before = connections(sshd);
    expect((await host.run(inline, [])).stdout.toString()).toBe(`${sshd.username}\n`);
    expect(connections(sshd)).toBe(before + 1);
    expect(health.map((h) => h.state)).toEqual(['failing', 'ok']);
  });

  it('retries a refused login after its delay, or at once when the failure is cleared', async () => {
    const sshd = await server();
    const key = generateKeyPair(dir.path, { name: `late-${randomBytes(3).toString('hex')}` });
    const runner = runnerFor(sshd, {
      auth: { kind: 'keyFile', keyPath: key.privateKeyPath, hasPassphrase: false },
    });
    const { pool: p } = pool({ limits: { permanentRetryMs: 1_500 } });
    const host = p.host(runner);
    await expect(host.run(inline, [])).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    sshd.addAuthorizedKey(key.publicKey);
    // Within the delay the refusal is given back without trying.
    const attempts = (sshd.log().match(/Connection from/g) ?? []).length;
    await expect(host.run(inline, [])).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect((sshd.log().match(/Connection from/g) ?? []).length).toBe(attempts);
    // Saving or testing the runner clears it at once.
    p.clearFailure(runner.id);
    expect(p.health(runner.id).state).toBe('unknown');
    expect((await host.run(inline, [])).exitCode).toBe(0);

    // And with nobody clearing it, the delay runs out by itself.
    const other = generateKeyPair(dir.path, { name: `later-${randomBytes(3).toString('hex')}` });
    const second = p.host(
      runnerFor(sshd, { auth: { kind: 'keyFile', keyPath: other.privateKeyPath, hasPassphrase: false } }),
    );
    await expect(second.run(inline, [])).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    sshd.addAuthorizedKey(other.publicKey);
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await second.run(inline, [])).exitCode).toBe(0);
  });

  it('keeps a healthy connection when a failure is cleared (an unrelated save)', async () => {
    const sshd = await server();
    const { pool: p } = pool();
    const runner = runnerFor(sshd);
    const host = p.host(runner);
    await host.run(inline, []);
    const before = connections(sshd);
    p.clearFailure(runner.id);
    await host.run(inline, []);
    expect(connections(sshd)).toBe(before);
    expect(p.health(runner.id).state).toBe('ok');
  });

  it('reconnect: calls in flight finish on the old connection, the next one opens a new connection', async () => {
    const sshd = await server();
    const { pool: p } = pool();
    const runner = runnerFor(sshd);
    const host = p.host(runner);
    await host.run(inline, []);
    const inFlight = host.run({ name: 'slow', text: 'sleep 1; echo finished' }, []);
    await new Promise((r) => setTimeout(r, 200));
    const before = connections(sshd);
    p.reconnect(runner.id);
    expect(p.health(runner.id).state).toBe('unknown');
    await host.run(inline, []);
    expect(connections(sshd)).toBe(before + 1);
    expect((await inFlight).stdout.toString()).toBe('finished\n');
    expect(p.health(runner.id).state).toBe('ok');
  });
});
