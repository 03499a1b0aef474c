import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poolFor, runnerFor } from '../../support/remote-fixture';
import { startSshAgent } from '../../support/ssh-agent';
import { generateKeyPair } from '../../support/ssh-keys';
import { startSshd, writeSshConfig, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

const inline = { name: 'whoami', text: 'id -un' };
// As root, log in as the unprivileged test user: root's own login shell is the machine's, and
// connections these tests cut short must not cut short whatever it runs at login.
let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  dir = makeTempDir('sortie-conn-');
  sshd = await startSshd();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (!(await isUp(sshd))) await sshd.start();
});
afterAll(async () => {
  await sshd.dispose();
  dir.remove();
});

async function isUp(server: Sshd): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(server.port, server.host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function fixture(name: string, options: Parameters<typeof poolFor>[1] = {}) {
  const f = poolFor(join(dir.path, name), options);
  cleanups.push(() => f.pool.closeAll());
  return f;
}

describe('host keys', () => {
  it('records an unknown key under accept-new, then recognises it', async () => {
    const { pool, knownHostsFile } = fixture('accept-new');
    const runner = runnerFor(sshd);
    const host = pool.host(runner);
    await host.run(inline, []);
    expect(host.hostKey()).toEqual({ kind: 'recorded', fingerprint: sshd.hostKey.fingerprint });
    expect(readFileSync(knownHostsFile, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 \S+\n$/);
    pool.forget(runner.id);
    const again = pool.host(runner);
    await again.run(inline, []);
    expect(again.hostKey()).toEqual({ kind: 'known', fingerprint: sshd.hostKey.fingerprint });
  });

  it('refuses an unknown key under strict, naming its fingerprint, and records nothing', async () => {
    const { pool, knownHostsFile } = fixture('strict');
    const host = pool.host(runnerFor(sshd, { hostKeyPolicy: 'strict' }));
    const error = await host.run(inline, []).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
    expect((error as Error).message).toContain(sshd.hostKey.fingerprint);
    expect(() => readFileSync(knownHostsFile)).toThrow();
  });

  it('refuses a changed key under both policies with both fingerprints, before sending credentials', async () => {
    for (const policy of ['accept-new', 'strict'] as const) {
      const { pool } = fixture(`mismatch-${policy}`);
      const runner = runnerFor(sshd, { hostKeyPolicy: 'accept-new' });
      await pool.host(runner).run(inline, []);
      const oldFingerprint = sshd.hostKey.fingerprint;
      const logBefore = sshd.log().length;
      const fresh = await sshd.restartWithNewHostKey();
      pool.forget(runner.id);
      const error = await pool
        .host({ ...runner, hostKeyPolicy: policy })
        .run(inline, [])
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'HOST_KEY_MISMATCH' });
      expect((error as Error).message).toContain(fresh.fingerprint);
      expect((error as Error).message).toContain(oldFingerprint);
      expect(sshd.log().slice(logBefore)).not.toMatch(/Accepted publickey|Failed publickey|userauth/i);
    }
  });
});

describe('authentication', () => {
  it('uses a passphrase-protected key with its passphrase, and says so when it is missing or wrong', async () => {
    const keys = generateKeyPair(dir.path, { passphrase: 'open sesame', name: 'locked' });
    sshd.addAuthorizedKey(keys.publicKey);
    const { pool, passphrases } = fixture('passphrase');
    const runner = runnerFor(sshd, {
      auth: { kind: 'keyFile', keyPath: keys.privateKeyPath, hasPassphrase: true },
    });
    const missing = await pool
      .fresh(runner)
      .run(inline, [])
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
    expect((missing as Error).message).toMatch(/protected by a passphrase/);
    passphrases.set(runner.id, 'wrong');
    const wrong = await pool
      .fresh(runner)
      .run(inline, [])
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
    expect((wrong as Error).message).toMatch(/wrong/);
    passphrases.set(runner.id, 'open sesame');
    const ok = await pool.fresh(runner).run(inline, []);
    expect(ok.stdout.toString().trim()).toBe(sshd.username);
  });

  it('reports a key the server does not accept as AUTH_FAILED and gives that back without reconnecting for a while', async () => {
    const stranger = generateKeyPair(dir.path, { name: 'stranger' });
    const { pool } = fixture('refused');
    const host = pool.host(
      runnerFor(sshd, { auth: { kind: 'keyFile', keyPath: stranger.privateKeyPath, hasPassphrase: false } }),
    );
    await expect(host.run(inline, [])).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const attemptsBefore = (sshd.log().match(/Connection from/g) ?? []).length;
    await expect(host.run(inline, [])).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect((sshd.log().match(/Connection from/g) ?? []).length).toBe(attemptsBefore);
  });

  it('authenticates through ssh-agent', async () => {
    const agent = await startSshAgent();
    cleanups.push(() => agent.stop());
    agent.add(sshd.userKey.privateKeyPath);
    const { pool } = fixture('agent', { env: { SSH_AUTH_SOCK: agent.socketPath } });
    const result = await pool.host(runnerFor(sshd, { auth: { kind: 'agent' } })).run(inline, []);
    expect(result.stdout.toString().trim()).toBe(sshd.username);
  });
});

describe('ssh config and ProxyJump', () => {
  it('follows a Host alias with HostName, Port, User, IdentityFile and ProxyJump through a second sshd', async () => {
    const jump = await startSshd({ extraConfig: ['LogLevel DEBUG1'] });
    cleanups.push(() => jump.dispose());
    const configFile = join(dir.path, 'ssh_config');
    writeSshConfig(configFile, [
      {
        alias: 'bastion',
        hostName: jump.host,
        port: jump.port,
        user: jump.username,
        identityFile: jump.userKey.privateKeyPath,
      },
      {
        alias: 'buildbox',
        hostName: sshd.host,
        port: sshd.port,
        user: sshd.username,
        identityFile: sshd.userKey.privateKeyPath,
        proxyJump: 'bastion',
      },
    ]);
    const { pool } = fixture('jump', { sshConfigFile: configFile });
    const runner = runnerFor(sshd, { host: 'buildbox', port: null, user: null, auth: { kind: 'agent' } });
    const result = await pool.host(runner).run(inline, []);
    expect(result.stdout.toString().trim()).toBe(sshd.username);
    expect(jump.log()).toMatch(new RegExp(`direct.tcpip.*port ${sshd.port}`, 's'));
  });
});

describe('connection sharing', () => {
  const connections = () => (sshd.log().match(/Accepted publickey/g) ?? []).length;

  it('merges concurrent first calls into one connection', async () => {
    const { pool } = fixture('merge');
    const before = connections();
    const host = pool.host(runnerFor(sshd));
    await Promise.all(Array.from({ length: 12 }, () => host.run(inline, [])));
    expect(connections() - before).toBe(1);
  });

  it('closes an idle connection and opens a new one on the next call', async () => {
    const { pool } = fixture('idle', { limits: { idleMs: 300 } });
    const host = pool.host(runnerFor(sshd));
    const before = connections();
    await host.run(inline, []);
    await new Promise((r) => setTimeout(r, 800));
    await host.run(inline, []);
    expect(connections() - before).toBe(2);
  });
});

describe('network loss', () => {
  it('fails a call in flight with REMOTE_FAILED when sshd goes away, and reconnects by itself when it is back', async () => {
    const { pool } = fixture('loss');
    const host = pool.host(runnerFor(sshd));
    await host.run(inline, []);
    const inFlight = host.run({ name: 'sleepy', text: 'sleep 20' }, []).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await sshd.stop();
    const error = await inFlight;
    expect(error).toMatchObject({ code: 'REMOTE_FAILED' });
    await expect(host.run(inline, [])).rejects.toMatchObject({ code: 'REMOTE_FAILED' });
    await sshd.start();
    const result = await host.run(inline, []);
    expect(result.stdout.toString().trim()).toBe(sshd.username);
  });
});
