import type { AppErrorBody, ErrorCode } from '@shared/contract/errors';

/** The one error type services throw; the router turns it into the wire envelope as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${what} ${id} does not exist`);

export const conflict = (message: string, field?: string): AppError =>
  new AppError('CONFLICT', message, field);
