import type { z } from 'zod';
import type {
  FollowUpRequest,
  Task,
  TaskDetail,
  TaskRow as TaskListRow,
  taskCreateInput,
} from '@shared/contract/tasks';
import type { ListOrder } from '@shared/contract/paging';
import {
  TASK_PRIORITIES,
  TASK_SOURCES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from '@shared/domain/task';
import { DISPATCH_STATUSES } from '@shared/domain/dispatch';
import type { LaneCard, LaneRun } from '@shared/domain/lane';
import { isoNow } from '../clock';
import { notFound } from '../errors';
import { applyPatch, enumColumn, notFoundAt } from './columns';
import type { Db, RepositoryDeps } from './deps';
import { statementCache } from './statement-cache';
import { afterParams, cutPage, type PageRequest, type RepositoryPage } from './page';

export type TaskCreate = z.output<typeof taskCreateInput>;

export interface TaskPatch {
  title?: string;
  summary?: string;
  priority?: TaskPriority;
  status?: TaskStatus;
}

export interface TaskListFilter {
  projectId?: string;
  includeClosed: boolean;
}

export interface TaskRepository {
  /** Newest first, whole tasks: for the core's own sweeps, not for a window's list. */
  list(filter: TaskListFilter): Task[];
  /**
   * List rows, newest first: up to `limit` tasks created before `after` (from the start: null);
   * oldest first: up to `limit` created after it.
   */
  listRows(filter: TaskListFilter, page: PageRequest, order?: ListOrder): RepositoryPage<TaskListRow>;
  /** How many tasks the filter matches. */
  countRows(filter: TaskListFilter): number;
  /**
   * Every list row the filter matches, each with what decides its lane of its newest run (the
   * run itself: `dispatches.get`): what the board's first look sorts into lanes.
   */
  boardRows(filter: TaskListFilter): LaneCard<TaskListRow>[];
  get(id: string): Task | null;
  /** The task with its follow-up requests, oldest first. */
  getDetail(id: string): TaskDetail | null;
  create(input: TaskCreate): Task;
  /** Closing sets closedAt, reopening clears it; updatedAt always moves. */
  update(id: string, patch: TaskPatch): Task;
  remove(id: string): void;
  addFollowUp(taskId: string, request: string): FollowUpRequest;
}

interface TaskRow {
  id: string;
  project_id: string;
  title: string;
  summary: string;
  note: string;
  priority: string;
  status: string;
  source: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

interface FollowUpRow {
  id: string;
  task_id: string;
  request: string;
  created_at: string;
}

function toTask(row: TaskRow): Task {
  return { ...toListRow(row), summary: row.summary, note: row.note };
}

type ListRowColumns = Omit<TaskRow, 'summary' | 'note'>;

/** What a list row reads: every column but the long texts. */
const ROW_COLUMNS = 'id, project_id, title, priority, status, source, created_at, updated_at, closed_at';

function toListRow(row: ListRowColumns): TaskListRow {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    priority: enumColumn(TASK_PRIORITIES, row.priority, 'tasks.priority'),
    status: enumColumn(TASK_STATUSES, row.status, 'tasks.status'),
    source: enumColumn(TASK_SOURCES, row.source, 'tasks.source'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

interface PageParams {
  projectId: string | null;
  afterCreatedAt: string | null;
  afterId: string | null;
  limit: number;
}

export interface TaskPageFilter {
  byProject: boolean;
  openOnly: boolean;
  /** Whether the page starts after a cursor's position (else at the list's first task). */
  after: boolean;
  /** Oldest first instead of newest first. */
  oldest: boolean;
}

/** The terms of a filter, on the columns of `table` (its name or alias) when given. */
function taskFilterTerms(filter: Pick<TaskPageFilter, 'byProject' | 'openOnly'>, table = ''): string[] {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  return [
    filter.byProject ? `${column('project_id')} = @projectId` : '',
    filter.openOnly ? `${column('status')} = 'open'` : '',
  ];
}

function whereClause(terms: string[]): string {
  const used = terms.filter((term) => term !== '');
  return used.length > 0 ? `WHERE ${used.join(' AND ')}` : '';
}

/**
 * The page query for one combination of filters. Each has its own statement (rather than
 * `@x IS NULL OR …`, which hides the filter from the planner) so every one is an index search
 * in (created_at, id) order, walked either way: see migration 0012.
 */
export function taskPageQuery(filter: TaskPageFilter): string {
  const where = whereClause([
    ...taskFilterTerms(filter),
    filter.after ? `(created_at, id) ${filter.oldest ? '>' : '<'} (@afterCreatedAt, @afterId)` : '',
  ]);
  const direction = filter.oldest ? 'ASC' : 'DESC';
  return `SELECT ${ROW_COLUMNS} FROM tasks ${where}
     ORDER BY created_at ${direction}, id ${direction} LIMIT @limit`;
}

/** How many tasks a filter matches: counted in the same index as its pages. */
export function taskCountQuery(filter: Pick<TaskPageFilter, 'byProject' | 'openOnly'>): string {
  return `SELECT COUNT(*) FROM tasks ${whereClause(taskFilterTerms(filter))}`;
}

/**
 * The board's rows for one combination of filters: each task's list row with its newest run
 * (created last, then the greater id), found by one search of the runs-by-task index per task
 * (migration 0013).
 */
export function taskBoardQuery(filter: Pick<TaskPageFilter, 'byProject' | 'openOnly'>): string {
  const task = ROW_COLUMNS.split(', ').map((name) => `t.${name}`);
  return `SELECT ${task.join(', ')}, d.id AS run_id, d.status AS run_status, d.released AS run_released,
       d.created_at AS run_created_at, d.started_at AS run_started_at, d.finished_at AS run_finished_at,
       d.updated_at AS run_updated_at
     FROM tasks t LEFT JOIN dispatches d ON d.id = (
       SELECT id FROM dispatches WHERE task_id = t.id ORDER BY created_at DESC, id DESC LIMIT 1)
     ${whereClause(taskFilterTerms(filter, 't'))}`;
}

interface BoardRow extends ListRowColumns {
  run_id: string | null;
  run_status: string | null;
  run_released: number | null;
  run_created_at: string | null;
  run_started_at: string | null;
  run_finished_at: string | null;
  run_updated_at: string | null;
}

function toLaneRun(row: BoardRow): LaneRun | undefined {
  if (row.run_id === null) return undefined;
  return {
    id: row.run_id,
    status: enumColumn(DISPATCH_STATUSES, row.run_status!, 'dispatches.status'),
    released: row.run_released === 1,
    createdAt: row.run_created_at!,
    startedAt: row.run_started_at,
    finishedAt: row.run_finished_at,
    updatedAt: row.run_updated_at!,
  };
}

function toFollowUp(row: FollowUpRow): FollowUpRequest {
  return { id: row.id, taskId: row.task_id, request: row.request, createdAt: row.created_at };
}

export function createTaskRepository(db: Db, { clock, ids }: RepositoryDeps): TaskRepository {
  const selectList = db.prepare<{ projectId: string | null; includeClosed: 0 | 1 }, TaskRow>(
    `SELECT * FROM tasks
     WHERE (@projectId IS NULL OR project_id = @projectId)
       AND (@includeClosed = 1 OR status = 'open')
     ORDER BY created_at DESC, id DESC`,
  );
  /** Each page, count and board query is prepared once, when first used; its text is its key. */
  const statement = statementCache(db);
  const selectOne = db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ?');
  const selectFollowUps = db.prepare<[string], FollowUpRow>(
    'SELECT * FROM task_follow_ups WHERE task_id = ? ORDER BY created_at, id',
  );
  const projectExists = db.prepare<[string], number>('SELECT 1 FROM projects WHERE id = ?').pluck();
  const insert = db.prepare<[TaskRow]>(
    `INSERT INTO tasks (id, project_id, title, summary, note, priority, status, source, created_at, updated_at, closed_at)
     VALUES (@id, @project_id, @title, @summary, @note, @priority, @status, @source, @created_at, @updated_at, @closed_at)`,
  );
  const updateRow = db.prepare<
    [Pick<TaskRow, 'id' | 'title' | 'summary' | 'priority' | 'status' | 'updated_at' | 'closed_at'>]
  >(
    `UPDATE tasks SET title = @title, summary = @summary, priority = @priority, status = @status,
       updated_at = @updated_at, closed_at = @closed_at
     WHERE id = @id`,
  );
  const touch = db.prepare<[string, string]>('UPDATE tasks SET updated_at = ? WHERE id = ?');
  const deleteRow = db.prepare<[string]>('DELETE FROM tasks WHERE id = ?');
  const insertFollowUp = db.prepare<[FollowUpRow]>(
    'INSERT INTO task_follow_ups (id, task_id, request, created_at) VALUES (@id, @task_id, @request, @created_at)',
  );

  function get(id: string): Task | null {
    const row = selectOne.get(id);
    return row ? toTask(row) : null;
  }

  function mustGet(id: string): Task {
    const task = get(id);
    if (!task) throw notFound('Task', id);
    return task;
  }

  const createTx = db.transaction((input: TaskCreate): Task => {
    if (!projectExists.get(input.projectId)) {
      throw notFoundAt('projectId', 'Project', input.projectId);
    }
    const now = isoNow(clock);
    const id = ids.next('task');
    insert.run({
      id,
      project_id: input.projectId,
      title: input.title,
      summary: input.summary,
      note: input.note,
      priority: input.priority,
      status: 'open',
      source: input.source,
      created_at: now,
      updated_at: now,
      closed_at: null,
    });
    return mustGet(id);
  });

  const updateTx = db.transaction((id: string, patch: TaskPatch): Task => {
    const current = mustGet(id);
    const next = applyPatch(current, patch);
    const now = isoNow(clock);
    let closedAt = current.closedAt;
    if (next.status !== current.status) closedAt = next.status === 'closed' ? now : null;
    updateRow.run({
      id,
      title: next.title,
      summary: next.summary,
      priority: next.priority,
      status: next.status,
      updated_at: now,
      closed_at: closedAt,
    });
    return mustGet(id);
  });

  const addFollowUpTx = db.transaction((taskId: string, request: string): FollowUpRequest => {
    mustGet(taskId);
    const row = { id: ids.next('followUp'), task_id: taskId, request, created_at: isoNow(clock) };
    insertFollowUp.run(row);
    touch.run(row.created_at, taskId);
    return toFollowUp(row);
  });

  return {
    list(filter) {
      return selectList
        .all({ projectId: filter.projectId ?? null, includeClosed: filter.includeClosed ? 1 : 0 })
        .map(toTask);
    },
    listRows(filter, page, order = 'newest') {
      const query = statement<PageParams, ListRowColumns>(
        taskPageQuery({
          byProject: filter.projectId !== undefined,
          openOnly: !filter.includeClosed,
          after: page.after !== null,
          oldest: order === 'oldest',
        }),
      );
      const rows = query.all({ projectId: filter.projectId ?? null, ...afterParams(page) });
      return cutPage(rows, page.limit, toListRow);
    },
    boardRows(filter) {
      const query = statement<{ projectId: string | null }, BoardRow>(
        taskBoardQuery({ byProject: filter.projectId !== undefined, openOnly: !filter.includeClosed }),
      );
      return query.all({ projectId: filter.projectId ?? null }).map((row) => ({
        task: toListRow(row),
        run: toLaneRun(row),
      }));
    },
    countRows(filter) {
      const count = statement<{ projectId: string | null }, number>(
        taskCountQuery({ byProject: filter.projectId !== undefined, openOnly: !filter.includeClosed }),
      ).pluck();
      return count.get({ projectId: filter.projectId ?? null }) ?? 0;
    },
    get,
    getDetail(id) {
      const task = get(id);
      return task ? { ...task, followUps: selectFollowUps.all(id).map(toFollowUp) } : null;
    },
    create: (input) => createTx.immediate(input),
    update: (id, patch) => updateTx.immediate(id, patch),
    remove(id) {
      if (deleteRow.run(id).changes === 0) throw notFound('Task', id);
    },
    addFollowUp: (taskId, request) => addFollowUpTx.immediate(taskId, request),
  };
}
