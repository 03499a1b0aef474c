import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_MIGRATIONS,
  migrate,
  schemaVersion,
  type Migration,
} from '../../../src/main/core/db/migrate';
import { openDatabase } from '../../../src/main/core/db/open';
import { createIdSource } from '../../../src/main/core/ids';
import { createRepositories } from '../../../src/main/core/repositories';
import { createTestClock, expectAppError, makeProject, useTempDir } from './helpers';

const LATEST = BUNDLED_MIGRATIONS.length;

const TABLES = [
  'automation_events',
  'dispatches',
  'project_aliases',
  'projects',
  'pull_requests',
  'reviews',
  'run_chains',
  'run_evals',
  'run_events',
  'runner_tests',
  'runners',
  'secrets',
  'settings',
  'task_follow_ups',
  'tasks',
];

function tableNames(db: Database.Database): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
}

describe('openDatabase', () => {
  const tempDir = useTempDir();

  it('creates the file and its folders and migrates it to the newest schema', () => {
    const file = join(tempDir(), 'nested', 'data', 'sortie.db');
    const db = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tableNames(db)).toEqual(TABLES);
    } finally {
      db.close();
    }
  });

  it('turns on WAL, foreign keys, a busy timeout and NORMAL sync', () => {
    const db = openDatabase(join(tempDir(), 'sortie.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('keeps the data of an existing file and applies nothing again', () => {
    const file = join(tempDir(), 'sortie.db');
    const clock = createTestClock();
    const first = openDatabase(file);
    const project = makeProject(createRepositories(first, { clock, ids: createIdSource() }), 'sortie');
    first.close();

    const second = openDatabase(file);
    try {
      const repos = createRepositories(second, { clock, ids: createIdSource() });
      expect(repos.projects.get(project.id)).toEqual(project);
      expect(migrate(second)).toEqual({ from: LATEST, to: LATEST });
    } finally {
      second.close();
    }
  });

  it('refuses a file written by a newer Sortie and leaves its schema and data alone', () => {
    const file = join(tempDir(), 'sortie.db');
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST + 1}`);
    newer.close();

    const error = expectAppError(() => openDatabase(file), 'INTERNAL');
    expect(error.message).toMatch(/newer Sortie/);

    const check = new Database(file);
    try {
      expect(schemaVersion(check)).toBe(LATEST + 1);
      expect(tableNames(check)).toEqual([]);
    } finally {
      check.close();
    }
  });

  it('works in memory', () => {
    const db = openDatabase(':memory:');
    try {
      expect(schemaVersion(db)).toBe(LATEST);
    } finally {
      db.close();
    }
  });
});

describe('migrate', () => {
  const tempDir = useTempDir();
  const m1: Migration = {
    version: 1,
    name: 'one',
    sql: 'CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);',
  };
  const m2: Migration = { version: 2, name: 'two', sql: 'INSERT INTO a VALUES (2);' };
  const m3: Migration = { version: 3, name: 'three', sql: 'INSERT INTO a VALUES (3);' };

  function rows(db: Database.Database): number[] {
    return db.prepare<[], number>('SELECT x FROM a ORDER BY x').pluck().all();
  }

  it('applies only the migrations newer than the file', () => {
    const db = new Database(join(tempDir(), 'm.db'));
    try {
      expect(migrate(db, [m1, m2])).toEqual({ from: 0, to: 2 });
      expect(migrate(db, [m1, m2, m3])).toEqual({ from: 2, to: 3 });
      expect(rows(db)).toEqual([1, 2, 3]);
    } finally {
      db.close();
    }
  });

  it('rolls back a migration that fails halfway and keeps the previous version', () => {
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2); INSERT INTO missing VALUES (1);',
    };
    const db = new Database(join(tempDir(), 'm.db'));
    try {
      expect(() => migrate(db, [m1, broken])).toThrow(/missing/);
      expect(schemaVersion(db)).toBe(1);
      expect(tableNames(db)).toEqual(['a']);
      expect(rows(db)).toEqual([1]);
    } finally {
      db.close();
    }
  });
});

describe('review runs become runs (migration 5)', () => {
  const tempDir = useTempDir();

  it('keeps every task run and its output, with foreign keys on again afterwards', () => {
    const db = new Database(join(tempDir(), 'm.db'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, BUNDLED_MIGRATIONS.slice(0, 4));
      const now = '2026-12-01T10:00:00.000Z';
      db.exec(`INSERT INTO projects (id, name, name_key, repo_url, git_url, base_branch, description, created_at, updated_at)
        VALUES ('prj_00000000000000000001', 'api', 'api', '', '', 'main', '', '${now}', '${now}')`);
      db.exec(`INSERT INTO tasks (id, project_id, title, summary, note, priority, status, source, created_at, updated_at)
        VALUES ('tsk_00000000000000000001', 'prj_00000000000000000001', 'Fix', '', '', 'medium', 'open', 'manual', '${now}', '${now}')`);
      db.exec(`INSERT INTO dispatches (id, task_id, project_id, agent, status, phase, summary, branch, worktree_path,
          run_dir, notes, error_text, follow_up_request, created_at, updated_at, agent_result)
        VALUES ('dsp_00000000000000000001', 'tsk_00000000000000000001', 'prj_00000000000000000001', 'codex',
          'succeeded', 'launch', 'Done', 'sortie/x', '/w', '/r', '', '', '', '${now}', '${now}', '{"ok":1}')`);
      db.exec(`INSERT INTO run_events (dispatch_id, seq, kind, at, data)
        VALUES ('dsp_00000000000000000001', 1, 'note', '${now}', '{}')`);

      expect(migrate(db)).toEqual({ from: 4, to: LATEST });
      const run = db.prepare('SELECT kind, task_id, review_id, summary, agent_result FROM dispatches').get();
      expect(run).toEqual({
        kind: 'task',
        task_id: 'tsk_00000000000000000001',
        review_id: null,
        summary: 'Done',
        agent_result: '{"ok":1}',
      });
      expect(db.prepare('SELECT count(*) FROM run_events').pluck().get()).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // The references still hold: deleting the task takes its run and output with it.
      db.exec(`DELETE FROM tasks`);
      expect(db.prepare('SELECT count(*) FROM run_events').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('pull request marks (migration 8)', () => {
  const tempDir = useTempDir();

  it('keeps what was read and marked, one row per pull request whatever the case of its address', () => {
    const db = new Database(join(tempDir(), 'm.db'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, BUNDLED_MIGRATIONS.slice(0, 7));
      const now = '2026-12-01T10:00:00.000Z';
      db.exec(`INSERT INTO projects (id, name, name_key, repo_url, git_url, base_branch, description, created_at, updated_at)
        VALUES ('prj_00000000000000000001', 'api', 'api', '', '', 'main', '', '${now}', '${now}')`);
      db.exec(`INSERT INTO tasks (id, project_id, title, summary, note, priority, status, source, created_at, updated_at)
        VALUES ('tsk_00000000000000000001', 'prj_00000000000000000001', 'Fix', '', '', 'medium', 'open', 'manual', '${now}', '${now}')`);
      const insert =
        db.prepare(`INSERT INTO pull_requests (url, task_id, state, head_sha, checks, failing_checks,
          review_decision, read_at, review_requested_head, check_fix_head, check_fix_count)
        VALUES (?, 'tsk_00000000000000000001', 'open', 'abc', 'failing', '["test"]', 'none', ?, 'abc', 'abc', ?)`);
      insert.run('https://github.com/acme/api/pull/7', '2026-12-01T10:00:00.000Z', 1);
      insert.run('https://github.com/Acme/API/pull/7', '2026-12-01T11:00:00.000Z', 2);

      expect(migrate(db)).toEqual({ from: 7, to: LATEST });
      const rows = db.prepare('SELECT url, check_fix_count, followed_review_ids FROM pull_requests').all();
      // The newest read wins; the address matches in any case.
      expect(rows).toEqual([
        { url: 'https://github.com/Acme/API/pull/7', check_fix_count: 2, followed_review_ids: '[]' },
      ]);
      const repos = createRepositories(db, { clock: createTestClock(), ids: createIdSource() });
      expect(repos.automation.getStatus('https://github.com/acme/api/pull/7')).toMatchObject({
        reviewRequestedHead: 'abc',
        checkFixCount: 2,
        followedReviewIds: [],
      });
      repos.automation.markReviewsFollowed('https://github.com/acme/api/pull/7', [5, 6]);
      repos.automation.markReviewsFollowed('https://github.com/acme/api/pull/7', [6, 7]);
      expect(repos.automation.getStatus('https://github.com/ACME/api/pull/7')?.followedReviewIds).toEqual([
        5, 6, 7,
      ]);
    } finally {
      db.close();
    }
  });
});

describe('canonical repository URLs (migration 11)', () => {
  const tempDir = useTempDir();

  it('rewrites the shapes earlier versions kept into https://github.com/OWNER/NAME, and leaves others', () => {
    const db = new Database(join(tempDir(), 'm.db'));
    try {
      migrate(db, BUNDLED_MIGRATIONS.slice(0, 10));
      const now = '2026-12-01T10:00:00.000Z';
      const insert =
        db.prepare(`INSERT INTO projects (id, name, name_key, repo_url, git_url, base_branch, description, created_at, updated_at)
        VALUES (?, ?, ?, ?, '', 'main', '', '${now}', '${now}')`);
      const saved = [
        'git@github.com:acme/api.git',
        'ssh://git@github.com/acme/api.git',
        'https://www.github.com/acme/api',
        'http://github.com/acme/api/',
        'github.com/acme/api',
        'https://github.com/acme/api.git',
        'https://github.com/acme/api',
        'https://gitlab.com/acme/api',
        '',
      ];
      saved.forEach((url, i) => insert.run(`prj_0000000000000000000${i}`, `p${i}`, `p${i}`, url));

      expect(migrate(db)).toEqual({ from: 10, to: LATEST });
      const urls = db.prepare<[], string>('SELECT repo_url FROM projects ORDER BY id').pluck().all();
      expect(urls).toEqual([
        ...Array(7).fill('https://github.com/acme/api'),
        'https://gitlab.com/acme/api',
        '',
      ]);
    } finally {
      db.close();
    }
  });
});
