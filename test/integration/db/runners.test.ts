import { describe, expect, it } from 'vitest';
import { expectAppError, makeProject, makeRunner, makeTask, runnerInput, useDatabase } from './helpers';

describe('runner repository', () => {
  const env = useDatabase();

  it('makes the first runner the default, and only that one', () => {
    const { repos } = env();
    const first = makeRunner(repos, 'first');
    const second = makeRunner(repos, 'second');
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect(repos.runners.getDefault()?.id).toBe(first.id);
  });

  it('moves the default to a runner created or updated as default', () => {
    const { repos, clock } = env();
    const first = makeRunner(repos, 'first');
    const second = makeRunner(repos, 'second', { isDefault: true });
    expect(repos.runners.getDefault()?.id).toBe(second.id);
    expect(repos.runners.get(first.id)?.isDefault).toBe(false);

    clock.advance(1000);
    repos.runners.update(first.id, runnerInput({ name: 'first', isDefault: true }));
    expect(
      repos.runners
        .list()
        .filter((r) => r.isDefault)
        .map((r) => r.id),
    ).toEqual([first.id]);
    expect(repos.runners.get(second.id)?.updatedAt).toBe(clock.iso());
  });

  it('keeps the default when it is saved with isDefault false', () => {
    const { repos } = env();
    const first = makeRunner(repos, 'first');
    makeRunner(repos, 'second');
    const saved = repos.runners.update(first.id, runnerInput({ name: 'first', host: 'new.example.com' }));
    expect(saved).toMatchObject({ host: 'new.example.com', isDefault: true });
  });

  it('hands the default to the oldest remaining runner when the default is removed', () => {
    const { repos, clock } = env();
    const first = makeRunner(repos, 'first');
    clock.advance(1);
    const second = makeRunner(repos, 'second');
    clock.advance(1);
    makeRunner(repos, 'a-third');

    repos.runners.remove(first.id);
    expect(repos.runners.getDefault()?.id).toBe(second.id);
  });

  it('has no default once the last runner is gone', () => {
    const { repos } = env();
    const only = makeRunner(repos, 'only');
    repos.runners.remove(only.id);
    expect(repos.runners.getDefault()).toBeNull();
    expect(makeRunner(repos, 'next').isDefault).toBe(true);
  });

  it('refuses a duplicate name, in any case, and keeps the default where it was', () => {
    const { repos } = env();
    const first = makeRunner(repos, 'box');
    expectAppError(() => makeRunner(repos, 'BOX', { isDefault: true }), 'CONFLICT', 'name');
    const other = makeRunner(repos, 'other');
    expectAppError(
      () => repos.runners.update(other.id, runnerInput({ name: 'Box', isDefault: true })),
      'CONFLICT',
      'name',
    );
    expect(repos.runners.list().map((r) => [r.name, r.isDefault])).toEqual([
      ['box', true],
      ['other', false],
    ]);
    expect(repos.runners.getDefault()?.id).toBe(first.id);
  });

  it('stores each kind of auth without secrets', () => {
    const { repos } = env();
    const keyFile = makeRunner(repos, 'k', {
      auth: { kind: 'keyFile', keyPath: '~/.ssh/id_ed25519', hasPassphrase: true },
      port: 2222,
      user: 'me',
    });
    const imported = makeRunner(repos, 'i', { auth: { kind: 'importedKey', hasPassphrase: false } });
    const agent = makeRunner(repos, 'a');
    expect(repos.runners.get(keyFile.id)).toMatchObject({
      auth: { kind: 'keyFile', keyPath: '~/.ssh/id_ed25519', hasPassphrase: true },
      port: 2222,
      user: 'me',
    });
    expect(repos.runners.get(imported.id)?.auth).toEqual({ kind: 'importedKey', hasPassphrase: false });
    expect(repos.runners.get(agent.id)?.auth).toEqual({ kind: 'agent' });

    const switched = repos.runners.update(keyFile.id, runnerInput({ name: 'k', auth: { kind: 'agent' } }));
    expect(switched.auth).toEqual({ kind: 'agent' });
  });

  it('detaches the runs of a removed runner instead of deleting them', () => {
    const { repos } = env();
    const runner = makeRunner(repos, 'box');
    const task = makeTask(repos, makeProject(repos, 'p').id);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: runner.id, agent: 'codex' });
    repos.runners.remove(runner.id);
    expect(repos.dispatches.get(run.id)?.runnerId).toBeNull();
  });

  it('reports unknown ids as NOT_FOUND', () => {
    const { repos } = env();
    const id = 'rnr_00000000000000000000';
    expect(repos.runners.get(id)).toBeNull();
    expectAppError(() => repos.runners.update(id, runnerInput()), 'NOT_FOUND');
    expectAppError(() => repos.runners.remove(id), 'NOT_FOUND');
  });
});
