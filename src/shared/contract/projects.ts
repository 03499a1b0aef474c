import { z } from 'zod';
import { channel } from './define';
import { idSchema, optionalText, requiredLine, timestampSchema } from './common';

export const projectSchema = z.object({
  id: idSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  repoUrl: z.string(),
  gitUrl: z.string(),
  baseBranch: z.string(),
  description: z.string(),
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
    repoUrl: optionalText(500).trim().default(''),
    gitUrl: optionalText(500).trim().default(''),
    baseBranch: optionalText(200).trim().default('main'),
    description: optionalText(10_000).default(''),
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
