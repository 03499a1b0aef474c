import { z } from 'zod';
import { CHAIN_STATUSES, EVAL_STATUSES, MAX_ITERATIONS, MIN_ITERATIONS } from '../domain/iterate';
import { channel } from './define';
import { idSchema, multiLineText, timestampSchema } from './common';

/** "Run until the eval passes": how a chain of runs goes on (BEHAVIOR item 13). */
export const iterateInput = z
  .object({
    maxIterations: z
      .number()
      .int()
      .min(MIN_ITERATIONS, `must be at least ${MIN_ITERATIONS}`)
      .max(MAX_ITERATIONS, `must be at most ${MAX_ITERATIONS}`),
    /** A shell command run in the run's worktree on the runner; exit 0 passes. */
    evalCommand: multiLineText(4_000).trim().min(1, 'must not be empty'),
    /** The follow-up request after a failed eval; may use {eval_output}, {iteration}, {max_iterations}. */
    feedbackTemplate: multiLineText(20_000).optional(),
  })
  .strict();
export type IterateInput = z.infer<typeof iterateInput>;

/** One iteration's eval. */
export const evalResultSchema = z.object({
  dispatchId: idSchema,
  iteration: z.number().int().positive(),
  command: z.string(),
  status: z.enum(EVAL_STATUSES),
  exitCode: z.number().int().nullable(),
  /** Stdout and stderr merged ("(no output)" when empty), the end kept when long. */
  output: z.string(),
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
});
export type EvalResult = z.infer<typeof evalResultSchema>;

/** A chain of runs of one task, each followed by its eval, oldest iteration first. */
export const runChainSchema = z.object({
  id: idSchema,
  taskId: idSchema,
  maxIterations: z.number().int().positive(),
  evalCommand: z.string(),
  feedbackTemplate: z.string(),
  status: z.enum(CHAIN_STATUSES),
  /** The iteration in progress, or the last one. */
  iteration: z.number().int().positive(),
  /** The chain's outcome as a line ("Iteration 2/3: eval passed"), '' while it goes on. */
  verdict: z.string(),
  evals: z.array(evalResultSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
});
export type RunChain = z.infer<typeof runChainSchema>;

export const iterationChannels = {
  /** The task's chains ("run until the eval passes"), newest first. */
  'dispatches.chains': channel(
    'dispatches.chains',
    z.object({ taskId: idSchema }).strict(),
    z.array(runChainSchema),
  ),
} as const;
