import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshAgent } from '../../support/ssh-agent';
import { fingerprintOf, generateKeyPair } from '../../support/ssh-keys';
import { startSshd, TEST_USER, writeSshConfig, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';
import { pgrep, run } from './run';

const isRoot = process.getuid?.() === 0;
const started: Sshd[] = [];
let scratch: ReturnType<typeof makeTempDir>;

async function sshd(options?: Parameters<typeof startSshd>[0]): Promise<Sshd> {
  const server = await startSshd(options);
  started.push(server);
  return server;
}

const ssh = (server: Sshd, command: string) => run('ssh', [...server.opensshArgs(), command]);

function refusesTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function scannedFingerprint(port: number): Promise<string> {
  const scan = await run('ssh-keyscan', ['-p', String(port), '-t', 'ed25519', '127.0.0.1']);
  expect(scan.code).toBe(0);
  return fingerprintOf('-', scan.stdout);
}

beforeAll(() => {
  scratch = makeTempDir();
});

afterAll(async () => {
  const dirs = started.map((s) => s.dir);
  await Promise.all(started.map((s) => s.dispose()));
  scratch.remove();
  for (const dir of dirs) expect(pgrep(dir)).toEqual([]);
});

describe('startSshd', () => {
  it('runs a command as the test process user and passes the exit status through', async () => {
    const server = await sshd();
    const result = await ssh(server, 'echo hello; whoami; exit 3');
    expect(result).toMatchObject({ code: 3, stdout: `hello\n${server.username}\n` });
    expect(server.log()).toContain('Accepted publickey');
  });

  it.skipIf(!isRoot)('logs in as the unprivileged test user', async () => {
    const server = await sshd({ user: 'test-user' });
    expect(server.username).toBe(TEST_USER);
    const file = join(server.home, `harness-${randomBytes(4).toString('hex')}`);
    server.runAsUser(['sh', '-c', `echo planted > ${file}`]);
    const result = await ssh(server, `echo hello; whoami; cat ${file}; rm ${file}; exit 3`);
    expect(result).toMatchObject({ code: 3, stdout: `hello\n${TEST_USER}\nplanted\n` });
  });

  it('stop() drops live sessions and refuses new ones; start() serves on the same port', async () => {
    const server = await sshd();
    const port = server.port;
    const marker = `sortie-harness-${randomBytes(6).toString('hex')}`;
    const client = spawn('ssh', [...server.opensshArgs(), `echo ready; sleep 30; : ${marker}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => client.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      client.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()),
    );
    expect(pgrep(marker)).not.toEqual([]);

    const stoppedAt = Date.now();
    await server.stop();
    const code = await exited;
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    expect(code).not.toBe(0);
    // The remote shell died too, not just the connection.
    expect(pgrep(marker)).toEqual([]);
    expect(await refusesTcp(port)).toBe(true);
    expect((await ssh(server, 'true')).code).toBe(255);

    await server.start();
    expect(server.port).toBe(port);
    expect(await ssh(server, 'echo back')).toMatchObject({ code: 0, stdout: 'back\n' });
  });

  it('restartWithNewHostKey() changes the key the server presents', async () => {
    const server = await sshd();
    const before = server.hostKey.fingerprint;
    expect(await scannedFingerprint(server.port)).toBe(before);

    const renewed = await server.restartWithNewHostKey();
    expect(renewed.fingerprint).not.toBe(before);
    expect(server.hostKey).toEqual(renewed);
    expect(await scannedFingerprint(server.port)).toBe(renewed.fingerprint);
  });

  it('reaches a target through a jump host with an OpenSSH config', async () => {
    // At DEBUG1 the jump host logs the forwarded channel, which proves the route.
    const [jump, target] = await Promise.all([sshd({ extraConfig: ['LogLevel DEBUG1'] }), sshd()]);
    const config = join(scratch.path, 'ssh_config');
    const entry = (alias: string, server: Sshd) => ({
      alias,
      hostName: server.host,
      port: server.port,
      user: server.username,
      identityFile: server.userKey.privateKeyPath,
    });
    writeSshConfig(config, [entry('jump', jump), { ...entry('target', target), proxyJump: 'jump' }]);

    const result = await run('ssh', ['-F', config, 'target', 'hostname']);
    expect(result).toMatchObject({ code: 0, stdout: `${hostname()}\n` });
    expect(target.log()).toMatch(/Connection from 127\.0\.0\.1 port \d+ on 127\.0\.0\.1 port/);
    expect(jump.log()).toContain(`server_request_direct_tcpip: originator 127.0.0.1 port`);
    expect(jump.log()).toContain(`target 127.0.0.1 port ${target.port}`);
  });

  it('authenticates with a passphrase key held by ssh-agent', async () => {
    const server = await sshd();
    const key = generateKeyPair(scratch.path, { passphrase: 'open sesame' });
    server.addAuthorizedKey(key.publicKey);
    const agent = await startSshAgent();
    try {
      agent.add(key.privateKeyPath, 'open sesame');
      const args = [
        ...['-F', '/dev/null', '-p', String(server.port), '-o', 'IdentitiesOnly=no', '-o', 'BatchMode=yes'],
        ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'],
        `${server.username}@${server.host}`,
        'echo via-agent',
      ];
      const env = { ...process.env, SSH_AUTH_SOCK: agent.socketPath };
      expect(await run('ssh', args, env)).toMatchObject({ code: 0, stdout: 'via-agent\n' });
      const { SSH_AUTH_SOCK: _unused, ...noAgent } = process.env;
      expect((await run('ssh', args, noAgent)).code).toBe(255);
    } finally {
      agent.stop();
    }
  });
});

describe('generateKeyPair', () => {
  it('encrypts the private key with the passphrase', async () => {
    const key = generateKeyPair(scratch.path, { type: 'ecdsa', passphrase: 's3cret', comment: 'enc' });
    expect((await run('ssh-keygen', ['-y', '-P', '', '-f', key.privateKeyPath])).code).not.toBe(0);
    const derived = await run('ssh-keygen', ['-y', '-P', 's3cret', '-f', key.privateKeyPath]);
    expect(derived.code).toBe(0);
    expect(key.publicKey.startsWith(derived.stdout.trim().split(' ').slice(0, 2).join(' '))).toBe(true);
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
