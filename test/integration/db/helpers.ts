import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type Database from 'better-sqlite3';
import { projectUpsertInput, type Project } from '@shared/contract/projects';
import { runnerSchema, type Runner } from '@shared/contract/runners';
import { taskCreateInput, type Task } from '@shared/contract/tasks';
import type { ErrorCode } from '@shared/contract/errors';
import type { Clock } from '../../../src/main/core/clock';
import { AppError } from '../../../src/main/core/errors';
import { createIdSource } from '../../../src/main/core/ids';
import { openDatabase } from '../../../src/main/core/db/open';
import { createRepositories, type Repositories, type RunnerWrite } from '../../../src/main/core/repositories';

export interface TestClock extends Clock {
  advance(ms: number): void;
  iso(): string;
}

export function createTestClock(start = '2026-03-01T09:00:00.000Z'): TestClock {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    advance: (by) => {
      ms += by;
    },
    iso: () => new Date(ms).toISOString(),
  };
}

/** A fresh temp directory per test, removed afterwards. */
export function useTempDir(): () => string {
  let dir: string | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sortie-db-'));
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return () => {
    if (!dir) throw new Error('temp dir used outside a test');
    return dir;
  };
}

export interface DbContext {
  file: string;
  db: Database.Database;
  clock: TestClock;
  repos: Repositories;
  /** Closes and reopens the same file, as a restart of the app would. */
  reopen(): void;
}

/** A migrated database file in a temp directory with all repositories, per test. */
export function useDatabase(): () => DbContext {
  const tempDir = useTempDir();
  let context: DbContext | null = null;
  beforeEach(() => {
    const file = join(tempDir(), 'sortie.db');
    const clock = createTestClock();
    const ids = createIdSource(() => clock.now().getTime());
    const open = (): Pick<DbContext, 'db' | 'repos'> => {
      const db = openDatabase(file);
      return { db, repos: createRepositories(db, { clock, ids }) };
    };
    const ctx: DbContext = {
      file,
      clock,
      ...open(),
      reopen() {
        ctx.db.close();
        Object.assign(ctx, open());
      },
    };
    context = ctx;
  });
  afterEach(() => {
    context?.db.close();
    context = null;
  });
  return () => {
    if (!context) throw new Error('database used outside a test');
    return context;
  };
}

export function makeProject(repos: Repositories, name: string, aliases: string[] = []): Project {
  return repos.projects.create(projectUpsertInput.parse({ name, aliases }));
}

export function makeTask(repos: Repositories, projectId: string, title = 'Fix the build'): Task {
  return repos.tasks.create(taskCreateInput.parse({ projectId, title }));
}

export function runnerInput(overrides: Partial<RunnerWrite> = {}): RunnerWrite {
  return {
    name: 'build-box',
    host: 'build.example.com',
    port: null,
    user: null,
    auth: { kind: 'agent' },
    hostKeyPolicy: 'accept-new',
    workspaceRoot: '~/sortie',
    registryPath: '~/sortie/registry.json',
    shellPrelude: '',
    defaultAgent: 'codex',
    maxConcurrent: 2,
    isDefault: false,
    ...overrides,
  };
}

export function makeRunner(repos: Repositories, name: string, overrides: Partial<RunnerWrite> = {}): Runner {
  return runnerSchema.parse(repos.runners.create(runnerInput({ name, ...overrides })));
}

/** Runs `fn`, expecting an AppError with the given code (and field, when given). */
export function expectAppError(fn: () => unknown, code: ErrorCode, field?: string): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof AppError)) {
    throw new Error(`expected AppError ${code}, got ${String(caught)}`);
  }
  expect(caught.code).toBe(code);
  if (field !== undefined) expect(caught.field).toBe(field);
  return caught;
}
