import { z } from 'zod';

/** Stable error codes. Clients branch on these; never rename one, only add. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'RUNNER_NOT_CONFIGURED',
  'REMOTE_FAILED',
  /** The runner presented a host key other than the recorded one. */
  'HOST_KEY_MISMATCH',
  /** The runner's host key is not recorded and its policy is `strict`. */
  'HOST_KEY_UNKNOWN',
  /** The runner refused every key offered. */
  'AUTH_FAILED',
  /** The private key is encrypted and no (or a wrong) passphrase is stored. */
  'PASSPHRASE_REQUIRED',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Which input field was wrong, for VALIDATION_FAILED (the first of `issues`). */
  field: z.string().optional(),
  /**
   * For VALIDATION_FAILED found by the contract: every wrong field, each with its message
   * (without the field name), so a form can show them all at once.
   */
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type AppErrorBody = z.infer<typeof appErrorSchema>;

/** What every channel call returns, on every transport. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorBody };
