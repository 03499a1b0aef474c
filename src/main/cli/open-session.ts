import { existsSync } from 'node:fs';
import type { Logger } from '../core/logger';
import { endpointIsLive, endpointPath, EndpointInUse } from '../server/local-endpoint';
import { dataDirsToSearch } from './data-dirs';
import { endpointSession } from './endpoint-session';
import { ownCoreSession } from './own-core-session';
import type { SortieSession } from './session';

export interface OpenOptions {
  /** --data-dir, when given. */
  dataDir: string | undefined;
  /** Whether a core this process starts must also run the queue (commands that follow a run). */
  runQueue: boolean;
  logger: Logger;
  /** Told when this command's own core stays up for another command still using it. */
  onLingering(): void;
}

/**
 * The Sortie this command talks to: a running one (data-dirs.ts says where it looks), else a
 * core started here on the data directory for the command's duration. (A core started here has
 * no keychain: passphrases the desktop app stored encrypted must be entered again there.)
 */
export async function openSession(options: OpenOptions): Promise<SortieSession> {
  const { main, search } = dataDirsToSearch(options.dataDir);
  for (const dir of search) {
    const path = endpointPath(dir);
    if ((process.platform === 'win32' || existsSync(path)) && (await endpointIsLive(path))) {
      return endpointSession(path, dir);
    }
  }
  try {
    return await ownCoreSession(main, {
      start: options.runQueue,
      logger: options.logger,
      onLingering: options.onLingering,
    });
  } catch (error) {
    // Another Sortie came up on the directory meanwhile: talk to it.
    if (error instanceof EndpointInUse) return endpointSession(endpointPath(main), main);
    throw error;
  }
}
