import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { IdSource } from '../ids';

export type Db = Database.Database;

export interface RepositoryDeps {
  clock: Clock;
  ids: IdSource;
}
