import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from './clock';
import { DATABASE_FILE } from './data-dir';
import { openDatabase } from './db/open';
import { createEventBus, type EventBus } from './events';
import { createIdSource, type IdSource } from './ids';
import { silentLogger, type Logger } from './logger';
import { createRepositories, type Repositories } from './repositories';
import { createServices, type Services } from './services';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: IdSource;
  logger?: Logger;
}

export interface Core {
  readonly dataDir: string;
  readonly repos: Repositories;
  readonly services: Services;
  readonly bus: EventBus;
  readonly logger: Logger;
  close(): void;
}

/** Composition root: the only place that wires concrete collaborators together. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createIdSource(() => clock.now().getTime());
  const logger = options.logger ?? silentLogger;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const repos = createRepositories(db, { clock, ids });
  const bus = createEventBus((error) => logger.error('event listener failed', { error: String(error) }));
  const services = createServices({ repos, bus });
  return {
    dataDir: options.dataDir,
    repos,
    services,
    bus,
    logger,
    close: () => db.close(),
  };
}
