import type Database from 'better-sqlite3';
import type { Db } from './deps';

/** A statement by its SQL text, prepared when first asked for (queries built per filter). */
export type PreparedBy = <Params extends object, Row>(sql: string) => Database.Statement<Params, Row>;

export function statementCache(db: Db): PreparedBy {
  const prepared = new Map<string, Database.Statement>();
  return <Params extends object, Row>(sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = db.prepare(sql);
      prepared.set(sql, found);
    }
    return found as unknown as Database.Statement<Params, Row>;
  };
}
