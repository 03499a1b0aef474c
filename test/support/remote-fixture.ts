import { join } from 'node:path';
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
