import { describe, expect, it } from 'vitest';
import { BUNDLED_MIGRATIONS, parseMigrations } from '../../../src/main/core/db/migrate';

describe('parseMigrations', () => {
  it('orders the files by number', () => {
    const migrations = parseMigrations({
      './migrations/0002-add-b.sql': 'B',
      './migrations/0001-initial.sql': 'A',
    });
    expect(migrations).toEqual([
      { version: 1, name: 'initial', sql: 'A' },
      { version: 2, name: 'add-b', sql: 'B' },
    ]);
  });

  it('refuses a gap in the numbering', () => {
    expect(() => parseMigrations({ './migrations/0001-a.sql': '', './migrations/0003-c.sql': '' })).toThrow(
      /expected 2, found 3-c/,
    );
  });

  it('refuses two files with the same number', () => {
    expect(() => parseMigrations({ './migrations/0001-a.sql': '', './migrations/0001-b.sql': '' })).toThrow(
      /without gaps/,
    );
  });

  it('refuses numbering that does not start at 1', () => {
    expect(() => parseMigrations({ './migrations/0002-b.sql': '' })).toThrow(/expected 1/);
  });

  it('refuses a file not named NNNN-name.sql', () => {
    expect(() => parseMigrations({ './migrations/initial.sql': '' })).toThrow(/NNNN-name/);
  });

  it('bundles the migrations in the source tree', () => {
    expect(BUNDLED_MIGRATIONS[0]?.name).toBe('initial');
    expect(BUNDLED_MIGRATIONS[0]?.sql).toMatch(/CREATE TABLE projects/);
  });
});
