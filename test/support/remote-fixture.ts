import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ClientChannel } from 'ssh2';
import type { Runner } from '@shared/contract';
import { systemClock } from '../../src/main/core/clock';
import { silentLogger } from '../../src/main/core/logger';
import {
  createKnownHostsStore,
  createRemotePool,
  type ConnectionLimits,
  type RemotePool,
} from '../../src/main/core/remote';
import type { SecretSource } from '../../src/main/core/remote/credentials';
import { SHELL_LIBRARY } from '../../src/main/core/remote/compose-script';
import { encodeBlock } from '../../src/main/core/remote/worker-frame';
import { newNonce, workerCommand, WORKER_INPUT, WORKER_TEXT } from '../../src/main/core/remote/shell-worker';
import type { Sshd } from './sshd';

let counter = 0;

/** A runner pointing at a harness sshd with its user key, as the runners repository would return it. */
export function runnerFor(sshd: Sshd, overrides: Partial<Runner> = {}): Runner {
  counter++;
  const now = new Date(Date.now() + counter).toISOString();
  return {
    id: `rnr_${String(counter).padStart(20, '0')}`,
    name: `test-runner-${counter}`,
    host: sshd.host,
    port: sshd.port,
    user: sshd.username,
    auth: { kind: 'keyFile', keyPath: sshd.userKey.privateKeyPath, hasPassphrase: false },
    hostKeyPolicy: 'accept-new',
    workspaceRoot: '~/sortie',
    registryPath: '~/sortie/registry.json',
    shellPrelude: '',
    defaultAgent: 'codex',
    maxConcurrent: 2,
    isDefault: true,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export interface PoolFixture {
  pool: RemotePool;
  knownHostsFile: string;
  passphrases: Map<string, string>;
}

export function poolFor(
  dir: string,
  options: { sshConfigFile?: string; limits?: Partial<ConnectionLimits>; env?: NodeJS.ProcessEnv } = {},
): PoolFixture {
  const knownHostsFile = join(dir, 'known_hosts');
  const passphrases = new Map<string, string>();
  const secrets: SecretSource = {
    passphrase: (id) => passphrases.get(id) ?? null,
    importedKeyFile: (id) => join(dir, 'keys', `${id}.key`),
  };
  const pool = createRemotePool({
    knownHosts: createKnownHostsStore(knownHostsFile),
    secrets,
    clock: systemClock,
    logger: silentLogger,
    sshConfigFile: options.sshConfigFile ?? join(dir, 'no-ssh-config'),
    limits: options.limits,
    env: options.env ?? {},
  });
  return { pool, knownHostsFile, passphrases };
}

/** A worker started by hand on its own connection, for writing frames straight to its stdin. */
export interface RawWorker {
  /** The worker's nonce: on its command line, so its processes can be found. */
  nonce: string;
  /** Writes bytes to the worker's stdin as they are. */
  write(bytes: Buffer | string): void;
  /** Everything the worker printed after READY. */
  stdout(): Buffer;
  stderr(): string;
  /** The worker's exit status once its channel closed (null if it died by a signal). */
  exited: Promise<number | null>;
  close(): void;
}

/**
 * Opens a connection to `sshd` as its user, starts the real worker script on an exec channel
 * exactly as Sortie does, and waits for READY. Nothing of Sortie's client framing is involved.
 */
export async function startRawWorker(sshd: Sshd): Promise<RawWorker> {
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKey: readFileSync(sshd.userKey.privateKeyPath),
      hostVerifier: () => true,
    });
  });
  const nonce = newNonce();
  const channel = await new Promise<ClientChannel>((resolve, reject) =>
    client.exec(workerCommand(nonce, WORKER_TEXT.length), (error, opened) =>
      error ? reject(error) : resolve(opened),
    ),
  );
  const ready = Buffer.from(`\n${nonce} READY\n`);
  let out = Buffer.alloc(0);
  let err = '';
  let exitCode: number | null = null;
  channel.on('exit', (code: number | null) => {
    exitCode = typeof code === 'number' ? code : null;
  });
  channel.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    channel.on('close', () => {
      client.end();
      resolve(exitCode);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    channel.on('data', (chunk: Buffer) => {
      const wasReady = out.indexOf(ready) >= 0;
      out = Buffer.concat([out, chunk]);
      if (!wasReady && out.indexOf(ready) >= 0) resolve();
    });
    void exited.then(() => reject(new Error(`the worker exited before READY: ${err}`)));
    channel.write(Buffer.concat([WORKER_INPUT, encodeBlock(SHELL_LIBRARY)]));
  });
  return {
    nonce,
    write: (bytes) => channel.write(bytes),
    stdout: () => out.subarray(out.indexOf(ready) + ready.length),
    stderr: () => err,
    exited,
    close: () => client.end(),
  };
}
