import { chmodSync, existsSync, mkdirSync } from 'node:fs';
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

/** The data directory holds secrets (passphrases, keys, the host token): only its owner may enter it. */
export const PRIVATE_DIR_MODE = 0o700;
/** Every file with secrets in it is readable and writable by its owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the directory if needed and sets it to 0700. The mode is set with chmod, not only at
 * creation, so neither the umask nor an older, looser directory decides it.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Sets each of these files that exists to 0600; missing ones are skipped. */
export function makeFilesPrivate(...files: string[]): void {
  for (const file of files) {
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
  }
}
