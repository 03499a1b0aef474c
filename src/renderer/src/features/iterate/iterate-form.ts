import type { Dispatch, IterateInput, RunChain } from '@shared/contract';
import {
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  isActiveChain,
  type ChainStatus,
  type EvalStatus,
} from '@shared/domain/iterate';
import { invalidField } from '@renderer/lib/errors';

/** What "Run until the eval passes" offers unless the person picks another number. */
export const DEFAULT_MAX_ITERATIONS = 3;

export interface IterateForm {
  evalCommand: string;
  /** As typed. */
  maxIterations: string;
  feedbackTemplate: string;
}

/** The form's fields as the core names them in its errors (`dispatches.queue` takes `iterate`). */
export const ITERATE_FIELDS = [
  'iterate.evalCommand',
  'iterate.maxIterations',
  'iterate.feedbackTemplate',
] as const;
export type IterateField = (typeof ITERATE_FIELDS)[number];

export function emptyIterateForm(defaultEvalCommand: string): IterateForm {
  return {
    evalCommand: defaultEvalCommand,
    maxIterations: String(DEFAULT_MAX_ITERATIONS),
    feedbackTemplate: '',
  };
}

/**
 * The `iterate` of `dispatches.queue`. A count that is not a whole number is refused here (the
 * core would only see NaN); the rest is the core's to check. An empty template is left out, so
 * the core's default feedback is used.
 */
export function formToIterateInput(form: IterateForm): IterateInput {
  const count = form.maxIterations.trim();
  if (!/^\d+$/.test(count)) {
    throw invalidField(
      'iterate.maxIterations',
      `must be a whole number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}`,
    );
  }
  return {
    evalCommand: form.evalCommand,
    maxIterations: Number(count),
    ...(form.feedbackTemplate.trim() === '' ? {} : { feedbackTemplate: form.feedbackTemplate }),
  };
}

/** The one-click `iterate` for a project's default eval command. */
export function defaultIterate(evalCommand: string): IterateInput {
  return { evalCommand, maxIterations: DEFAULT_MAX_ITERATIONS };
}

/** A command as a menu shows it: its first line, cut so the menu stays narrow. */
export function shortCommand(command: string, max = 40): string {
  const line = command.trim().split('\n')[0] ?? '';
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return command.trim().includes('\n') && cut === line ? `${line} …` : cut;
}

export const CHAIN_STATUS_LABELS: Record<ChainStatus, string> = {
  running: 'Running',
  evaluating: 'Running the eval',
  passed: 'Eval passed',
  'gave-up': 'Gave up',
  failed: 'Run failed',
  canceled: 'Canceled',
};

export const EVAL_STATUS_LABELS: Record<EvalStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  canceled: 'Canceled',
};

/**
 * What a queue card says about the chain its latest run belongs to, while it goes on: "iteration
 * 2/3", or "iteration 2" before the chain itself is known. '' when there is nothing to say.
 */
export function iterationLabel(
  run: Pick<Dispatch, 'chainId' | 'iteration'>,
  chain: Pick<RunChain, 'status' | 'iteration' | 'maxIterations'> | undefined,
  runActive: boolean,
): string {
  if (run.chainId === null) return '';
  if (chain) {
    if (!isActiveChain(chain.status)) return '';
    const iteration = Math.max(chain.iteration, run.iteration ?? 0);
    return `iteration ${iteration}/${chain.maxIterations}`;
  }
  return runActive && run.iteration !== null ? `iteration ${run.iteration}` : '';
}

/** How long an eval took, or '' when it has not ended (or the clocks disagree). */
export function evalDuration(
  result: { startedAt: string | null; finishedAt: string | null },
  format: (ms: number) => string,
): string {
  if (!result.startedAt || !result.finishedAt) return '';
  const ms = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  return Number.isNaN(ms) || ms < 0 ? '' : format(ms);
}

/** Each iteration of a chain so far, oldest first, with its run and its eval when they exist. */
export interface ChainIteration {
  readonly number: number;
  readonly run: Dispatch | undefined;
  readonly result: RunChain['evals'][number] | undefined;
}

export function chainIterations(chain: RunChain, runs: readonly Dispatch[]): ChainIteration[] {
  const out: ChainIteration[] = [];
  for (let number = 1; number <= chain.iteration; number += 1) {
    const result = chain.evals.find((e) => e.iteration === number);
    const run =
      (result && runs.find((r) => r.id === result.dispatchId)) ??
      runs.find((r) => r.chainId === chain.id && r.iteration === number);
    out.push({ number, run, result });
  }
  return out;
}
