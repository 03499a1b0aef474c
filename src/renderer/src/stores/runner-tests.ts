import { create } from 'zustand';
import type { RunnerLastTest, RunnerTestResult } from '@shared/contract';
import { invoke } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import {
  beginTest,
  dropTest,
  failTest,
  finishTest,
  markHostKeyForgotten,
  type RunnerTestEntry,
  type RunnerTests,
} from './runner-test-state';

interface RunnerTestsState {
  /** Tests run or opened in this window, shown as a runner's test panel. */
  readonly tests: RunnerTests;
  /** Each runner's latest finished test as the core keeps it (across reloads): its health. */
  readonly last: Readonly<Record<string, RunnerTestResult>>;
}

/** Test results by runner id. Results carry no secrets; passphrases never come here. */
export const useRunnerTestsStore = create<RunnerTestsState>()(() => ({ tests: {}, last: {} }));

let nextSeq = 1;

function update(change: (tests: RunnerTests) => RunnerTests): void {
  useRunnerTestsStore.setState((s) => {
    const tests = change(s.tests);
    return tests === s.tests ? s : { tests };
  });
}

/**
 * Runs runners.test (up to a minute). Resolves with the result once it is the runner's latest,
 * or null when the call failed or a newer test replaced it; never rejects.
 */
export async function testRunner(runnerId: string): Promise<RunnerTestResult | null> {
  const seq = nextSeq++;
  update((t) => beginTest(t, runnerId, seq, Date.now()));
  try {
    const result = await invoke('runners.test', { id: runnerId });
    update((t) => finishTest(t, runnerId, seq, result, Date.now()));
    useRunnerTestsStore.setState((s) => ({ last: { ...s.last, [runnerId]: result } }));
    return useRunnerTestsStore.getState().tests[runnerId]?.seq === seq ? result : null;
  } catch (error) {
    update((t) => failTest(t, runnerId, seq, errorMessage(error), Date.now()));
    return null;
  }
}

/** Forgets the runner's recorded host key; the next test records the one it presents. */
export async function forgetHostKey(runnerId: string): Promise<number> {
  const { removedEntries } = await invoke('runners.forgetHostKey', { id: runnerId });
  update((t) => markHostKeyForgotten(t, runnerId));
  return removedEntries;
}

/** Replaces the kept latest tests with the core's (runners.lastTests). */
export async function loadLastTests(): Promise<void> {
  const tests: RunnerLastTest[] = await invoke('runners.lastTests', {});
  useRunnerTestsStore.setState({ last: Object.fromEntries(tests.map((t) => [t.runnerId, t.result])) });
}

/** Opens the runner's kept latest test as its test panel (unless a test is shown already). */
export function showLastTest(runnerId: string): void {
  const result = useRunnerTestsStore.getState().last[runnerId];
  if (!result) return;
  const seq = nextSeq++;
  const at = Date.parse(result.testedAt);
  update((t) => (t[runnerId] ? t : finishTest(beginTest(t, runnerId, seq, at), runnerId, seq, result, at)));
}

export function useLastTest(runnerId: string): RunnerTestResult | undefined {
  return useRunnerTestsStore((s) => s.last[runnerId]);
}

export function dropRunnerTest(runnerId: string): void {
  update((t) => dropTest(t, runnerId));
  useRunnerTestsStore.setState((s) => {
    if (!(runnerId in s.last)) return s;
    const last = { ...s.last };
    delete last[runnerId];
    return { last };
  });
}

export function useRunnerTest(runnerId: string): RunnerTestEntry | undefined {
  return useRunnerTestsStore((s) => s.tests[runnerId]);
}
