import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Runner } from '@shared/contract';
import type { ConnectionHealth } from '@shared/contract/runner-health';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { loadCredentials, type SecretSource } from './credentials';
import { UNKNOWN_HEALTH } from './connection-health';
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

export type HealthListener = (runnerId: string, health: ConnectionHealth) => void;

/** One shared connection per runner. A runner saved with new settings gets a new connection. */
export interface RemotePool {
  host(runner: Runner): RemoteHost;
  /** A connection used once and closed, for `runners.test`: it never reuses a failed state. */
  fresh(runner: Runner, limits?: Partial<ConnectionLimits>): RemoteHost;
  forget(runnerId: string): void;
  /**
   * Lets a runner try again at once after failures (it was saved or tested); a connection that
   * was failing is replaced, a healthy one kept.
   */
  clearFailure(runnerId: string): void;
  /** The runner's last known connection health (`unknown` when it has no connection yet). */
  health(runnerId: string): ConnectionHealth;
  /** Replaces the runner's connection and forgets its failures; the next call connects afresh. */
  reconnect(runnerId: string): void;
  /** Listens to health changes of every pooled runner; returns the unsubscriber. */
  onHealthChange(listener: HealthListener): () => void;
  /** Where the runner really is, after ~/.ssh/config. */
  targetOf(runner: Runner): SshTarget;
  closeAll(): void;
}

export function createRemotePool(deps: RemotePoolDeps): RemotePool {
  const entries = new Map<string, { version: string; host: RemoteHost }>();
  const configFile = deps.sshConfigFile ?? join(homedir(), '.ssh', 'config');
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const healthListeners = new Set<HealthListener>();
  const tellHealth = (runnerId: string, health: ConnectionHealth) => {
    for (const listener of [...healthListeners]) {
      try {
        listener(runnerId, health);
      } catch (error) {
        // A listener's failure must not become the failure of the call that changed the health.
        deps.logger.error('runner health listener failed', { error: String(error) });
      }
    }
  };

  const targetOf = (runner: Runner) =>
    resolveSshTarget(runner, existsSync(configFile) ? readFileSync(configFile, 'utf8') : null);

  function create(
    runner: Runner,
    overrides: Partial<ConnectionLimits> = {},
    onHealth?: (health: ConnectionHealth) => void,
  ): RemoteHost {
    const target = () => targetOf(runner);
    return createRunnerConnection({
      runner,
      target,
      credentials: () => loadCredentials(runner, deps.secrets, target().identityFiles, deps.env),
      knownHosts: deps.knownHosts,
      clock: deps.clock,
      logger: deps.logger,
      limits: { ...limits, ...overrides },
      onHealth,
    });
  }

  /** Drops a runner's pooled connection; listeners hear that its health is unknown again. */
  function drop(runnerId: string) {
    const entry = entries.get(runnerId);
    if (!entry) return;
    entry.host.close();
    entries.delete(runnerId);
    if (entry.host.health().state !== 'unknown') tellHealth(runnerId, UNKNOWN_HEALTH);
  }

  return {
    host(runner) {
      const version = connectionFingerprint(runner);
      const existing = entries.get(runner.id);
      if (existing && existing.version === version) return existing.host;
      drop(runner.id);
      const host = create(runner, {}, (health) => {
        // A replaced connection's late news is not the runner's health any more.
        if (entries.get(runner.id)?.host === host) tellHealth(runner.id, health);
      });
      entries.set(runner.id, { version, host });
      return host;
    },
    clearFailure(runnerId) {
      entries.get(runnerId)?.host.clearFailure();
    },
    health: (runnerId) => entries.get(runnerId)?.host.health() ?? UNKNOWN_HEALTH,
    reconnect(runnerId) {
      entries.get(runnerId)?.host.reconnect();
    },
    onHealthChange(listener) {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },
    targetOf,
    fresh: (runner, overrides) => create(runner, { ...overrides, backoffMs: [0], warmWorkers: 0 }),
    forget: drop,
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
