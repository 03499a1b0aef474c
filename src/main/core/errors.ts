import type { AppErrorBody, ErrorCode } from '@shared/contract/errors';

/** The one error type services throw; the router turns it into the wire envelope as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every wrong field of a VALIDATION_FAILED the contract found (see validationError). */
    readonly issues?: readonly { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.issues === undefined ? {} : { issues: this.issues.map((issue) => ({ ...issue })) }),
    };
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${what} ${id} does not exist`);

export const conflict = (message: string, field?: string): AppError =>
  new AppError('CONFLICT', message, field);

/** One wrong input field and what is wrong with it, said as the rest of a sentence about it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * One VALIDATION_FAILED for every problem found at once: the message names each field
 * (`port: must be …; gitUrl: …`), `field` is the first and `issues` lists them all.
 */
export function validationFailed(problems: readonly FieldProblem[]): AppError {
  if (problems.length === 0) return new AppError('VALIDATION_FAILED', 'input is not valid');
  const message = problems.map(({ field, message }) => (field ? `${field}: ${message}` : message)).join('; ');
  return new AppError('VALIDATION_FAILED', message, problems[0]?.field || undefined, problems);
}
