import type { EvalResult, IterateInput, RunChain } from '@shared/contract/iterations';
import { CHAIN_STATUSES, EVAL_STATUSES, type ChainStatus, type EvalStatus } from '@shared/domain/iterate';
import { isoNow } from '../clock';
import { notFound } from '../errors';
import { enumColumn } from './columns';
import { activeChainSql, openEvalSql } from './state-sql';
import type { Db, RepositoryDeps } from './deps';

/** A chain as stored, without its evals. */
export type StoredChain = Omit<RunChain, 'evals'>;

export interface ChainPatch {
  status?: ChainStatus;
  iteration?: number;
  verdict?: string;
  finishedAt?: string | null;
}

export interface EvalOutcome {
  status: Extract<EvalStatus, 'passed' | 'failed'>;
  exitCode: number;
  output: string;
}

export interface ChainRepository {
  /** A new chain at iteration 1, running. */
  create(taskId: string, iterate: IterateInput): StoredChain;
  get(id: string): StoredChain | null;
  /** With its evals, oldest iteration first. */
  getFull(id: string): RunChain | null;
  /** The task's chains with their evals, newest first. */
  listForTask(taskId: string): RunChain[];
  /** Chains still going (running or evaluating), oldest first. */
  listActive(): StoredChain[];
  update(id: string, patch: ChainPatch): StoredChain;
  /** The eval of a run, if it has one. */
  getEval(dispatchId: string): EvalResult | null;
  /** Records that the run's eval is to be run; false when it already was (a run is evaluated once). */
  addEval(chainId: string, dispatchId: string, iteration: number, command: string): boolean;
  /** Evals started or waiting to start, of active chains. */
  listOpenEvals(): (EvalResult & { chainId: string })[];
  markEvalStarted(dispatchId: string): void;
  /**
   * Records an eval's outcome together with what the chain becomes, in one transaction, once:
   * false when the eval had its outcome already (nothing is changed then).
   */
  finishEval(dispatchId: string, outcome: EvalOutcome, chainId: string, chain: ChainPatch): boolean;
  /** Ends the chain's evals not yet done as canceled. */
  cancelEvals(chainId: string): void;
  /** Records that the chain's final status was announced; false when it already was. */
  markNotified(id: string, status: ChainStatus): boolean;
}

interface ChainRow {
  id: string;
  task_id: string;
  max_iterations: number;
  eval_command: string;
  feedback_template: string;
  status: string;
  iteration: number;
  verdict: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

interface EvalRow {
  dispatch_id: string;
  chain_id: string;
  iteration: number;
  command: string;
  status: string;
  exit_code: number | null;
  output: string;
  started_at: string | null;
  finished_at: string | null;
}

const CHAIN_COLUMNS = `id, task_id, max_iterations, eval_command, feedback_template, status, iteration,
  verdict, created_at, updated_at, finished_at`;

function toChain(row: ChainRow): StoredChain {
  return {
    id: row.id,
    taskId: row.task_id,
    maxIterations: row.max_iterations,
    evalCommand: row.eval_command,
    feedbackTemplate: row.feedback_template,
    status: enumColumn(CHAIN_STATUSES, row.status, 'run_chains.status'),
    iteration: row.iteration,
    verdict: row.verdict,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function toEval(row: EvalRow): EvalResult {
  return {
    dispatchId: row.dispatch_id,
    iteration: row.iteration,
    command: row.command,
    status: enumColumn(EVAL_STATUSES, row.status, 'run_evals.status'),
    exitCode: row.exit_code,
    output: row.output,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function createChainRepository(db: Db, { clock, ids }: RepositoryDeps): ChainRepository {
  const insertChain = db.prepare<[ChainRow]>(
    `INSERT INTO run_chains (${CHAIN_COLUMNS}) VALUES (@id, @task_id, @max_iterations, @eval_command,
       @feedback_template, @status, @iteration, @verdict, @created_at, @updated_at, @finished_at)`,
  );
  const selectChain = db.prepare<[string], ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM run_chains WHERE id = ?`);
  const selectForTask = db.prepare<[string], ChainRow>(
    `SELECT ${CHAIN_COLUMNS} FROM run_chains WHERE task_id = ? ORDER BY created_at DESC, id DESC`,
  );
  const selectActive = db.prepare<[], ChainRow>(
    `SELECT ${CHAIN_COLUMNS} FROM run_chains WHERE ${activeChainSql()} ORDER BY created_at, id`,
  );
  const updateChain = db.prepare<[ChainRow]>(
    `UPDATE run_chains SET status = @status, iteration = @iteration, verdict = @verdict,
       updated_at = @updated_at, finished_at = @finished_at WHERE id = @id`,
  );
  const selectEvals = db.prepare<[string], EvalRow>(
    'SELECT * FROM run_evals WHERE chain_id = ? ORDER BY iteration, dispatch_id',
  );
  const selectEval = db.prepare<[string], EvalRow>('SELECT * FROM run_evals WHERE dispatch_id = ?');
  const insertEval = db.prepare<[string, string, number, string]>(
    `INSERT OR IGNORE INTO run_evals (dispatch_id, chain_id, iteration, command, status, output)
     VALUES (?, ?, ?, ?, 'pending', '')`,
  );
  const selectOpenEvals = db.prepare<[], EvalRow>(
    `SELECT e.* FROM run_evals e JOIN run_chains c ON c.id = e.chain_id
     WHERE ${openEvalSql('e.status')} AND c.status = 'evaluating' ORDER BY e.rowid`,
  );
  const updateEvalStarted = db.prepare<[string, string]>(
    `UPDATE run_evals SET status = 'running', started_at = coalesce(started_at, ?) WHERE dispatch_id = ? AND status = 'pending'`,
  );
  const updateEvalOutcome = db.prepare<[string, number, string, string, string]>(
    `UPDATE run_evals SET status = ?, exit_code = ?, output = ?, finished_at = ?
     WHERE dispatch_id = ? AND ${openEvalSql()}`,
  );
  const updateCanceled = db.prepare<[string, string]>(
    `UPDATE run_evals SET status = 'canceled', finished_at = ? WHERE chain_id = ? AND ${openEvalSql()}`,
  );
  const updateNotified = db.prepare<[string, string, string]>(
    `UPDATE run_chains SET notified_status = ? WHERE id = ? AND (notified_status IS NULL OR notified_status != ?)`,
  );

  function get(id: string): StoredChain | null {
    const row = selectChain.get(id);
    return row ? toChain(row) : null;
  }

  function withEvals(chain: StoredChain): RunChain {
    return { ...chain, evals: selectEvals.all(chain.id).map(toEval) };
  }

  function update(id: string, patch: ChainPatch): StoredChain {
    const current = get(id);
    if (!current) throw notFound('Chain', id);
    const next: StoredChain = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      updatedAt: isoNow(clock),
    };
    updateChain.run({
      id,
      task_id: next.taskId,
      max_iterations: next.maxIterations,
      eval_command: next.evalCommand,
      feedback_template: next.feedbackTemplate,
      status: next.status,
      iteration: next.iteration,
      verdict: next.verdict,
      created_at: next.createdAt,
      updated_at: next.updatedAt,
      finished_at: next.finishedAt,
    });
    return next;
  }

  const finishTx = db.transaction(
    (dispatchId: string, outcome: EvalOutcome, chainId: string, chain: ChainPatch): boolean => {
      const now = isoNow(clock);
      if (
        updateEvalOutcome.run(outcome.status, outcome.exitCode, outcome.output, now, dispatchId).changes === 0
      )
        return false;
      update(chainId, chain);
      return true;
    },
  );

  return {
    create(taskId, iterate) {
      const now = isoNow(clock);
      const row: ChainRow = {
        id: ids.next('chain'),
        task_id: taskId,
        max_iterations: iterate.maxIterations,
        eval_command: iterate.evalCommand,
        feedback_template: iterate.feedbackTemplate ?? '',
        status: 'running',
        iteration: 1,
        verdict: '',
        created_at: now,
        updated_at: now,
        finished_at: null,
      };
      insertChain.run(row);
      return toChain(row);
    },
    get,
    getFull: (id) => {
      const chain = get(id);
      return chain ? withEvals(chain) : null;
    },
    listForTask: (taskId) => selectForTask.all(taskId).map((row) => withEvals(toChain(row))),
    listActive: () => selectActive.all().map(toChain),
    update,
    getEval: (dispatchId) => {
      const row = selectEval.get(dispatchId);
      return row ? toEval(row) : null;
    },
    addEval: (chainId, dispatchId, iteration, command) =>
      insertEval.run(dispatchId, chainId, iteration, command).changes === 1,
    listOpenEvals: () => selectOpenEvals.all().map((row) => ({ ...toEval(row), chainId: row.chain_id })),
    markEvalStarted(dispatchId) {
      updateEvalStarted.run(isoNow(clock), dispatchId);
    },
    finishEval: (dispatchId, outcome, chainId, chain) =>
      finishTx.immediate(dispatchId, outcome, chainId, chain),
    cancelEvals(chainId) {
      updateCanceled.run(isoNow(clock), chainId);
    },
    markNotified: (id, status) => updateNotified.run(status, id, status).changes === 1,
  };
}
