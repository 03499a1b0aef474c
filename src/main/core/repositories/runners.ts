import {
  runnerTestResultSchema,
  type Runner,
  type RunnerAuth,
  type RunnerLastTest,
  type RunnerTestResult,
} from '@shared/contract/runners';
import { AGENTS } from '@shared/domain/dispatch';
import { HOST_KEY_POLICIES, RUNNER_AUTH_KINDS } from '@shared/domain/runner';
import { isoNow } from '../clock';
import { conflict, notFound } from '../errors';
import { enumColumn, fromFlag, toFlag } from './columns';
import type { Db, RepositoryDeps } from './deps';
import { foldWord } from './fold-word';

export type RunnerWrite = Omit<Runner, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * While any runner exists exactly one is the default. It moves only by making another runner
 * the default, or by removing it (the oldest remaining one takes over).
 */
export interface RunnerRepository {
  /** Ordered by name, case-insensitively. */
  list(): Runner[];
  get(id: string): Runner | null;
  getDefault(): Runner | null;
  /** The first runner ever created becomes the default whatever `isDefault` says. */
  create(input: RunnerWrite): Runner;
  /** `isDefault: false` on the current default is ignored: choose another default instead. */
  update(id: string, input: RunnerWrite): Runner;
  remove(id: string): void;
  /** Keeps `result` as the runner's latest test, replacing the one before. */
  saveTest(runnerId: string, result: RunnerTestResult): void;
  /** Forgets the runner's latest test (how it connects changed, so it says nothing any more). */
  clearTest(runnerId: string): void;
  /** The latest test of every runner that has one, by runner name. */
  lastTests(): RunnerLastTest[];
}

interface RunnerRow {
  id: string;
  name: string;
  name_key: string;
  host: string;
  port: number | null;
  user: string | null;
  auth_kind: string;
  key_path: string | null;
  has_passphrase: number;
  host_key_policy: string;
  workspace_root: string;
  registry_path: string;
  shell_prelude: string;
  default_agent: string;
  max_concurrent: number;
  is_default: number;
  created_at: string;
  updated_at: string;
}

function toAuth(row: RunnerRow): RunnerAuth {
  const kind = enumColumn(RUNNER_AUTH_KINDS, row.auth_kind, 'runners.auth_kind');
  const hasPassphrase = fromFlag(row.has_passphrase);
  switch (kind) {
    case 'keyFile':
      return { kind, keyPath: row.key_path ?? '', hasPassphrase };
    case 'importedKey':
      return { kind, hasPassphrase };
    case 'agent':
      return { kind };
  }
}

function toRunner(row: RunnerRow): Runner {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    user: row.user,
    auth: toAuth(row),
    hostKeyPolicy: enumColumn(HOST_KEY_POLICIES, row.host_key_policy, 'runners.host_key_policy'),
    workspaceRoot: row.workspace_root,
    registryPath: row.registry_path,
    shellPrelude: row.shell_prelude,
    defaultAgent: enumColumn(AGENTS, row.default_agent, 'runners.default_agent'),
    maxConcurrent: row.max_concurrent,
    isDefault: fromFlag(row.is_default),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type WritableRow = Omit<RunnerRow, 'created_at'>;

function toRow(id: string, input: RunnerWrite, isDefault: boolean, now: string): WritableRow {
  const { auth } = input;
  return {
    id,
    name: input.name,
    name_key: foldWord(input.name),
    host: input.host,
    port: input.port,
    user: input.user,
    auth_kind: auth.kind,
    key_path: auth.kind === 'keyFile' ? auth.keyPath : null,
    has_passphrase: toFlag(auth.kind !== 'agent' && auth.hasPassphrase),
    host_key_policy: input.hostKeyPolicy,
    workspace_root: input.workspaceRoot,
    registry_path: input.registryPath,
    shell_prelude: input.shellPrelude,
    default_agent: input.defaultAgent,
    max_concurrent: input.maxConcurrent,
    is_default: toFlag(isDefault),
    updated_at: now,
  };
}

export function createRunnerRepository(db: Db, { clock, ids }: RepositoryDeps): RunnerRepository {
  const selectAll = db.prepare<[], RunnerRow>('SELECT * FROM runners ORDER BY name_key, id');
  const selectOne = db.prepare<[string], RunnerRow>('SELECT * FROM runners WHERE id = ?');
  const selectDefault = db.prepare<[], RunnerRow>('SELECT * FROM runners WHERE is_default = 1');
  const selectByName = db.prepare<[string], RunnerRow>('SELECT * FROM runners WHERE name_key = ?');
  const count = db.prepare<[], number>('SELECT count(*) FROM runners').pluck();
  const insert = db.prepare<[RunnerRow]>(
    `INSERT INTO runners (id, name, name_key, host, port, user, auth_kind, key_path, has_passphrase,
       host_key_policy, workspace_root, registry_path, shell_prelude, default_agent,
       max_concurrent, is_default, created_at, updated_at)
     VALUES (@id, @name, @name_key, @host, @port, @user, @auth_kind, @key_path, @has_passphrase,
       @host_key_policy, @workspace_root, @registry_path, @shell_prelude, @default_agent,
       @max_concurrent, @is_default, @created_at, @updated_at)`,
  );
  const updateRow = db.prepare<[WritableRow]>(
    `UPDATE runners SET name = @name, name_key = @name_key, host = @host, port = @port, user = @user,
       auth_kind = @auth_kind, key_path = @key_path, has_passphrase = @has_passphrase,
       host_key_policy = @host_key_policy, workspace_root = @workspace_root,
       registry_path = @registry_path, shell_prelude = @shell_prelude,
       default_agent = @default_agent, max_concurrent = @max_concurrent,
       is_default = @is_default, updated_at = @updated_at
     WHERE id = @id`,
  );
  const clearDefault = db.prepare<[string]>(
    'UPDATE runners SET is_default = 0, updated_at = ? WHERE is_default = 1',
  );
  const promoteOldest = db.prepare<[string]>(
    `UPDATE runners SET is_default = 1, updated_at = ?
     WHERE id = (SELECT id FROM runners ORDER BY created_at, id LIMIT 1)`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM runners WHERE id = ?');
  const upsertTest = db.prepare<[{ runner_id: string; tested_at: string; result: string }]>(
    `INSERT INTO runner_tests (runner_id, tested_at, result) VALUES (@runner_id, @tested_at, @result)
     ON CONFLICT (runner_id) DO UPDATE SET tested_at = excluded.tested_at, result = excluded.result`,
  );
  const deleteTest = db.prepare<[string]>('DELETE FROM runner_tests WHERE runner_id = ?');
  const selectTests = db.prepare<[], { runner_id: string; result: string }>(
    `SELECT t.runner_id, t.result FROM runner_tests t JOIN runners r ON r.id = t.runner_id
     ORDER BY r.name_key, r.id`,
  );

  function get(id: string): Runner | null {
    const row = selectOne.get(id);
    return row ? toRunner(row) : null;
  }

  function mustGet(id: string): Runner {
    const runner = get(id);
    if (!runner) throw notFound('Runner', id);
    return runner;
  }

  function assertNameFree(name: string, selfId: string | null): void {
    const other = selectByName.get(foldWord(name));
    if (other && other.id !== selfId) {
      throw conflict(`A runner named "${other.name}" already exists`, 'name');
    }
  }

  const createTx = db.transaction((input: RunnerWrite): Runner => {
    assertNameFree(input.name, null);
    const now = isoNow(clock);
    const isDefault = input.isDefault || count.get() === 0;
    if (isDefault) clearDefault.run(now);
    const id = ids.next('runner');
    insert.run({ ...toRow(id, input, isDefault, now), created_at: now });
    return mustGet(id);
  });

  const updateTx = db.transaction((id: string, input: RunnerWrite): Runner => {
    const current = mustGet(id);
    assertNameFree(input.name, id);
    const now = isoNow(clock);
    if (input.isDefault && !current.isDefault) clearDefault.run(now);
    updateRow.run(toRow(id, input, input.isDefault || current.isDefault, now));
    return mustGet(id);
  });

  const removeTx = db.transaction((id: string): void => {
    const current = mustGet(id);
    deleteRow.run(id);
    if (current.isDefault) promoteOldest.run(isoNow(clock));
  });

  return {
    list: () => selectAll.all().map(toRunner),
    get,
    getDefault() {
      const row = selectDefault.get();
      return row ? toRunner(row) : null;
    },
    create: (input) => createTx.immediate(input),
    update: (id, input) => updateTx.immediate(id, input),
    remove: (id) => removeTx.immediate(id),
    saveTest(runnerId, result) {
      upsertTest.run({ runner_id: runnerId, tested_at: result.testedAt, result: JSON.stringify(result) });
    },
    clearTest: (runnerId) => void deleteTest.run(runnerId),
    lastTests() {
      const tests: RunnerLastTest[] = [];
      for (const row of selectTests.all()) {
        // A result written by an older Sortie may lack a field added since: it is skipped (the
        // runner shows as not tested) rather than failing the whole list.
        let stored: unknown;
        try {
          stored = JSON.parse(row.result);
        } catch {
          continue;
        }
        const parsed = runnerTestResultSchema.safeParse(stored);
        if (parsed.success) tests.push({ runnerId: row.runner_id, result: parsed.data });
      }
      return tests;
    },
  };
}
