import {
  ACTIVE_DISPATCH_STATUSES,
  ON_RUNNER_DISPATCH_STATUSES,
  RELEASED_DISPATCH_STATUS,
} from '@shared/domain/dispatch';
import { ACTIVE_CHAIN_STATUSES, OPEN_EVAL_STATUSES } from '@shared/domain/iterate';
import { PRIORITY_RANK, TASKLESS_RUN_PRIORITY, TASK_PRIORITIES } from '@shared/domain/task';

/**
 * SQL conditions built from the state lists of `src/shared/domain`, so a query asks the same
 * question as the predicate of the same name (a unit test holds them to it for every state).
 */

/** A state name as an SQL literal; only plain lowercase words are ever written into a query. */
function literal(value: string): string {
  if (!/^[a-z][a-z-]*$/.test(value)) throw new Error(`Not a state name: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

function statusIn(column: string, statuses: readonly string[]): string {
  return `${column} IN (${statuses.map(literal).join(', ')})`;
}

/**
 * isActiveDispatch. Written exactly as the partial index `dispatches_active_by_created`
 * (migration 0012) is, which is what lets SQLite use it.
 */
export const ACTIVE_RUN_SQL = statusIn('status', ACTIVE_DISPATCH_STATUSES);

/** holdsRunnerSlot (which is also "must be polled"), over a table's `status` and `released`. */
export const SLOT_HOLDING_RUN_SQL = `(${statusIn('status', ON_RUNNER_DISPATCH_STATUSES)} OR (status = ${literal(
  RELEASED_DISPATCH_STATUS,
)} AND released = 1))`;

/** isActiveChain. Written exactly as the partial index `run_chains_active` (migration 0006) is. */
export function activeChainSql(column = 'status'): string {
  return statusIn(column, ACTIVE_CHAIN_STATUSES);
}

/** isOpenEval. */
export function openEvalSql(column = 'status'): string {
  return statusIn(column, OPEN_EVAL_STATUSES);
}

/**
 * PRIORITY_RANK of a task priority column, as an ORDER BY term; a run without a task (NULL)
 * ranks as TASKLESS_RUN_PRIORITY.
 */
export function priorityRankSql(column: string): string {
  const cases = TASK_PRIORITIES.map((p) => `WHEN ${literal(p)} THEN ${PRIORITY_RANK[p]}`).join(' ');
  return `CASE coalesce(${column}, ${literal(TASKLESS_RUN_PRIORITY)}) ${cases} ELSE ${TASK_PRIORITIES.length} END`;
}
