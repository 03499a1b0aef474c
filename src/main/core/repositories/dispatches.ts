import type { Dispatch, RunUsage } from '@shared/contract/dispatches';
import { AGENTS, DISPATCH_STATUSES, canTransition, RUN_KINDS, type AgentKind } from '@shared/domain/dispatch';
import { isoNow } from '../clock';
import { conflict, notFound } from '../errors';
import { applyPatch, enumColumn, notFoundAt } from './columns';
import type { Db, RepositoryDeps } from './deps';
import { statementCache } from './statement-cache';
import { afterParams, cutPage, type PageRequest, type RepositoryPage } from './page';
import { ACTIVE_RUN_SQL, priorityRankSql, SLOT_HOLDING_RUN_SQL } from './state-sql';

/** A task run names its task; a review run its review (and the project it may belong to). */
export type DispatchOwner =
  | { taskId: string; reviewId?: undefined }
  | { reviewId: string; projectId: string | null; headSha: string; taskId?: undefined };

/** What runs are deleted with. */
export type RunOwnerRef = { taskId: string } | { reviewId: string } | { projectId: string };

export type DispatchCreate = DispatchOwner & {
  /** Chosen by the caller when the branch and paths derive from it. */
  id?: string;
  runnerId: string | null;
  agent: AgentKind;
  followUpRequest?: string;
  baseDispatchId?: string | null;
  branch?: string;
  worktreePath?: string;
  runDir?: string;
  /** The chain (iterate until an eval passes) the run is an iteration of. */
  chain?: { id: string; iteration: number };
};

export type DispatchPatch = Partial<
  Omit<
    Dispatch,
    | 'id'
    | 'kind'
    | 'taskId'
    | 'reviewId'
    | 'projectId'
    | 'headSha'
    | 'chainId'
    | 'iteration'
    | 'createdAt'
    | 'updatedAt'
    | 'usage'
  >
>;

export interface DispatchRepository {
  /** Newest first, a page at a time; `activeOnly`: queued, preparing and running runs only. */
  list(filter: { activeOnly: boolean; newestOfTask?: boolean }, page: PageRequest): RepositoryPage<Dispatch>;
  /** Newest first. */
  listForTask(taskId: string): Dispatch[];
  /** Newest first. */
  listForReview(reviewId: string): Dispatch[];
  /** The newest run of each review, by review id. */
  latestForReviews(): Map<string, Dispatch>;
  /** Queued, preparing and running runs on the runner, oldest first. */
  listActiveForRunner(runnerId: string): Dispatch[];
  get(id: string): Dispatch | null;
  /** Starts as 'queued'; a task run's project is the task's. */
  create(input: DispatchCreate): Dispatch;
  /** A status change must be allowed by canTransition, else CONFLICT (field 'status'). */
  update(id: string, patch: DispatchPatch): Dispatch;
  setPrompt(id: string, prompt: string, resultSchema: string): void;
  getPrompt(id: string): { prompt: string; resultSchema: string } | null;
  /** How far the remote event stream was read; null for an unknown run. */
  getOutputOffset(id: string): number | null;
  setOutputOffset(id: string, offset: number): void;
  /** Deletes the task's runs with their events; returns how many runs. */
  removeForTask(taskId: string): number;
  /**
   * The ids of the runs that deleting this owner deletes with it: a task's runs, a review's, or
   * those of every task of a project (a review run only loses its project).
   */
  idsDeletedWith(owner: RunOwnerRef): string[];
  /** Queued runs in the order the scheduler starts them: task priority, then age. */
  listQueued(): Dispatch[];
  /** Runs whose remote state must be polled: preparing, running, and released blocked runs. */
  listPollable(): Dispatch[];
  /**
   * Runs that take one of the runner's slots: preparing, running, and released ones (their
   * agent may well still be working on the runner).
   */
  countBusy(runnerId: string): number;
  /** The latest valid result seen for the run (raw, as the agent wrote it), or null. */
  getAgentResult(id: string): string | null;
  setAgentResult(id: string, raw: string): void;
  /** Replaces the run's usage with the agent's latest report (its totals so far). */
  setUsage(id: string, usage: RunUsage): void;
  /** Whether stored output was trimmed. */
  outputTrimmed(id: string): boolean;
  /**
   * Records that the run's final status `status` was announced; false when it already was
   * (so each outcome is announced once, across restarts).
   */
  markNotified(id: string, status: string): boolean;
}

interface DispatchRow {
  id: string;
  kind: string;
  task_id: string | null;
  review_id: string | null;
  project_id: string | null;
  runner_id: string | null;
  agent: string;
  status: string;
  phase: string;
  phase_started_at: string | null;
  summary: string;
  branch: string;
  worktree_path: string;
  run_dir: string;
  pull_request_url: string | null;
  notes: string;
  error_text: string;
  follow_up_request: string;
  base_dispatch_id: string | null;
  released: number;
  reported_branch: string;
  reported_worktree_path: string;
  deadline_at: string | null;
  grace_ends_at: string | null;
  head_sha: string;
  chain_id: string | null;
  iteration: number | null;
  review_submitted: number;
  github_review_id: string | null;
  github_review_url: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** The usage columns, read with every run but written only by setUsage. */
interface UsageRow {
  usage_input_tokens: number | null;
  usage_cached_input_tokens: number | null;
  usage_output_tokens: number | null;
  usage_cost_usd: number | null;
  usage_turns: number | null;
  usage_duration_ms: number | null;
}

const COLUMNS = `id, kind, task_id, review_id, project_id, runner_id, agent, status, phase, phase_started_at, summary,
  branch, worktree_path, run_dir, pull_request_url, notes, error_text, follow_up_request,
  base_dispatch_id, released, reported_branch, reported_worktree_path, deadline_at, grace_ends_at,
  head_sha, chain_id, iteration, review_submitted, github_review_id, github_review_url,
  created_at, started_at, finished_at, updated_at`;

/** What every SELECT of runs reads: the written columns and the usage. */
const SELECTED = `${COLUMNS}, usage_input_tokens, usage_cached_input_tokens, usage_output_tokens,
  usage_cost_usd, usage_turns, usage_duration_ms`;

const ACTIVE = ACTIVE_RUN_SQL;

export interface DispatchPageFilter {
  activeOnly: boolean;
  /** Only each task's newest run: the one that decides the task's lane on the board. */
  newestOfTask: boolean;
  /** Whether the page starts after a cursor's position (else at the newest run). */
  after: boolean;
}

/**
 * A page of runs, newest first. Each filter has its own statement so each is an index search in
 * (created_at, id) order; the active ones go through the partial index whose condition is
 * ACTIVE, word for word (migration 0012).
 */
export function dispatchPageQuery(filter: DispatchPageFilter): string {
  const where = [
    filter.activeOnly ? ACTIVE : '',
    // One search of the runs-by-task index per run walked (migration 0013).
    filter.newestOfTask
      ? `task_id IS NOT NULL AND id = (SELECT n.id FROM dispatches n WHERE n.task_id = dispatches.task_id
           ORDER BY n.created_at DESC, n.id DESC LIMIT 1)`
      : '',
    filter.after ? '(created_at, id) < (@afterCreatedAt, @afterId)' : '',
  ].filter((term) => term !== '');
  // With few active runs the planner would rather sort them than walk the partial index; named,
  // the index keeps a page's cost bounded by the page however many runs are active.
  const table = filter.activeOnly ? 'dispatches INDEXED BY dispatches_active_by_created' : 'dispatches';
  return `SELECT ${SELECTED} FROM ${table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, id DESC LIMIT @limit`;
}

function toUsage(row: UsageRow): RunUsage | null {
  if (row.usage_input_tokens === null) return null;
  return {
    inputTokens: row.usage_input_tokens,
    cachedInputTokens: row.usage_cached_input_tokens ?? 0,
    outputTokens: row.usage_output_tokens ?? 0,
    costUsd: row.usage_cost_usd,
    turns: row.usage_turns,
    durationMs: row.usage_duration_ms,
  };
}

function toDispatch(row: DispatchRow & UsageRow): Dispatch {
  return {
    id: row.id,
    kind: enumColumn(RUN_KINDS, row.kind, 'dispatches.kind'),
    taskId: row.task_id,
    reviewId: row.review_id,
    projectId: row.project_id,
    runnerId: row.runner_id,
    agent: enumColumn(AGENTS, row.agent, 'dispatches.agent'),
    status: enumColumn(DISPATCH_STATUSES, row.status, 'dispatches.status'),
    phase: row.phase,
    phaseStartedAt: row.phase_started_at,
    summary: row.summary,
    branch: row.branch,
    worktreePath: row.worktree_path,
    runDir: row.run_dir,
    pullRequestUrl: row.pull_request_url,
    notes: row.notes,
    errorText: row.error_text,
    followUpRequest: row.follow_up_request,
    baseDispatchId: row.base_dispatch_id,
    released: row.released === 1,
    reportedBranch: row.reported_branch,
    reportedWorktreePath: row.reported_worktree_path,
    deadlineAt: row.deadline_at,
    graceEndsAt: row.grace_ends_at,
    headSha: row.head_sha,
    chainId: row.chain_id,
    iteration: row.iteration,
    reviewSubmitted: row.review_submitted === 1,
    githubReviewId: row.github_review_id,
    githubReviewUrl: row.github_review_url,
    usage: toUsage(row),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

function toRow(d: Dispatch): DispatchRow {
  return {
    id: d.id,
    kind: d.kind,
    task_id: d.taskId,
    review_id: d.reviewId,
    project_id: d.projectId,
    runner_id: d.runnerId,
    agent: d.agent,
    status: d.status,
    phase: d.phase,
    phase_started_at: d.phaseStartedAt,
    summary: d.summary,
    branch: d.branch,
    worktree_path: d.worktreePath,
    run_dir: d.runDir,
    pull_request_url: d.pullRequestUrl,
    notes: d.notes,
    error_text: d.errorText,
    follow_up_request: d.followUpRequest,
    base_dispatch_id: d.baseDispatchId,
    released: d.released ? 1 : 0,
    reported_branch: d.reportedBranch,
    reported_worktree_path: d.reportedWorktreePath,
    deadline_at: d.deadlineAt,
    grace_ends_at: d.graceEndsAt,
    head_sha: d.headSha,
    chain_id: d.chainId,
    iteration: d.iteration,
    review_submitted: d.reviewSubmitted ? 1 : 0,
    github_review_id: d.githubReviewId,
    github_review_url: d.githubReviewUrl,
    created_at: d.createdAt,
    started_at: d.startedAt,
    finished_at: d.finishedAt,
    updated_at: d.updatedAt,
  };
}

export function createDispatchRepository(db: Db, { clock, ids }: RepositoryDeps): DispatchRepository {
  /** Each filter's page statement, prepared when first used. */
  const statement = statementCache(db);
  const pageStatement = (filter: DispatchPageFilter) =>
    statement<ReturnType<typeof afterParams>, DispatchRow & UsageRow>(dispatchPageQuery(filter));
  const selectForTask = db.prepare<[string], DispatchRow & UsageRow>(
    `SELECT ${SELECTED} FROM dispatches WHERE task_id = ? ORDER BY created_at DESC, id DESC`,
  );
  const selectActiveForRunner = db.prepare<[string], DispatchRow & UsageRow>(
    `SELECT ${SELECTED} FROM dispatches WHERE runner_id = ? AND ${ACTIVE} ORDER BY created_at, id`,
  );
  const selectForReview = db.prepare<[string], DispatchRow & UsageRow>(
    `SELECT ${SELECTED} FROM dispatches WHERE review_id = ? ORDER BY created_at DESC, id DESC`,
  );
  const selectLatestForReviews = db.prepare<[], DispatchRow & UsageRow>(
    `SELECT ${SELECTED} FROM dispatches d WHERE review_id IS NOT NULL AND id = (
       SELECT id FROM dispatches WHERE review_id = d.review_id ORDER BY created_at DESC, id DESC LIMIT 1)`,
  );
  const selectOne = db.prepare<[string], DispatchRow & UsageRow>(
    `SELECT ${SELECTED} FROM dispatches WHERE id = ?`,
  );
  const selectTaskProject = db.prepare<[string], string>('SELECT project_id FROM tasks WHERE id = ?').pluck();
  const runnerExists = db.prepare<[string], number>('SELECT 1 FROM runners WHERE id = ?').pluck();
  const reviewExists = db.prepare<[string], number>('SELECT 1 FROM reviews WHERE id = ?').pluck();
  const insert = db.prepare<[DispatchRow]>(
    `INSERT INTO dispatches (${COLUMNS}) VALUES (@id, @kind, @task_id, @review_id, @project_id, @runner_id, @agent,
       @status, @phase, @phase_started_at, @summary, @branch, @worktree_path, @run_dir,
       @pull_request_url, @notes, @error_text, @follow_up_request, @base_dispatch_id, @released,
       @reported_branch, @reported_worktree_path, @deadline_at, @grace_ends_at,
       @head_sha, @chain_id, @iteration, @review_submitted, @github_review_id, @github_review_url,
       @created_at, @started_at, @finished_at, @updated_at)`,
  );
  const updateRow = db.prepare<[DispatchRow]>(
    `UPDATE dispatches SET runner_id = @runner_id, agent = @agent, status = @status,
       phase = @phase, phase_started_at = @phase_started_at, summary = @summary,
       branch = @branch, worktree_path = @worktree_path, run_dir = @run_dir,
       pull_request_url = @pull_request_url, notes = @notes, error_text = @error_text,
       follow_up_request = @follow_up_request, base_dispatch_id = @base_dispatch_id, released = @released,
       reported_branch = @reported_branch, reported_worktree_path = @reported_worktree_path,
       deadline_at = @deadline_at, grace_ends_at = @grace_ends_at,
       review_submitted = @review_submitted, github_review_id = @github_review_id,
       github_review_url = @github_review_url, started_at = @started_at, finished_at = @finished_at, updated_at = @updated_at
     WHERE id = @id`,
  );
  const selectPrompt = db.prepare<[string], { prompt: string | null; result_schema: string | null }>(
    'SELECT prompt, result_schema FROM dispatches WHERE id = ?',
  );
  const updatePrompt = db.prepare<[string, string, string]>(
    'UPDATE dispatches SET prompt = ?, result_schema = ? WHERE id = ?',
  );
  const selectOffset = db
    .prepare<[string], number>('SELECT output_offset FROM dispatches WHERE id = ?')
    .pluck();
  const updateOffset = db.prepare<[number, string]>('UPDATE dispatches SET output_offset = ? WHERE id = ?');
  const selectAgentResult = db
    .prepare<[string], string | null>('SELECT agent_result FROM dispatches WHERE id = ?')
    .pluck();
  const updateAgentResult = db.prepare<[string, string]>(
    'UPDATE dispatches SET agent_result = ? WHERE id = ?',
  );
  const updateUsage = db.prepare<[UsageRow & { id: string }]>(
    `UPDATE dispatches SET usage_input_tokens = @usage_input_tokens,
       usage_cached_input_tokens = @usage_cached_input_tokens, usage_output_tokens = @usage_output_tokens,
       usage_cost_usd = @usage_cost_usd, usage_turns = @usage_turns, usage_duration_ms = @usage_duration_ms
     WHERE id = @id`,
  );
  const deleteForTask = db.prepare<[string]>('DELETE FROM dispatches WHERE task_id = ?');
  const selectIdsForTask = db
    .prepare<[string], string>('SELECT id FROM dispatches WHERE task_id = ? ORDER BY created_at, id')
    .pluck();
  const selectIdsForReview = db
    .prepare<[string], string>('SELECT id FROM dispatches WHERE review_id = ? ORDER BY created_at, id')
    .pluck();
  const selectIdsForProjectTasks = db
    .prepare<[string], string>(
      `SELECT d.id FROM dispatches d JOIN tasks t ON t.id = d.task_id WHERE t.project_id = ?
       ORDER BY d.created_at, d.id`,
    )
    .pluck();

  function get(id: string): Dispatch | null {
    const row = selectOne.get(id);
    return row ? toDispatch(row) : null;
  }

  function mustGet(id: string): Dispatch {
    const dispatch = get(id);
    if (!dispatch) throw notFound('Dispatch', id);
    return dispatch;
  }

  function assertReferences(runnerId: string | null, baseDispatchId: string | null): void {
    if (runnerId !== null && !runnerExists.get(runnerId)) {
      throw notFoundAt('runnerId', 'Runner', runnerId);
    }
    if (baseDispatchId !== null && !selectOne.get(baseDispatchId)) {
      throw notFoundAt('baseDispatchId', 'Dispatch', baseDispatchId);
    }
  }

  const selectQueued = db.prepare<[], DispatchRow & UsageRow>(
    `SELECT ${SELECTED.split(',')
      .map((c) => 'd.' + c.trim())
      .join(', ')} FROM dispatches d LEFT JOIN tasks t ON t.id = d.task_id
     WHERE d.status = 'queued'
     ORDER BY ${priorityRankSql('t.priority')}, d.created_at, d.id`,
  );
  const selectPollable = db.prepare<[], DispatchRow & UsageRow>(
    `SELECT ${SELECTED} FROM dispatches
     WHERE ${SLOT_HOLDING_RUN_SQL}
     ORDER BY created_at`,
  );
  const selectBusy = db
    .prepare<[string], number>(
      `SELECT count(*) FROM dispatches
       WHERE runner_id = ? AND ${SLOT_HOLDING_RUN_SQL}`,
    )
    .pluck();
  const updateNotified = db.prepare<[string, string, string]>(
    `UPDATE dispatches SET notified_status = ? WHERE id = ? AND (notified_status IS NULL OR notified_status != ?)`,
  );
  const selectTrimmed = db
    .prepare<[string], number>('SELECT output_trimmed FROM dispatches WHERE id = ?')
    .pluck();

  function ownerOf(
    input: DispatchCreate,
  ): Pick<Dispatch, 'kind' | 'taskId' | 'reviewId' | 'projectId' | 'headSha'> {
    if (input.reviewId !== undefined) {
      if (!reviewExists.get(input.reviewId)) throw notFoundAt('reviewId', 'Review', input.reviewId);
      return {
        kind: 'review',
        taskId: null,
        reviewId: input.reviewId,
        projectId: input.projectId,
        headSha: input.headSha,
      };
    }
    const projectId = selectTaskProject.get(input.taskId);
    if (projectId === undefined) throw notFoundAt('taskId', 'Task', input.taskId);
    return { kind: 'task', taskId: input.taskId, reviewId: null, projectId, headSha: '' };
  }

  const createTx = db.transaction((input: DispatchCreate): Dispatch => {
    const owner = ownerOf(input);
    const baseDispatchId = input.baseDispatchId ?? null;
    assertReferences(input.runnerId, baseDispatchId);
    const now = isoNow(clock);
    const dispatch: Dispatch = {
      id: input.id ?? ids.next('dispatch'),
      ...owner,
      runnerId: input.runnerId,
      agent: input.agent,
      status: 'queued',
      phase: '',
      phaseStartedAt: null,
      summary: '',
      branch: input.branch ?? '',
      worktreePath: input.worktreePath ?? '',
      runDir: input.runDir ?? '',
      pullRequestUrl: null,
      notes: '',
      errorText: '',
      followUpRequest: input.followUpRequest ?? '',
      baseDispatchId,
      released: false,
      reportedBranch: '',
      reportedWorktreePath: '',
      deadlineAt: null,
      graceEndsAt: null,
      chainId: input.chain?.id ?? null,
      iteration: input.chain?.iteration ?? null,
      reviewSubmitted: false,
      githubReviewId: null,
      githubReviewUrl: null,
      usage: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      updatedAt: now,
    };
    insert.run(toRow(dispatch));
    return dispatch;
  });

  const updateTx = db.transaction((id: string, patch: DispatchPatch): Dispatch => {
    const current = mustGet(id);
    const next = applyPatch(current, patch);
    if (next.status !== current.status && !canTransition(current.status, next.status)) {
      throw conflict(`A ${current.status} run cannot become ${next.status}`, 'status');
    }
    assertReferences(
      next.runnerId === current.runnerId ? null : next.runnerId,
      next.baseDispatchId === current.baseDispatchId ? null : next.baseDispatchId,
    );
    updateRow.run(toRow({ ...next, id, updatedAt: isoNow(clock) }));
    return mustGet(id);
  });

  return {
    list({ activeOnly, newestOfTask = false }, page) {
      const statement = pageStatement({ activeOnly, newestOfTask, after: page.after !== null });
      return cutPage(statement.all(afterParams(page)), page.limit, toDispatch);
    },
    listForTask: (taskId) => selectForTask.all(taskId).map(toDispatch),
    listForReview: (reviewId) => selectForReview.all(reviewId).map(toDispatch),
    latestForReviews: () =>
      new Map(selectLatestForReviews.all().map((row) => [row.review_id!, toDispatch(row)])),
    listActiveForRunner: (runnerId) => selectActiveForRunner.all(runnerId).map(toDispatch),
    get,
    create: (input) => createTx.immediate(input),
    update: (id, patch) => updateTx.immediate(id, patch),
    setPrompt(id, prompt, resultSchema) {
      if (updatePrompt.run(prompt, resultSchema, id).changes === 0) throw notFound('Dispatch', id);
    },
    getPrompt(id) {
      const row = selectPrompt.get(id);
      if (!row || row.prompt === null) return null;
      return { prompt: row.prompt, resultSchema: row.result_schema ?? '' };
    },
    getOutputOffset: (id) => selectOffset.get(id) ?? null,
    setOutputOffset(id, offset) {
      if (updateOffset.run(offset, id).changes === 0) throw notFound('Dispatch', id);
    },
    getAgentResult: (id) => selectAgentResult.get(id) ?? null,
    setAgentResult(id, raw) {
      if (updateAgentResult.run(raw, id).changes === 0) throw notFound('Dispatch', id);
    },
    setUsage(id, usage) {
      const row = {
        id,
        usage_input_tokens: usage.inputTokens,
        usage_cached_input_tokens: usage.cachedInputTokens,
        usage_output_tokens: usage.outputTokens,
        usage_cost_usd: usage.costUsd,
        usage_turns: usage.turns,
        usage_duration_ms: usage.durationMs,
      };
      if (updateUsage.run(row).changes === 0) throw notFound('Dispatch', id);
    },
    removeForTask: (taskId) => deleteForTask.run(taskId).changes,
    idsDeletedWith(owner) {
      if ('taskId' in owner) return selectIdsForTask.all(owner.taskId);
      if ('reviewId' in owner) return selectIdsForReview.all(owner.reviewId);
      return selectIdsForProjectTasks.all(owner.projectId);
    },
    listQueued: () => selectQueued.all().map(toDispatch),
    listPollable: () => selectPollable.all().map(toDispatch),
    countBusy: (runnerId) => selectBusy.get(runnerId) ?? 0,
    outputTrimmed: (id) => selectTrimmed.get(id) === 1,
    markNotified: (id, status) => updateNotified.run(status, id, status).changes === 1,
  };
}
