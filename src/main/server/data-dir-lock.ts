import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeFilesPrivate } from '../core/data-dir';

/** The file whose lock says a Sortie holds the data directory. */
export const LOCK_FILE = 'sortie.lock';

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the data directory for this process, or answers null when another process holds it.
 * The lock is SQLite's exclusive lock on its own small database: the operating system lets go
 * of it when the process ends however it ends, so a crash never leaves the directory taken,
 * and two processes can never both believe they hold it.
 */
export function lockDataDir(dataDir: string): DataDirLock | null {
  const file = join(dataDir, LOCK_FILE);
  const db = new Database(file, { timeout: 0 });
  makeFilesPrivate(file);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  return { release: () => db.close() };
}
