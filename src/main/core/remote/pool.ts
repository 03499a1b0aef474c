import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Runner } from '@shared/contract';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { loadCredentials, type SecretSource } from './credentials';
import type { KnownHostsStore } from './host-keys/store';
import type { RemoteHost } from './remote-host';
import { createRunnerConnection, DEFAULT_LIMITS, type ConnectionLimits } from './runner-connection';
import { resolveSshTarget, type SshTarget } from './ssh-target';

export interface RemotePoolDeps {
  knownHosts: KnownHostsStore;
  secrets: SecretSource;
  clock: Clock;
  logger: Logger;
  /** The user's OpenSSH client config; read on each new connection so edits apply. */
  sshConfigFile?: string;
  limits?: Partial<ConnectionLimits>;
  env?: NodeJS.ProcessEnv;
}

/** One shared connection per runner. A runner saved with new settings gets a new connection. */
export interface RemotePool {
  host(runner: Runner): RemoteHost;
  /** A connection used once and closed, for `runners.test`: it never reuses a failed state. */
  fresh(runner: Runner, limits?: Partial<ConnectionLimits>): RemoteHost;
  forget(runnerId: string): void;
  /** Lets a runner whose login or host key was refused try again (it was fixed or re-tested). */
  clearFailure(runnerId: string): void;
  /** Where the runner really is, after ~/.ssh/config. */
  targetOf(runner: Runner): SshTarget;
  closeAll(): void;
}

export function createRemotePool(deps: RemotePoolDeps): RemotePool {
  const entries = new Map<string, { version: string; host: RemoteHost }>();
  const configFile = deps.sshConfigFile ?? join(homedir(), '.ssh', 'config');
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };

  const targetOf = (runner: Runner) =>
    resolveSshTarget(runner, existsSync(configFile) ? readFileSync(configFile, 'utf8') : null);

  function create(runner: Runner, overrides: Partial<ConnectionLimits> = {}): RemoteHost {
    const target = () => targetOf(runner);
    return createRunnerConnection({
      runner,
      target,
      credentials: () => loadCredentials(runner, deps.secrets, target().identityFiles, deps.env),
      knownHosts: deps.knownHosts,
      clock: deps.clock,
      logger: deps.logger,
      limits: { ...limits, ...overrides },
    });
  }

  return {
    host(runner) {
      const version = connectionFingerprint(runner);
      const existing = entries.get(runner.id);
      if (existing && existing.version === version) return existing.host;
      existing?.host.close();
      const host = create(runner);
      entries.set(runner.id, { version, host });
      return host;
    },
    clearFailure(runnerId) {
      entries.get(runnerId)?.host.clearFailure();
    },
    targetOf,
    fresh: (runner, overrides) => create(runner, { ...overrides, backoffMs: [0], warmWorkers: 0 }),
    forget(runnerId) {
      entries.get(runnerId)?.host.close();
      entries.delete(runnerId);
    },
    closeAll() {
      for (const { host } of entries.values()) host.close();
      entries.clear();
    },
  };
}

/**
 * What a connection depends on. Saving a runner with other changes (its capacity, becoming the
 * default) keeps the live connection and the work running on it.
 */
function connectionFingerprint(runner: Runner): string {
  const { host, port, user, auth, hostKeyPolicy, shellPrelude } = runner;
  return JSON.stringify([host, port, user, auth, hostKeyPolicy, shellPrelude]);
}
