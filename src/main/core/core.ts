import { join } from 'node:path';
import { systemClock, type Clock } from './clock';
import { DATABASE_FILE, ensurePrivateDir } from './data-dir';
import { openDatabase } from './db/open';
import { createEventBus, type EventBus } from './events';
import { createIdSource, type IdSource } from './ids';
import { silentLogger, type Logger } from './logger';
import { createRepositories, type Repositories } from './repositories';
import { createServices, type Services } from './services';
import { createKnownHostsStore, createRemotePool, type ConnectionLimits, type RemotePool } from './remote';
import { createSecretSource, importedKeyPath } from './remote/secret-source';
import type { MonitorTiming } from './services/dispatch/monitor';
import { createSecretBox, noSecretCipher, type SecretCipher } from './secret-cipher';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: IdSource;
  logger?: Logger;
  /** The user's OpenSSH client config (default ~/.ssh/config). */
  sshConfigFile?: string;
  /** Environment for ssh-agent discovery (default process.env). */
  env?: NodeJS.ProcessEnv;
  remoteLimits?: Partial<ConnectionLimits>;
  monitorTiming?: Partial<MonitorTiming>;
  /** Encryption at rest for secrets; the desktop shell passes safeStorage's. */
  secretCipher?: SecretCipher;
}

export interface Core {
  readonly dataDir: string;
  readonly repos: Repositories;
  readonly services: Services;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly pool: RemotePool;
  /** Starts background work: queued runs and reconciliation (at once, then on a timer). */
  start(): void;
  close(): void;
}

/** Composition root: the only place that wires concrete collaborators together. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createIdSource(() => clock.now().getTime());
  const logger = options.logger ?? silentLogger;
  ensurePrivateDir(options.dataDir);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const repos = createRepositories(db, { clock, ids });
  const bus = createEventBus((error) => logger.error('event listener failed', { error: String(error) }));
  const knownHosts = createKnownHostsStore(join(options.dataDir, 'known_hosts'));
  const secretBox = createSecretBox(options.secretCipher ?? noSecretCipher);
  const pool = createRemotePool({
    knownHosts,
    secrets: createSecretSource(repos.secrets, options.dataDir, secretBox),
    clock,
    logger,
    sshConfigFile: options.sshConfigFile,
    env: options.env,
    limits: options.remoteLimits,
  });
  const services = createServices({
    repos,
    bus,
    pool,
    knownHosts,
    importedKeyPath: (runnerId) => importedKeyPath(options.dataDir, runnerId),
    secretBox,
    clock,
    ids,
    logger,
    monitorTiming: options.monitorTiming,
  });
  return {
    dataDir: options.dataDir,
    repos,
    services,
    bus,
    logger,
    pool,
    start: () => {
      services.runs.start();
      services.automation.start();
    },
    close: () => {
      services.automation.stop();
      services.terminals.closeAll();
      services.runs.stop();
      pool.closeAll();
      db.close();
    },
  };
}
