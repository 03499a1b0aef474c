import type { z } from 'zod';
import { fieldIssues, userWords } from '@shared/contract/user-words';
import { validationFailed, type AppError } from '../core/errors';

/**
 * Turns every zod issue into one VALIDATION_FAILED: the message names each wrong field with
 * what is wrong (`port: must be a whole number from 1 to 65535; gitUrl: …`), `field` is the
 * first of them and `issues` lists them all, one per field.
 */
export function validationError(error: z.ZodError): AppError {
  return validationFailed(fieldIssues(error));
}

/** Parses input in the words a user reads (see `userWords`); the schema's own messages win. */
export function safeParseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: userWords });
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = safeParseInput(schema, value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
