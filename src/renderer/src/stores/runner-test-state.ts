import type { RunnerTestResult } from '@shared/contract';

/** The latest test of one runner, kept until the next one starts. */
export interface RunnerTestEntry {
  /** Which call this is; the reply of an older call is dropped. */
  readonly seq: number;
  readonly status: 'testing' | 'done';
  /** Date.now() values. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly result: RunnerTestResult | null;
  /** The call itself failed (host unreachable, runner gone): what it said. */
  readonly error: string | null;
  /** The recorded host key was forgotten after this result. */
  readonly hostKeyForgotten: boolean;
}

export type RunnerTests = Readonly<Record<string, RunnerTestEntry>>;

export function beginTest(tests: RunnerTests, runnerId: string, seq: number, now: number): RunnerTests {
  return {
    ...tests,
    [runnerId]: {
      seq,
      status: 'testing',
      startedAt: now,
      finishedAt: null,
      result: null,
      error: null,
      hostKeyForgotten: false,
    },
  };
}

function settle(
  tests: RunnerTests,
  runnerId: string,
  seq: number,
  patch: Pick<RunnerTestEntry, 'result' | 'error' | 'finishedAt'>,
): RunnerTests {
  const entry = tests[runnerId];
  if (!entry || entry.seq !== seq) return tests;
  return { ...tests, [runnerId]: { ...entry, ...patch, status: 'done' } };
}

export function finishTest(
  tests: RunnerTests,
  runnerId: string,
  seq: number,
  result: RunnerTestResult,
  now: number,
): RunnerTests {
  return settle(tests, runnerId, seq, { result, error: null, finishedAt: now });
}

export function failTest(
  tests: RunnerTests,
  runnerId: string,
  seq: number,
  message: string,
  now: number,
): RunnerTests {
  return settle(tests, runnerId, seq, { result: null, error: message, finishedAt: now });
}

/** Notes that the host key was forgotten, so the mismatch warning gives way to "test again". */
export function markHostKeyForgotten(tests: RunnerTests, runnerId: string): RunnerTests {
  const entry = tests[runnerId];
  if (!entry || entry.hostKeyForgotten) return tests;
  return { ...tests, [runnerId]: { ...entry, hostKeyForgotten: true } };
}

export function dropTest(tests: RunnerTests, runnerId: string): RunnerTests {
  if (!(runnerId in tests)) return tests;
  const next = { ...tests };
  delete next[runnerId];
  return next;
}

export function isTesting(entry: RunnerTestEntry | undefined): boolean {
  return entry?.status === 'testing';
}
