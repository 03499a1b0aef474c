import type { z } from 'zod';
import { AppError } from '../core/errors';

/** Turns the first zod issue into VALIDATION_FAILED naming the field, e.g. `title: must not be empty`. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError('VALIDATION_FAILED', 'input is not valid');
  const field = issue.path.map(String).join('.');
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return new AppError('VALIDATION_FAILED', message, field || undefined);
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
