import { describe, expect, it } from 'vitest';
import {
  CHECK_LABELS,
  asksForPassphrase,
  checkLines,
  checksNotRun,
  passphraseUpsert,
  runnerUpsertWith,
  summarizeResult,
  testNotices,
} from '@renderer/features/runners/runner-test';
import {
  beginTest,
  dropTest,
  failTest,
  finishTest,
  isTesting,
  markHostKeyForgotten,
  type RunnerTests,
} from '@renderer/stores/runner-test-state';
import {
  RUNNER_CHECK_IDS,
  runnerUpsertInput,
  type RunnerCheck,
  type RunnerTestResult,
} from '@shared/contract';
import { runner } from './fixtures';

const FP_NEW = 'SHA256:newnewnewnewnewnewnewnewnewnewnewnewnewnew';
const FP_OLD = 'SHA256:oldoldoldoldoldoldoldoldoldoldoldoldoldold';

function passing(): RunnerCheck[] {
  return RUNNER_CHECK_IDS.map((id) => ({ id, ok: true, warning: false, message: `${id} fine` }));
}

function result(patch: Partial<RunnerTestResult> = {}): RunnerTestResult {
  return {
    ok: true,
    checks: passing(),
    hostKey: { outcome: 'known', fingerprint: FP_NEW, expected: [] },
    errorCode: null,
    testedAt: '2026-12-03T09:30:00.000Z',
    ...patch,
  };
}

function connectFailure(errorCode: RunnerTestResult['errorCode'], hostKey: RunnerTestResult['hostKey']) {
  return result({
    ok: false,
    checks: [{ id: 'connect', ok: false, warning: false, message: 'it did not work' }],
    hostKey,
    errorCode,
  });
}

describe('check lines', () => {
  it('labels every check a runner reports', () => {
    for (const id of RUNNER_CHECK_IDS) expect(CHECK_LABELS[id]).toMatch(/\S/);
    expect(CHECK_LABELS['gh-auth']).toBe('GitHub CLI login');
  });

  it('keeps the fixed order whatever order the checks come in, with pass/fail and message', () => {
    const checks = passing().reverse();
    checks[2] = { id: 'codex', ok: false, warning: false, message: 'not found on PATH' };
    const lines = checkLines(result({ ok: false, checks }));
    expect(lines.map((l) => l.id)).toEqual([...RUNNER_CHECK_IDS]);
    expect(lines.find((l) => l.id === 'codex')).toEqual({
      id: 'codex',
      label: 'Codex CLI',
      ok: false,
      warning: false,
      message: 'not found on PATH',
    });
    expect(lines.filter((l) => !l.ok)).toHaveLength(1);
  });

  it('counts the checks that never ran', () => {
    expect(checksNotRun(result())).toBe(0);
    expect(checksNotRun(connectFailure('AUTH_FAILED', null))).toBe(RUNNER_CHECK_IDS.length - 1);
  });
});

describe('result summary', () => {
  it('says all passed, how many failed, or that it could not connect', () => {
    expect(summarizeResult(result())).toEqual({ tone: 'ok', text: 'All 9 checks passed' });
    const checks = passing();
    checks[6] = { id: 'codex', ok: false, warning: false, message: 'missing' };
    expect(summarizeResult(result({ ok: false, checks }))).toEqual({
      tone: 'fail',
      text: '1 of 9 checks failed',
    });
    // A missing agent the runner does not default to is a warning, not a failure.
    checks[6] = { id: 'codex', ok: false, warning: true, message: 'missing' };
    expect(summarizeResult(result({ ok: true, checks }))).toEqual({
      tone: 'warn',
      text: 'Passed with 1 warning',
    });
    expect(summarizeResult(connectFailure('REMOTE_FAILED', null))).toEqual({
      tone: 'fail',
      text: 'Could not connect',
    });
  });
});

describe('notices', () => {
  const keyFile = runner(1);

  it('shows nothing extra for a known host key', () => {
    expect(testNotices(result(), keyFile)).toEqual([]);
  });

  it('shows the fingerprint recorded at first contact', () => {
    const first = result({ hostKey: { outcome: 'recorded', fingerprint: FP_NEW, expected: [] } });
    expect(testNotices(first, keyFile)).toEqual([{ kind: 'host-key-recorded', fingerprint: FP_NEW }]);
  });

  it('shows both fingerprints of a mismatch, until the recorded key is forgotten', () => {
    const mismatch = connectFailure('HOST_KEY_MISMATCH', {
      outcome: 'mismatch',
      fingerprint: FP_NEW,
      expected: [FP_OLD],
    });
    expect(testNotices(mismatch, keyFile)).toEqual([
      { kind: 'host-key-mismatch', presented: FP_NEW, recorded: [FP_OLD] },
    ]);
    expect(testNotices(mismatch, keyFile, { hostKeyForgotten: true })).toEqual([
      { kind: 'host-key-forgotten', presented: FP_NEW },
    ]);
  });

  it('explains an unknown key refused by the strict policy', () => {
    const refused = connectFailure('HOST_KEY_UNKNOWN', {
      outcome: 'unknown-refused',
      fingerprint: FP_NEW,
      expected: [],
    });
    expect(testNotices(refused, keyFile)).toEqual([{ kind: 'host-key-unknown', fingerprint: FP_NEW }]);
  });

  it('asks for the passphrase of a key file, and for a re-import of an imported key', () => {
    const locked = connectFailure('PASSPHRASE_REQUIRED', null);
    expect(testNotices(locked, keyFile)).toEqual([
      { kind: 'passphrase-key-file', keyPath: '~/.ssh/id_ed25519' },
    ]);
    const imported = runner(2, { auth: { kind: 'importedKey', hasPassphrase: false } });
    expect(testNotices(locked, imported)).toEqual([{ kind: 'passphrase-imported-key' }]);
    expect(testNotices(locked, runner(3, { auth: { kind: 'agent' } }))).toEqual([]);

    expect(asksForPassphrase(locked, keyFile)).toBe(true);
    expect(asksForPassphrase(locked, imported)).toBe(false);
    expect(asksForPassphrase(result(), keyFile)).toBe(false);
    expect(asksForPassphrase(null, keyFile)).toBe(false);
  });

  it('leaves other connection failures to the connect line', () => {
    expect(testNotices(connectFailure('AUTH_FAILED', null), keyFile)).toEqual([]);
    expect(testNotices(connectFailure('REMOTE_FAILED', null), keyFile)).toEqual([]);
  });
});

describe('passphrase upsert', () => {
  it('keeps every field of the runner and sets only the passphrase', () => {
    const r = runner(1, { hostKeyPolicy: 'strict', isDefault: true, maxConcurrent: 5 });
    const input = passphraseUpsert(r, 's3cret');
    expect(input).toEqual({
      id: r.id,
      name: r.name,
      host: r.host,
      port: r.port,
      user: r.user,
      auth: { kind: 'keyFile', keyPath: '~/.ssh/id_ed25519', passphrase: 's3cret' },
      hostKeyPolicy: 'strict',
      workspaceRoot: r.workspaceRoot,
      registryPath: r.registryPath,
      shellPrelude: r.shellPrelude,
      defaultAgent: r.defaultAgent,
      maxConcurrent: 5,
      isDefault: true,
    });
    // Exactly what runners.upsert accepts: nothing the core would reject or default differently.
    expect(runnerUpsertInput.parse(input)).toEqual(input);
  });

  it('is not offered for an imported key or the agent', () => {
    expect(
      passphraseUpsert(runner(1, { auth: { kind: 'importedKey', hasPassphrase: false } }), 'x'),
    ).toBeNull();
    expect(passphraseUpsert(runner(1, { auth: { kind: 'agent' } }), 'x')).toBeNull();
  });

  it('round-trips a runner with nulls', () => {
    const r = runner(1, { port: null, user: null });
    expect(runnerUpsertInput.parse(runnerUpsertWith(r, { kind: 'agent' }))).toMatchObject({
      port: null,
      user: null,
      auth: { kind: 'agent' },
    });
  });
});

describe('test state', () => {
  const id = runner(1).id;
  const other = runner(2).id;

  it('keeps the last result until the next test starts', () => {
    let tests: RunnerTests = {};
    tests = beginTest(tests, id, 1, 1_000);
    expect(isTesting(tests[id])).toBe(true);
    expect(tests[id]).toMatchObject({ result: null, error: null, startedAt: 1_000 });
    tests = finishTest(tests, id, 1, result(), 2_000);
    expect(isTesting(tests[id])).toBe(false);
    expect(tests[id]).toMatchObject({ status: 'done', result: result(), finishedAt: 2_000 });
    tests = beginTest(tests, id, 2, 3_000);
    expect(tests[id]?.result).toBeNull();
  });

  it('drops the reply of a test that a newer one replaced', () => {
    let tests: RunnerTests = beginTest({}, id, 1, 0);
    tests = beginTest(tests, id, 2, 1);
    const before = tests;
    expect(finishTest(tests, id, 1, result(), 5)).toBe(before);
    expect(failTest(tests, id, 1, 'late', 5)).toBe(before);
    tests = failTest(tests, id, 2, 'Cannot reach the Sortie host.', 6);
    expect(tests[id]).toMatchObject({ status: 'done', result: null, error: 'Cannot reach the Sortie host.' });
  });

  it('keeps runners apart', () => {
    let tests: RunnerTests = beginTest({}, id, 1, 0);
    tests = beginTest(tests, other, 2, 0);
    tests = finishTest(tests, other, 2, result(), 1);
    expect(isTesting(tests[id])).toBe(true);
    expect(isTesting(tests[other])).toBe(false);
  });

  it('notes a forgotten host key until the next test, and forgets a removed runner', () => {
    let tests: RunnerTests = finishTest(beginTest({}, id, 1, 0), id, 1, result(), 1);
    tests = markHostKeyForgotten(tests, id);
    expect(tests[id]?.hostKeyForgotten).toBe(true);
    expect(markHostKeyForgotten(tests, id)).toBe(tests);
    expect(markHostKeyForgotten(tests, other)).toBe(tests);
    expect(beginTest(tests, id, 2, 2)[id]?.hostKeyForgotten).toBe(false);
    expect(dropTest(tests, id)).toEqual({});
    expect(dropTest(tests, other)).toBe(tests);
    expect(isTesting(undefined)).toBe(false);
  });
});
