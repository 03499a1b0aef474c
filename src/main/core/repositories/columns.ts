import Database from 'better-sqlite3';
import { AppError, notFound } from '../errors';

/** Reads a TEXT column holding one of a fixed set of values, refusing anything else. */
export function enumColumn<T extends string>(values: readonly T[], value: string, column: string): T {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new AppError('INTERNAL', `Unexpected value ${JSON.stringify(value)} in column ${column}`);
  }
  return found;
}

export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromFlag = (value: number): boolean => value !== 0;

/** NOT_FOUND naming the input field that pointed at the missing entity. */
export function notFoundAt(field: string, what: string, id: string): AppError {
  return new AppError('NOT_FOUND', notFound(what, id).message, field);
}

export function isForeignKeyError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Applies the fields a patch actually sets; `undefined` means "leave as is", `null` is a value. */
export function applyPatch<T extends object>(current: T, patch: Partial<NoInfer<T>>): T {
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof T)[]) {
    const value = patch[key];
    if (value !== undefined) next[key] = value;
  }
  return next;
}
