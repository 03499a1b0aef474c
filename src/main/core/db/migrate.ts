import type Database from 'better-sqlite3';
import { AppError } from '../errors';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** First line of a migration that must run with foreign key enforcement off (a table rebuild). */
const FOREIGN_KEYS_OFF = '-- sortie: foreign-keys-off';

const FILE_NAME = /(?:^|\/)(\d{4})-([a-z0-9][a-z0-9-]*)\.sql$/;

/** Orders migration files by number and insists on 1..N without gaps or duplicates. */
export function parseMigrations(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([path, sql]) => {
    const match = FILE_NAME.exec(path);
    if (!match?.[1] || !match[2]) {
      throw new AppError('INTERNAL', `Migration file ${path} is not named NNNN-name.sql`);
    }
    return { version: Number(match[1]), name: match[2], sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new AppError(
        'INTERNAL',
        `Migrations must be numbered 1..N without gaps; expected ${index + 1}, found ${migration.version}-${migration.name}`,
      );
    }
  });
  return migrations;
}

export const BUNDLED_MIGRATIONS: readonly Migration[] = parseMigrations(
  import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }),
);

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the schema to the newest version. Each migration runs in its own transaction together
 * with its `user_version`, so a failing one leaves the database at the previous version.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = BUNDLED_MIGRATIONS,
): MigrationResult {
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError(
      'INTERNAL',
      `This data was written by a newer Sortie (schema version ${from}; this version knows up to ${latest}). Update Sortie to open it.`,
    );
  }
  for (const migration of migrations.slice(from)) {
    // A migration that rebuilds a table others refer to must run with foreign keys off (else
    // dropping the old table would cascade into its dependents); the pragma is a no-op inside a
    // transaction, so it is set around it, and the references are checked before committing.
    const keysOff = migration.sql.startsWith(FOREIGN_KEYS_OFF);
    const keysWereOn = Number(db.pragma('foreign_keys', { simple: true })) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      // IMMEDIATE takes the write lock first, so a second process opening the same file waits
      // and then sees the version already applied instead of applying it twice.
      db.transaction(() => {
        if (schemaVersion(db) >= migration.version) return;
        db.exec(migration.sql);
        if (keysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new AppError(
            'INTERNAL',
            `Migration ${migration.name} left broken references; nothing was changed.`,
          );
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (keysOff && keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return { from, to: schemaVersion(db) };
}
