import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DISPATCH_STATUSES, holdsRunnerSlot, isActiveDispatch } from '@shared/domain/dispatch';
import { CHAIN_STATUSES, EVAL_STATUSES, isActiveChain, isOpenEval } from '@shared/domain/iterate';
import { PRIORITY_RANK, TASKLESS_RUN_PRIORITY, TASK_PRIORITIES } from '@shared/domain/task';
import {
  ACTIVE_RUN_SQL,
  activeChainSql,
  openEvalSql,
  priorityRankSql,
  SLOT_HOLDING_RUN_SQL,
} from '../../../src/main/core/repositories/state-sql';

const MIGRATIONS = join(__dirname, '../../../src/main/core/db/migrations');
const db = new Database(':memory:');
afterAll(() => db.close());

/** What SQLite makes of a condition for one row holding these columns. */
function holds(condition: string, row: { status: string; released?: number }): boolean {
  const value = db
    .prepare(`SELECT (${condition}) FROM (SELECT @status AS status, @released AS released)`)
    .pluck()
    .get({ released: 0, ...row });
  return value === 1;
}

describe('state conditions in SQL agree with the domain predicates', () => {
  for (const status of DISPATCH_STATUSES) {
    for (const released of [false, true]) {
      it(`run ${status}${released ? ', released' : ''}`, () => {
        const row = { status, released: released ? 1 : 0 };
        expect(holds(ACTIVE_RUN_SQL, row)).toBe(isActiveDispatch(status));
        expect(holds(SLOT_HOLDING_RUN_SQL, row)).toBe(holdsRunnerSlot({ status, released }));
      });
    }
  }

  it('a released blocked run holds a slot, a blocked one that is not released does not', () => {
    expect(holds(SLOT_HOLDING_RUN_SQL, { status: 'blocked', released: 1 })).toBe(true);
    expect(holds(SLOT_HOLDING_RUN_SQL, { status: 'blocked', released: 0 })).toBe(false);
  });

  for (const status of CHAIN_STATUSES) {
    it(`chain ${status}`, () => {
      expect(holds(activeChainSql(), { status })).toBe(isActiveChain(status));
    });
  }

  for (const status of EVAL_STATUSES) {
    it(`eval ${status}`, () => {
      expect(holds(openEvalSql(), { status })).toBe(isOpenEval(status));
    });
  }

  it('ranks priorities as PRIORITY_RANK does, a run without a task as TASKLESS_RUN_PRIORITY', () => {
    const rank = (priority: string | null) =>
      db
        .prepare(`SELECT ${priorityRankSql('p')} FROM (SELECT ? AS p)`)
        .pluck()
        .get(priority);
    for (const priority of TASK_PRIORITIES) expect(rank(priority)).toBe(PRIORITY_RANK[priority]);
    expect(rank(null)).toBe(PRIORITY_RANK[TASKLESS_RUN_PRIORITY]);
  });

  it('active runs and chains are asked for in the words their partial indexes were made with', () => {
    // SQLite uses a partial index only for a query repeating its condition.
    const migration = (name: string) => readFileSync(join(MIGRATIONS, name), 'utf8').replace(/\s+/g, ' ');
    expect(migration('0012-list-page-indexes.sql')).toContain(`WHERE ${ACTIVE_RUN_SQL};`);
    expect(migration('0006-iterate-until-eval-passes.sql')).toContain(`WHERE ${activeChainSql()};`);
  });
});
