import { create } from 'zustand';
import type { RunnerTestResult } from '@shared/contract';
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

/** Test results by runner id. Results carry no secrets; passphrases never come here. */
export const useRunnerTestsStore = create<{ tests: RunnerTests }>()(() => ({ tests: {} }));

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

export function dropRunnerTest(runnerId: string): void {
  update((t) => dropTest(t, runnerId));
}

export function useRunnerTest(runnerId: string): RunnerTestEntry | undefined {
  return useRunnerTestsStore((s) => s.tests[runnerId]);
}
