import { useCallback, useEffect, useState } from 'react';
import { isClientError, onEventsMissed } from '@renderer/api';
import { errorMessage } from './errors';

export interface CoreRead<T> {
  /** The latest answer; null until the first one. */
  value: T | null;
  /** Changes the answer held, e.g. with a part of it read again on its own. */
  setValue(update: (held: T | null) => T | null): void;
  /** The first read has not answered yet. */
  loading: boolean;
  /** The core answered NOT_FOUND: the thing does not exist (any more). */
  missing: boolean;
  /** Why the last read failed, when it was not NOT_FOUND ('' otherwise). */
  error: string;
  /**
   * Counts the times to read again: `reload()` calls and the times events may have been missed
   * (the event stream reopened, say). The reading effect lists it in its dependencies.
   */
  reloads: number;
  reload(): void;
  /**
   * Follows one read, in an effect that returns what this returns: its answer becomes `value` and
   * clears an earlier failure; its failure sets `missing` or `error`. Neither happens once the
   * effect was cleaned up (a newer read replaced it).
   */
  follow(read: Promise<T>): () => void;
}

/** The state of something a view reads from the core, and the reading around it. */
export function useCoreRead<T>(): CoreRead<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [missing, setMissing] = useState(false);
  const [reloads, setReloads] = useState(0);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => onEventsMissed(reload), [reload]);

  const follow = useCallback((read: Promise<T>) => {
    let current = true;
    read
      .then((answer) => {
        if (!current) return;
        setValue(() => answer);
        setError('');
        setMissing(false);
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (isClientError(err) && err.code === 'NOT_FOUND') setMissing(true);
        else setError(errorMessage(err));
      });
    return () => {
      current = false;
    };
  }, []);

  return {
    value,
    setValue,
    loading: value === null && !missing && error === '',
    missing,
    error,
    reloads,
    reload,
    follow,
  };
}
