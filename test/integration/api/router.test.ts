import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '@shared/contract';
import { createApi, type Router } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
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

describe('router', () => {
  it('refuses a channel the contract does not declare', async () => {
    const result = await router.call('tasks.explode', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('rejects invalid input with VALIDATION_FAILED naming the field, and writes nothing', async () => {
    const project = await ok<{ id: string }>('projects.upsert', { name: 'api' });
    const cases: [string, unknown, string][] = [
      ['tasks.create', { projectId: project.id, title: '   ' }, 'title'],
      ['tasks.create', { projectId: project.id, title: 'two\nlines' }, 'title'],
      ['tasks.create', { projectId: project.id, title: 'ok', priority: 'urgent' }, 'priority'],
      ['tasks.create', { projectId: project.id, title: 'ok', sneaky: true }, ''],
      ['projects.upsert', { name: 'has space' }, 'name'],
      ['runners.upsert', { name: 'box', host: 'box', port: 70000 }, 'port'],
      ['settings.update', { reviewFollowUpIntervalMinutes: 0 }, 'reviewFollowUpIntervalMinutes'],
      ['tasks.list', { cursor: 'not a cursor' }, 'cursor'],
      // Well-formed base64url, but not what a list answers: a position needs a time and an id.
      [
        'tasks.list',
        { cursor: Buffer.from('2026-03-01T09:00:00.000Z nope').toString('base64url') },
        'cursor',
      ],
      ['tasks.list', { limit: 0 }, 'limit'],
      ['tasks.list', { order: 'sideways' }, 'order'],
      ['dispatches.list', { limit: 5000 }, 'limit'],
      ['dispatches.list', { cursor: '' }, 'cursor'],
    ];
    for (const [channel, input, field] of cases) {
      const result = await router.call(channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('VALIDATION_FAILED');
      if (field) expect(result.error.field).toBe(field);
      expect(result.error.message.length).toBeGreaterThan(field.length);
    }
    expect(await ok('tasks.list', { includeClosed: true })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
      asOf: expect.any(String),
    });
    expect(await ok<unknown[]>('runners.list')).toEqual([]);
    expect(
      (await ok<{ reviewFollowUpIntervalMinutes: number }>('settings.get')).reviewFollowUpIntervalMinutes,
    ).toBe(5);
  });

  it('tells as of when a task list was read: the same while nothing changes, another after a change', async () => {
    const first = await ok<{ asOf: string }>('tasks.list', {});
    expect((await ok<{ asOf: string }>('tasks.list', { order: 'oldest' })).asOf).toBe(first.asOf);
    await ok('projects.upsert', { name: 'as-of' });
    expect((await ok<{ asOf: string }>('tasks.list', {})).asOf).not.toBe(first.asOf);
  });

  it('answers NOT_FOUND for unknown ids', async () => {
    const missing = 'tsk_00000000000000000000';
    for (const [channel, input] of [
      ['tasks.get', { id: missing }],
      ['tasks.update', { id: missing, title: 'x' }],
      ['tasks.delete', { id: missing }],
      ['dispatches.history', { taskId: missing }],
      ['dispatches.followUp', { taskId: missing, request: 'Carry on.' }],
      ['dispatches.cancel', { dispatchId: missing.replace('tsk_', 'dsp_') }],
      ['maintenance.reset', { runnerId: 'rnr_00000000000000000000' }],
      ['projects.remove', { id: 'prj_00000000000000000000' }],
      ['runners.remove', { id: 'rnr_00000000000000000000' }],
    ] as const) {
      expect(await router.call(channel, input)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('answers CONFLICT for a duplicate project name, whatever its case', async () => {
    await ok('projects.upsert', { name: 'api' });
    const result = await router.call('projects.upsert', { name: 'API' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
    expect(await ok<unknown[]>('projects.list')).toHaveLength(1);
  });

  it('runs a task through create, edit, close, reopen and delete', async () => {
    const project = await ok<{ id: string }>('projects.upsert', { name: 'api', aliases: ['backend'] });
    const task = await ok<{ id: string; priority: string; status: string }>('tasks.create', {
      projectId: project.id,
      title: 'Fix the login timeout',
      summary: 'It times out after **3s**.',
    });
    expect(task).toMatchObject({ priority: 'medium', status: 'open' });
    await ok('tasks.update', { id: task.id, priority: 'high', title: 'Fix login timeout' });
    const closed = await ok<{ status: string; closedAt: string | null }>('tasks.update', {
      id: task.id,
      status: 'closed',
    });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect((await ok<Page<unknown>>('tasks.list', {})).items).toHaveLength(0);
    expect((await ok<Page<unknown>>('tasks.list', { includeClosed: true })).items).toHaveLength(1);
    const reopened = await ok<{ status: string; closedAt: string | null }>('tasks.update', {
      id: task.id,
      status: 'open',
    });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    const detail = await ok<{ title: string; priority: string; followUps: unknown[] }>('tasks.get', {
      id: task.id,
    });
    expect(detail).toMatchObject({ title: 'Fix login timeout', priority: 'high', followUps: [] });
    await ok('tasks.delete', { id: task.id });
    expect(await router.call('tasks.get', { id: task.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps runner passphrases out of every answer', async () => {
    // The key file must exist on this computer to be saved; its content is read when it is used.
    const keyPath = join(dir.path, 'id_ed25519');
    writeFileSync(keyPath, 'a private key\n', { mode: 0o600 });
    const runner = await ok<Record<string, unknown>>('runners.upsert', {
      name: 'box',
      host: 'build.internal',
      auth: { kind: 'keyFile', keyPath, passphrase: 'correct horse' },
    });
    expect(runner.auth).toEqual({ kind: 'keyFile', keyPath, hasPassphrase: true });
    expect(JSON.stringify(await router.call('runners.list', {}))).not.toContain('correct horse');
    expect(runner.isDefault).toBe(true);
  });

  it('keeps everything across a restart on the same data directory', async () => {
    const project = await ok<{ id: string }>('projects.upsert', { name: 'api' });
    await ok('tasks.create', { projectId: project.id, title: 'Survive a restart' });
    core.close();
    core = createCore({ dataDir: dir.path });
    router = createApi(core);
    const tasks = await ok<Page<{ title: string }>>('tasks.list', {});
    expect(tasks.items.map((t) => t.title)).toEqual(['Survive a restart']);
  });

  it('lists tasks a page at a time, newest first, as rows without their summary', async () => {
    const project = await ok<{ id: string }>('projects.upsert', { name: 'api' });
    for (let i = 1; i <= 5; i++) {
      await ok('tasks.create', { projectId: project.id, title: `task ${i}`, summary: `# Long text ${i}` });
    }
    const titles: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ok<Page<Record<string, unknown>>>('tasks.list', { limit: 2, cursor });
      for (const row of page.items) {
        expect(row).not.toHaveProperty('summary');
        expect(row).not.toHaveProperty('note');
        titles.push(String(row.title));
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(titles).toEqual(['task 5', 'task 4', 'task 3', 'task 2', 'task 1']);
    expect(pages).toBe(3);
  });

  it('answers a short call made while a long page is being answered before that page', async () => {
    const project = await ok<{ id: string }>('projects.upsert', { name: 'api' });
    for (let i = 0; i < 150; i++) await ok('tasks.create', { projectId: project.id, title: `task ${i}` });
    const answered: string[] = [];
    const long = router.call('tasks.list', { limit: 150 }).then(() => answered.push('page of 150'));
    const short = router.call('queue.get', {}).then(() => answered.push('queue'));
    await Promise.all([long, short]);
    expect(answered).toEqual(['queue', 'page of 150']);
    // A short page is answered in one go, in the order it was asked.
    answered.length = 0;
    await Promise.all([
      router.call('tasks.list', { limit: 20 }).then(() => answered.push('page of 20')),
      router.call('queue.get', {}).then(() => answered.push('queue')),
    ]);
    expect(answered).toEqual(['page of 20', 'queue']);
  });
});
