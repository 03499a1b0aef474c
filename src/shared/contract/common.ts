import { z } from 'zod';
import { ID_PATTERN } from '../domain/ids';

/** ISO-8601 UTC with milliseconds, e.g. 2026-11-21T09:31:00.000Z. */
export const timestampSchema = z.iso.datetime({ precision: 3 });

export const idSchema = z.string().regex(ID_PATTERN, 'must be a Sortie id');

/** A trimmed single-line string that must not be empty. */
export const requiredLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), 'must be a single line');

export const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const emptyInput = z.object({}).strict().optional().default({});

export const okOutput = z.object({ ok: z.literal(true) });
