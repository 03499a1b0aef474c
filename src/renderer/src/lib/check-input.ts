import type { z } from 'zod';
import { fieldIssues, userWords } from '@shared/contract/user-words';
import { ClientError } from '@renderer/api/client-error';

/**
 * Checks a form's input against the channel's own contract schema before it is sent, so every
 * wrong field is shown at once, in the same words the core would use. Throws a
 * VALIDATION_FAILED ClientError listing them; returns the input unchanged when it fits.
 */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): z.input<S> {
  const result = schema.safeParse(input, { error: userWords });
  if (result.success) return input as z.input<S>;
  const issues = fieldIssues(result.error);
  throw new ClientError({
    code: 'VALIDATION_FAILED',
    message: issues.map(({ field, message }) => (field ? `${field}: ${message}` : message)).join('; '),
    field: issues[0]?.field,
    issues,
  });
}

/**
 * A number typed in a text field: the number when the text is one, else the text itself, so
 * the schema reports the field in its own words ("must be a whole number from 1 to 65535").
 */
export function typedNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}
