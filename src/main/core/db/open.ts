import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { makeFilesPrivate, PRIVATE_DIR_MODE } from '../data-dir';
import { migrate } from './migrate';

const IN_MEMORY = ':memory:';

/** Opens (creating if needed) the Sortie database and brings its schema up to date. */
export function openDatabase(file: string): Database.Database {
  // Creates a missing folder private, but leaves the mode of an existing one to its owner
  // (the core tightens its data directory itself; a test's database may sit anywhere).
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const db = new Database(file);
  try {
    // The database holds secrets. SQLite creates a new file 0644 whatever the umask says, and
    // creates -wal and -shm with the database file's mode: so the database is set 0600 before
    // WAL mode makes them, and any left over from an earlier run are tightened too.
    if (file !== IN_MEMORY) makeFilesPrivate(file, `${file}-wal`, `${file}-shm`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    if (file !== IN_MEMORY) makeFilesPrivate(`${file}-wal`, `${file}-shm`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
