import type { AppErrorBody, ErrorCode } from '@shared/contract/errors';

/** A failed call, carrying the contract's error envelope so forms can place it by field. */
export class ClientError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Every wrong field with its own message, when the contract found several at once. */
  readonly issues: readonly { readonly field: string; readonly message: string }[];

  constructor(body: AppErrorBody) {
    super(body.message);
    this.name = 'ClientError';
    this.code = body.code;
    this.field = body.field;
    this.issues = body.issues ?? [];
  }
}

export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError;
}
