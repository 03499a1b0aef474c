import { describe, expect, it } from 'vitest';
import type { RunnerTestResult } from '@shared/contract';
import { BUNDLED_MIGRATIONS } from '../../../src/main/core/db/migrate';
import { makeRunner, useDatabase } from './helpers';

function result(testedAt: string, ok = true): RunnerTestResult {
  return {
    ok,
    checks: [
      { id: 'connect', ok: true, warning: false, message: 'Connected to box.' },
      { id: 'claude', ok: false, warning: true, message: 'not found on PATH' },
    ],
    hostKey: { outcome: 'known', fingerprint: 'SHA256:abc', expected: [] },
    errorCode: null,
    testedAt,
  };
}

describe('runner test results (migration runner-test-results)', () => {
  const env = useDatabase();

  it('is a bundled migration, found by its name whatever its number', () => {
    expect(BUNDLED_MIGRATIONS.filter((m) => m.name === 'runner-test-results')).toHaveLength(1);
  });

  it('keeps the latest test of each runner across a reopen, replacing the one before', () => {
    const { repos } = env();
    const box = makeRunner(repos, 'box');
    const spare = makeRunner(repos, 'spare');
    repos.runners.saveTest(box.id, result('2026-12-03T09:00:00.000Z', false));
    repos.runners.saveTest(box.id, result('2026-12-03T10:00:00.000Z'));

    env().reopen();
    const tests = env().repos.runners.lastTests();
    expect(tests).toEqual([{ runnerId: box.id, result: result('2026-12-03T10:00:00.000Z') }]);
    expect(tests.some((t) => t.runnerId === spare.id)).toBe(false);
  });

  it('forgets a runner’s test when asked, and when the runner is removed', () => {
    const { repos } = env();
    const box = makeRunner(repos, 'box');
    const spare = makeRunner(repos, 'spare');
    repos.runners.saveTest(box.id, result('2026-12-03T09:00:00.000Z'));
    repos.runners.saveTest(spare.id, result('2026-12-03T09:00:00.000Z'));
    repos.runners.clearTest(box.id);
    expect(repos.runners.lastTests().map((t) => t.runnerId)).toEqual([spare.id]);
    repos.runners.remove(spare.id);
    expect(repos.runners.lastTests()).toEqual([]);
    expect(env().db.prepare('SELECT count(*) FROM runner_tests').pluck().get()).toBe(0);
  });

  it('skips a stored result it cannot read instead of failing the list', () => {
    const { repos, db } = env();
    const box = makeRunner(repos, 'box');
    const spare = makeRunner(repos, 'spare');
    repos.runners.saveTest(spare.id, result('2026-12-03T09:00:00.000Z'));
    db.prepare('INSERT INTO runner_tests (runner_id, tested_at, result) VALUES (?, ?, ?)').run(
      box.id,
      '2026-12-03T09:00:00.000Z',
      JSON.stringify({ ok: true, checks: [] }),
    );
    expect(repos.runners.lastTests().map((t) => t.runnerId)).toEqual([spare.id]);
  });
});
