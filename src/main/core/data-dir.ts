import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where Sortie keeps its database and keys outside the desktop app (which uses Electron's
 * userData folder): SORTIE_HOME if set, else ~/.sortie.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SORTIE_HOME?.trim();
  return fromEnv ? resolve(fromEnv) : join(homedir(), '.sortie');
}

export const DATABASE_FILE = 'sortie.db';
