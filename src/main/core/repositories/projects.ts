import type { z } from 'zod';
import type { Project, projectUpsertInput } from '@shared/contract/projects';
import { DEFAULT_MAX_CHECK_FIXES } from '@shared/domain/automation';
import { isoNow } from '../clock';
import { conflict, notFound } from '../errors';
import type { Db, RepositoryDeps } from './deps';
import { foldWord } from './fold-word';

export type ProjectWrite = Omit<z.output<typeof projectUpsertInput>, 'id'>;

export interface ProjectRepository {
  /** Ordered by name, case-insensitively. */
  list(): Project[];
  get(id: string): Project | null;
  /** Case-insensitive match on a project's name or one of its aliases. */
  findByNameOrAlias(word: string): Project | null;
  create(input: ProjectWrite): Project;
  update(id: string, input: ProjectWrite): Project;
  /** Deletes the project with its tasks (and their runs). */
  remove(id: string): { removedTasks: number };
}

interface ProjectRow {
  id: string;
  name: string;
  name_key: string;
  repo_url: string;
  git_url: string;
  base_branch: string;
  description: string;
  max_run_minutes: number | null;
  default_eval_command: string;
  follow_up_failing_checks: number;
  max_check_fixes: number;
  close_on_merge: number;
  created_at: string;
  updated_at: string;
}

interface AliasRow {
  project_id: string;
  alias: string;
}

interface IdRow {
  id: string;
}

function toProject(row: ProjectRow, aliases: string[]): Project {
  return {
    id: row.id,
    name: row.name,
    aliases,
    repoUrl: row.repo_url,
    gitUrl: row.git_url,
    baseBranch: row.base_branch,
    description: row.description,
    maxRunMinutes: row.max_run_minutes,
    defaultEvalCommand: row.default_eval_command,
    followUpFailingChecks: row.follow_up_failing_checks === 1,
    maxCheckFixes: row.max_check_fixes,
    closeOnMerge: row.close_on_merge === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Drops aliases repeating the name or an earlier alias (ignoring case), keeping the order. */
function distinctAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([foldWord(name)]);
  return aliases.filter((alias) => {
    const key = foldWord(alias);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createProjectRepository(db: Db, { clock, ids }: RepositoryDeps): ProjectRepository {
  const selectAll = db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY name_key, id');
  const selectOne = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?');
  const selectAllAliases = db.prepare<[], AliasRow>(
    'SELECT project_id, alias FROM project_aliases ORDER BY project_id, position',
  );
  const selectAliases = db.prepare<[string], AliasRow>(
    'SELECT project_id, alias FROM project_aliases WHERE project_id = ? ORDER BY position',
  );
  // Lookups go through the folded *_key columns, so they ignore case in any script.
  const selectByWord = db.prepare<{ key: string }, IdRow>(
    `SELECT id FROM projects WHERE name_key = @key
     UNION ALL
     SELECT project_id AS id FROM project_aliases WHERE alias_key = @key
     LIMIT 1`,
  );
  const selectByName = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE name_key = ?');
  const selectAliasOwner = db.prepare<[string], ProjectRow>(
    `SELECT p.* FROM project_aliases a JOIN projects p ON p.id = a.project_id WHERE a.alias_key = ?`,
  );
  const insert = db.prepare<[ProjectRow]>(
    `INSERT INTO projects (id, name, name_key, repo_url, git_url, base_branch, description, max_run_minutes,
       default_eval_command, follow_up_failing_checks, max_check_fixes, close_on_merge, created_at, updated_at)
     VALUES (@id, @name, @name_key, @repo_url, @git_url, @base_branch, @description, @max_run_minutes,
       @default_eval_command, @follow_up_failing_checks, @max_check_fixes, @close_on_merge, @created_at, @updated_at)`,
  );
  const updateRow = db.prepare<[Omit<ProjectRow, 'created_at'>]>(
    `UPDATE projects SET name = @name, name_key = @name_key, repo_url = @repo_url, git_url = @git_url,
       base_branch = @base_branch, description = @description, max_run_minutes = @max_run_minutes,
       default_eval_command = @default_eval_command, follow_up_failing_checks = @follow_up_failing_checks,
       max_check_fixes = @max_check_fixes, close_on_merge = @close_on_merge, updated_at = @updated_at
     WHERE id = @id`,
  );
  const deleteAliases = db.prepare<[string]>('DELETE FROM project_aliases WHERE project_id = ?');
  const insertAlias = db.prepare<[string, string, string, number]>(
    'INSERT INTO project_aliases (alias_key, alias, project_id, position) VALUES (?, ?, ?, ?)',
  );
  const countTasks = db.prepare<[string], number>('SELECT count(*) FROM tasks WHERE project_id = ?').pluck();
  const deleteRow = db.prepare<[string]>('DELETE FROM projects WHERE id = ?');

  function get(id: string): Project | null {
    const row = selectOne.get(id);
    return row
      ? toProject(
          row,
          selectAliases.all(id).map((a) => a.alias),
        )
      : null;
  }

  /** A word names at most one project, whether as a name or as an alias. */
  function assertWordFree(word: string, field: 'name' | 'aliases', selfId: string | null): void {
    const key = foldWord(word);
    const named = selectByName.get(key);
    if (named && named.id !== selfId) {
      throw conflict(`A project named "${named.name}" already exists`, field);
    }
    const aliased = selectAliasOwner.get(key);
    if (aliased && aliased.id !== selfId) {
      throw conflict(`"${word}" is already an alias of project "${aliased.name}"`, field);
    }
  }

  function writeAliases(projectId: string, aliases: readonly string[]): void {
    deleteAliases.run(projectId);
    aliases.forEach((alias, position) => insertAlias.run(foldWord(alias), alias, projectId, position));
  }

  function write(id: string | null, input: ProjectWrite): Project {
    if (id !== null && !selectOne.get(id)) throw notFound('Project', id);
    const aliases = distinctAliases(input.name, input.aliases);
    assertWordFree(input.name, 'name', id);
    for (const alias of aliases) assertWordFree(alias, 'aliases', id);
    const now = isoNow(clock);
    const row = {
      name: input.name,
      name_key: foldWord(input.name),
      repo_url: input.repoUrl,
      git_url: input.gitUrl,
      base_branch: input.baseBranch,
      description: input.description,
      max_run_minutes: input.maxRunMinutes ?? null,
      default_eval_command: input.defaultEvalCommand ?? '',
      follow_up_failing_checks: input.followUpFailingChecks ? 1 : 0,
      max_check_fixes: input.maxCheckFixes ?? DEFAULT_MAX_CHECK_FIXES,
      close_on_merge: input.closeOnMerge ? 1 : 0,
      updated_at: now,
    };
    let projectId: string;
    if (id === null) {
      projectId = ids.next('project');
      insert.run({ ...row, id: projectId, created_at: now });
    } else {
      projectId = id;
      updateRow.run({ ...row, id });
    }
    writeAliases(projectId, aliases);
    const project = get(projectId);
    if (!project) throw notFound('Project', projectId);
    return project;
  }

  const writeTx = db.transaction(write);
  const removeTx = db.transaction((id: string) => {
    if (!selectOne.get(id)) throw notFound('Project', id);
    const removedTasks = countTasks.get(id) ?? 0;
    deleteRow.run(id);
    return { removedTasks };
  });

  return {
    list() {
      const aliases = new Map<string, string[]>();
      for (const { project_id, alias } of selectAllAliases.all()) {
        const list = aliases.get(project_id);
        if (list) list.push(alias);
        else aliases.set(project_id, [alias]);
      }
      return selectAll.all().map((row) => toProject(row, aliases.get(row.id) ?? []));
    },
    get,
    findByNameOrAlias(word) {
      const match = selectByWord.get({ key: foldWord(word) });
      return match ? get(match.id) : null;
    },
    create: (input) => writeTx.immediate(null, input),
    update: (id, input) => writeTx.immediate(id, input),
    remove: (id) => removeTx.immediate(id),
  };
}
