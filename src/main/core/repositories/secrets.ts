import type { Db } from './deps';

export interface StoredSecret {
  value: Buffer;
  encrypted: boolean;
}

/** Passphrases and imported keys, kept apart from the runners so they never leave the main process. */
export interface SecretRepository {
  get(name: string): StoredSecret | null;
  set(name: string, value: Buffer, encrypted: boolean): void;
  remove(name: string): void;
  /** Removes every secret whose name starts with `prefix` (literally; no wildcards). */
  removePrefix(prefix: string): void;
}

interface SecretRow {
  value: Buffer;
  encrypted: number;
}

export function createSecretRepository(db: Db): SecretRepository {
  const selectOne = db.prepare<[string], SecretRow>('SELECT value, encrypted FROM secrets WHERE name = ?');
  const upsert = db.prepare<[string, Buffer, number]>(
    `INSERT INTO secrets (name, value, encrypted) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, encrypted = excluded.encrypted`,
  );
  const deleteOne = db.prepare<[string]>('DELETE FROM secrets WHERE name = ?');
  const deletePrefix = db.prepare<{ prefix: string }>(
    'DELETE FROM secrets WHERE substr(name, 1, length(@prefix)) = @prefix',
  );

  return {
    get(name) {
      const row = selectOne.get(name);
      return row ? { value: row.value, encrypted: row.encrypted !== 0 } : null;
    },
    set(name, value, encrypted) {
      upsert.run(name, value, encrypted ? 1 : 0);
    },
    remove(name) {
      deleteOne.run(name);
    },
    removePrefix(prefix) {
      deletePrefix.run({ prefix });
    },
  };
}
