import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
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

describe('the key file of a runner, checked on save on this computer', () => {
  const keyFile = (keyPath: string) => ({ ...base, auth: { kind: 'keyFile', keyPath } });

  it('refuses a key file that is missing, a folder or empty, naming the path, and stores nothing', async () => {
    const missing = join(dir.path, 'no-such-key');
    const folder = join(dir.path, 'keys');
    mkdirSync(folder);
    const empty = join(dir.path, 'empty-key');
    writeFileSync(empty, '');
    for (const [keyPath, says] of [
      [missing, `auth.keyPath: The key file ${missing} does not exist on the computer Sortie runs on.`],
      [folder, `auth.keyPath: The key file ${folder} is not a file.`],
      [empty, `auth.keyPath: The key file ${empty} is empty.`],
      [
        'id_ed25519',
        'auth.keyPath: The key file path id_ed25519 must be absolute or start with ~/ (a file on the computer Sortie runs on).',
      ],
    ] as const) {
      const result = await router.call('runners.upsert', keyFile(keyPath));
      expect(result, keyPath).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: says,
          field: 'auth.keyPath',
          issues: [{ field: 'auth.keyPath', message: says.slice('auth.keyPath: '.length) }],
        },
      });
    }
    expect(await ok<Runner[]>('runners.list')).toEqual([]);
  });

  it('names both the path typed and where ~ leads', async () => {
    const typed = `~/.sortie-no-such-key-${process.pid}`;
    const result = await router.call('runners.upsert', keyFile(typed));
    expect(result).toMatchObject({
      ok: false,
      error: {
        field: 'auth.keyPath',
        message: expect.stringContaining(`${typed} (${join(homedir(), typed.slice(2))})`),
      },
    });
  });

  it('names the key file together with the other problems only the core can see', async () => {
    const missing = join(dir.path, 'no-such-key');
    const result = await router.call('runners.upsert', {
      ...keyFile(missing),
      workspaceRoot: '~/sortie',
      registryPath: '~/sortie/projects/registry.json',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        field: 'registryPath',
        issues: [
          {
            field: 'registryPath',
            message: expect.stringContaining('lies in a folder Sortie keeps projects'),
          },
          {
            field: 'auth.keyPath',
            message: `The key file ${missing} does not exist on the computer Sortie runs on.`,
          },
        ],
      },
    });
  });

  it('saves a runner whose key file is there, and refuses an edit once the file is gone', async () => {
    const keyPath = join(dir.path, 'id_test');
    writeFileSync(keyPath, 'a private key\n', { mode: 0o600 });
    const runner = await ok<Runner>('runners.upsert', keyFile(keyPath));
    expect(runner.auth).toEqual({ kind: 'keyFile', keyPath, hasPassphrase: false });
    rmSync(keyPath);
    const edit = await router.call('runners.upsert', { ...keyFile(keyPath), id: runner.id, name: 'renamed' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'auth.keyPath' } });
    expect((await ok<Runner[]>('runners.list')).map((r) => r.name)).toEqual(['box']);
  });
});

describe('every wrong field at once, in words a user says', () => {
  it('lists each wrong field of a runner with its own message', async () => {
    const result = await router.call('runners.upsert', {
      name: '',
      host: 'build.internal',
      port: 70_000,
      maxConcurrent: 0,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message:
          'name: must not be empty; port: must be a whole number from 1 to 65535; maxConcurrent: must be a whole number from 1 to 64',
        field: 'name',
        issues: [
          { field: 'name', message: 'must not be empty' },
          { field: 'port', message: 'must be a whole number from 1 to 65535' },
          { field: 'maxConcurrent', message: 'must be a whole number from 1 to 64' },
        ],
      },
    });
  });

  it('refuses project URLs that are not what they must be, saying what was meant', async () => {
    const result = await router.call('projects.upsert', {
      name: 'api',
      repoUrl: 'github.com/acme/api',
      gitUrl: 'not a url',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        field: 'repoUrl',
        issues: [
          {
            field: 'repoUrl',
            message: 'must be a GitHub repository URL; did you mean https://github.com/acme/api?',
          },
          { field: 'gitUrl', message: expect.stringMatching(/^must be a URL git can clone/) },
        ],
      },
    });
    const saved = await ok<{ repoUrl: string; gitUrl: string }>('projects.upsert', {
      name: 'api',
      repoUrl: 'https://github.com/acme/api.git',
      gitUrl: 'git@github.com:acme/api.git',
    });
    expect(saved).toMatchObject({
      repoUrl: 'https://github.com/acme/api',
      gitUrl: 'git@github.com:acme/api.git',
    });
  });
});
