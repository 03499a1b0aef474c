import { z } from 'zod';
import { DEFAULT_MAX_CHECK_FIXES, MAX_CHECK_FIXES } from '../domain/automation';
import { MAX_RUN_MINUTES, MIN_RUN_MINUTES } from '../domain/dispatch';
import { channel } from './define';
import {
  idSchema,
  multiLineText,
  requiredLine,
  timestampSchema,
  trimmedLine,
  wholeNumberBetween,
} from './common';
import { gitUrlSchema, repositoryUrlSchema } from './urls';

export const projectSchema = z.object({
  id: idSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  repoUrl: z.string(),
  gitUrl: z.string(),
  baseBranch: z.string(),
  description: z.string(),
  /** How long a run of this project may go before it is stopped; null: the default (4 hours). */
  maxRunMinutes: z.number().int().positive().nullable(),
  /** The eval command "Run until it passes" offers for this project's tasks ('' for none). */
  defaultEvalCommand: z.string(),
  /** Queue a follow-up when the checks of a task's PR fail (at most maxCheckFixes per PR head). */
  followUpFailingChecks: z.boolean(),
  maxCheckFixes: z.number().int().positive(),
  /** A task whose PR is merged is closed (and its worktree cleaned). */
  closeOnMerge: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Project = z.infer<typeof projectSchema>;

/** Project names and aliases are what a one-line capture note starts with: one word each. */
const projectWord = requiredLine(64).refine(
  (s) => /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(s),
  'must be one word of letters, digits, dot, dash or underscore',
);

export const projectUpsertInput = z
  .object({
    id: idSchema.optional(),
    name: projectWord,
    aliases: z.array(projectWord).max(20).default([]),
    repoUrl: repositoryUrlSchema.default(''),
    gitUrl: gitUrlSchema.default(''),
    baseBranch: trimmedLine(200).default('main'),
    description: multiLineText(10_000).default(''),
    maxRunMinutes: wholeNumberBetween(MIN_RUN_MINUTES, MAX_RUN_MINUTES, ' (a week)').nullable().default(null),
    defaultEvalCommand: multiLineText(4_000).trim().default(''),
    followUpFailingChecks: z.boolean().default(false),
    maxCheckFixes: wholeNumberBetween(1, MAX_CHECK_FIXES).default(DEFAULT_MAX_CHECK_FIXES),
    closeOnMerge: z.boolean().default(false),
  })
  .strict();
export type ProjectUpsertInput = z.input<typeof projectUpsertInput>;

export const projectChannels = {
  'projects.list': channel('projects.list', z.object({}).strict().default({}), z.array(projectSchema)),
  'projects.upsert': channel('projects.upsert', projectUpsertInput, projectSchema),
  'projects.remove': channel(
    'projects.remove',
    z.object({ id: idSchema }).strict(),
    z.object({ removedTasks: z.number().int().nonnegative() }),
  ),
} as const;
