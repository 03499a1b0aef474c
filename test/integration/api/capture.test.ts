import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch, Page, Task, TaskRow } from '@shared/contract';
import { createApi, type Router } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
import { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let router: Router;

beforeEach(async () => {
  dir = makeTempDir();
  core = createCore({ dataDir: dir.path, env: {} });
  core.services.runs.scheduler.pause();
  router = createApi(core);
  await router.call('projects.upsert', {
    name: 'api',
    aliases: ['backend', 'Über'],
    repoUrl: 'https://github.com/acme/api',
    gitUrl: 'git@github.com:acme/api.git',
  });
});
afterEach(() => {
  core.close();
  dir.remove();
});

const tasks = async () =>
  ((await router.call('tasks.list', { includeClosed: true })) as { value: Page<TaskRow> }).value.items;

describe('tasks.capture', () => {
  it('creates a task from a note through a project alias, keeping the note', async () => {
    const result = await router.call('tasks.capture', { note: '  backend prio high fix the login timeout ' });
    expect(result).toMatchObject({ ok: true, value: { dispatch: null } });
    const task = (result as { value: { task: Task } }).value.task;
    expect(task).toMatchObject({
      title: 'fix the login timeout',
      priority: 'high',
      source: 'tray',
      note: 'backend prio high fix the login timeout',
    });
    const viaUnicodeAlias = await router.call('tasks.capture', { note: 'über tidy up', source: 'app' });
    expect(viaUnicodeAlias).toMatchObject({
      ok: true,
      value: { task: { priority: 'medium', source: 'app' } },
    });
  });

  it('names what is wrong and creates nothing', async () => {
    for (const [note, pattern] of [
      ['web fix it', /no project called "web" \(projects: api\)/],
      ['api', /say what to do/],
      ['api prio urgent fix', /high, medium or low/],
      ['', /write a project/],
    ] as const) {
      const result = await router.call('tasks.capture', { note });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'note' } });
      expect(result.ok ? '' : result.error.message).toMatch(pattern);
    }
    expect(await tasks()).toEqual([]);
  });

  it('with queue, refuses without a usable runner and creates nothing; with one, queues the run', async () => {
    const refused = await router.call('tasks.capture', { note: 'api fix it', queue: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RUNNER_NOT_CONFIGURED' } });
    expect(await tasks()).toEqual([]);
    await router.call('runners.upsert', {
      name: 'box',
      host: 'box.invalid',
      shellPrelude: 'export PATH=$PATH',
      defaultAgent: 'claude',
    });
    const queued = await router.call('tasks.capture', { note: 'api prio low fix it', queue: true });
    expect(queued.ok).toBe(true);
    const { task, dispatch } = (queued as { value: { task: Task; dispatch: Dispatch } }).value;
    expect(dispatch).toMatchObject({ taskId: task.id, status: 'queued', agent: 'claude' });
  });
});

describe('tasks.previewCapture', () => {
  const preview = async (input: Record<string, unknown>) => {
    const result = await router.call('tasks.previewCapture', input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Record<string, unknown>;
  };

  it('reads a note as capture would, naming the project, priority, runner, agent and eval', async () => {
    await router.call('runners.upsert', {
      name: 'box',
      host: 'box.invalid',
      shellPrelude: 'export PATH=$PATH',
      defaultAgent: 'claude',
    });
    expect(await preview({ note: 'backend prio high fix the login timeout', queue: true })).toMatchObject({
      projectWord: 'backend',
      project: { name: 'api' },
      priority: 'high',
      title: 'fix the login timeout',
      iterate: null,
      queue: true,
      runner: { name: 'box' },
      agent: 'claude',
      problem: null,
    });
    // An iterate clause queues even when not asked to; the agent asked for wins.
    expect(
      await preview({ note: 'api fix flaky test --iterate 3 --eval npm test', agent: 'codex' }),
    ).toMatchObject({
      title: 'fix flaky test',
      priority: 'medium',
      iterate: { maxIterations: 3, evalCommand: 'npm test' },
      queue: true,
      agent: 'codex',
      problem: null,
    });
    // Without queueing there is no runner to name.
    expect(await preview({ note: 'api tidy up' })).toMatchObject({ queue: false, runner: null, agent: null });
  });

  it('says what capture would refuse, with as much as it could read, and writes nothing', async () => {
    expect(await preview({ note: 'web fix it' })).toMatchObject({
      projectWord: 'web',
      project: null,
      title: 'fix it',
      problem: 'there is no project called "web" (projects: api)',
    });
    expect(await preview({ note: 'api prio urgent fix' })).toMatchObject({
      projectWord: 'api',
      title: null,
      problem: expect.stringMatching(/high, medium or low/),
    });
    expect(await preview({ note: 'api fix it', queue: true })).toMatchObject({
      project: { name: 'api' },
      runner: null,
      problem: expect.stringMatching(/No runner is set up yet/),
    });
    expect(await tasks()).toEqual([]);
    expect(await router.call('dispatches.list', {})).toEqual({
      ok: true,
      value: { items: [], nextCursor: null },
    });
  });
});
