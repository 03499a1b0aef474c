import type { AppErrorBody, ErrorCode } from '@shared/contract/errors';

/** A failed call, carrying the contract's error envelope so forms can place it by field. */
export class ClientError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(body: AppErrorBody) {
    super(body.message);
    this.name = 'ClientError';
    this.code = body.code;
    this.field = body.field;
  }
}

export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError;
}
