import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runner } from '@shared/contract';
import type { Router } from '../../../src/main/api';
import type { Core } from '../../../src/main/core/core';
import { importedKeyPath } from '../../../src/main/core/remote/secret-source';
import { callOk, openApi } from '../../support/api-fixture';
import type { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let router: Router;

beforeEach(() => {
  ({ dir, core, router } = openApi());
});
afterEach(() => {
  core.close();
  dir.remove();
});

const ok = <T>(channel: string, input?: unknown) => callOk<T>(router, channel, input);

const base = { name: 'box', host: 'build.internal' };

/** Paths that would let a cleanup or reset reach outside a workspace, or mean nothing at all. */
const REFUSED_PATHS = ['-rf', '..', '~/..', '/home/../', '/', '~', '~/', '$HOME/sortie', 'sortie'];

describe('runner paths on the runner', () => {
  for (const field of ['workspaceRoot', 'registryPath'] as const) {
    it(`refuses a ${field} that is not a plain path below / or ~, naming the field`, async () => {
      for (const value of REFUSED_PATHS) {
        const result = await router.call('runners.upsert', { ...base, [field]: value });
        expect(result, value).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field } });
      }
      expect(await ok<Runner[]>('runners.list')).toEqual([]);
    });
  }

  it('refuses a bad workspace root for an existing runner and keeps the stored one', async () => {
    const runner = await ok<Runner>('runners.upsert', { ...base, workspaceRoot: '/srv/sortie' });
    const result = await router.call('runners.upsert', { ...base, id: runner.id, workspaceRoot: '~/..' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'workspaceRoot' } });
    expect((await ok<Runner[]>('runners.list')).map((r) => r.workspaceRoot)).toEqual(['/srv/sortie']);
  });

  it('keeps plain absolute and home paths, dropping one trailing slash', async () => {
    for (const [workspaceRoot, stored] of [
      ['~/sortie', '~/sortie'],
      ['/srv/sortie', '/srv/sortie'],
      ['~/work/sortie/', '~/work/sortie'],
    ] as const) {
      const runner = await ok<Runner>('runners.upsert', {
        ...base,
        name: `box-${stored.length}`,
        workspaceRoot,
        registryPath: `${stored}/registry.json`,
      });
      expect(runner.workspaceRoot).toBe(stored);
      expect(runner.registryPath).toBe(`${stored}/registry.json`);
    }
  });

  it('refuses a registry inside the folders the workspace layout keeps projects and reviews in', async () => {
    for (const registryPath of [
      '~/sortie/projects/registry.json',
      '~/sortie/reviews',
      '~/sortie/projects/api/x.json',
    ]) {
      const result = await router.call('runners.upsert', {
        ...base,
        workspaceRoot: '~/sortie',
        registryPath,
      });
      expect(result, registryPath).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', field: 'registryPath' },
      });
    }
    const runner = await ok<Runner>('runners.upsert', {
      ...base,
      workspaceRoot: '~/sortie',
      registryPath: '~/sortie/projects.json',
    });
    expect(runner.registryPath).toBe('~/sortie/projects.json');
  });

  it('keeps the workspace root while the runner has runs going, which need it to be canceled and cleaned', async () => {
    const runner = await ok<Runner>('runners.upsert', { ...base, workspaceRoot: '~/sortie' });
    const project = core.repos.projects.create({
      name: 'api',
      aliases: [],
      repoUrl: '',
      gitUrl: '',
      baseBranch: 'main',
      description: '',
      maxRunMinutes: null,
      defaultEvalCommand: '',
      followUpFailingChecks: false,
      maxCheckFixes: 2,
      closeOnMerge: false,
    });
    const task = core.repos.tasks.create({
      projectId: project.id,
      title: 'Busy',
      summary: '',
      priority: 'medium',
      note: '',
      source: 'app',
    });
    const run = core.repos.dispatches.create({ taskId: task.id, runnerId: runner.id, agent: 'codex' });
    core.repos.dispatches.update(run.id, { status: 'preparing' });
    const moved = await router.call('runners.upsert', {
      ...base,
      id: runner.id,
      workspaceRoot: '/srv/sortie',
    });
    expect(moved).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'workspaceRoot' } });
    // Other changes are fine meanwhile; once the run ended, the root can move.
    await ok<Runner>('runners.upsert', {
      ...base,
      id: runner.id,
      workspaceRoot: '~/sortie',
      maxConcurrent: 3,
    });
    core.repos.dispatches.update(run.id, { status: 'canceled' });
    const after = await ok<Runner>('runners.upsert', {
      ...base,
      id: runner.id,
      workspaceRoot: '/srv/sortie',
    });
    expect(after.workspaceRoot).toBe('/srv/sortie');
  });

  it('refuses control characters in the key file path', async () => {
    for (const keyPath of ['~/.ssh/id\u0000x', '~/.ssh/id\tx', '~/.ssh/id\nx']) {
      const result = await router.call('runners.upsert', { ...base, auth: { kind: 'keyFile', keyPath } });
      expect(result, JSON.stringify(keyPath)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', field: 'auth.keyPath' },
      });
    }
  });
});

describe('runners.importKey', () => {
  const unreadableKey = [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    'bm90IGEga2V5IGF0IGFsbA==',
    '-----END OPENSSH PRIVATE KEY-----',
    '',
  ].join('\n');

  it('names privateKey for a key that cannot be read, and stores nothing', async () => {
    const runner = await ok<Runner>('runners.upsert', base);
    const result = await router.call('runners.importKey', { id: runner.id, privateKey: unreadableKey });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'privateKey' } });
    expect(existsSync(importedKeyPath(dir.path, runner.id))).toBe(false);
    expect((await ok<Runner[]>('runners.list'))[0]?.auth).toEqual({ kind: 'agent' });
  });

  it('still names auth when upsert chooses an imported key that was never imported', async () => {
    const runner = await ok<Runner>('runners.upsert', base);
    const result = await router.call('runners.upsert', {
      ...base,
      id: runner.id,
      auth: { kind: 'importedKey' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'auth' } });
  });
});
