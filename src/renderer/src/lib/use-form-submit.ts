import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { isClientError } from '@renderer/api';
import { showToast } from '@renderer/stores/ui';
import { errorMessage, fieldMessage } from './errors';
import { matchField } from './field-path';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormSubmit<F extends string> {
  readonly pending: boolean;
  readonly errors: FieldErrors<F>;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  /** Forget a field's error once the user edits it. */
  clearError(field: F): void;
}

/**
 * Where a failure goes: each issue naming one of `fields` next to it (the first per field), the
 * rest as one message for a toast (null when every issue found its field).
 */
export function placeErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): { errors: FieldErrors<F>; rest: string | null } {
  if (!isClientError(error)) return { errors: {}, rest: errorMessage(error) };
  const issues =
    error.issues.length > 0 ? error.issues : [{ field: error.field ?? '', message: fieldMessage(error) }];
  const errors: FieldErrors<F> = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const field = matchField(issue.field, fields);
    if (field === null) unplaced.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
    else errors[field] ??= issue.message;
  }
  if (Object.keys(errors).length === 0) return { errors, rest: errorMessage(error) };
  return { errors, rest: unplaced.length > 0 ? unplaced.join('; ') : null };
}

/**
 * Runs `action` on submit. Every failure naming one of `fields` is shown next to it, all at
 * once; any other failure becomes a toast. Values live in the caller's state, so nothing typed
 * is lost. Checks made before calling the core throw a ClientError (`checkInput`,
 * `invalidField`) to be shown the same way.
 */
export function useFormSubmit<F extends string>(
  fields: readonly F[],
  action: () => Promise<void>,
): FormSubmit<F> {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const formRef = useRef<HTMLFormElement | null>(null);
  // Bumped when a submit fails on a field, so focus moves to the first one once, not while typing.
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      formRef.current = event.currentTarget;
      if (pending) return;
      setPending(true);
      setErrors({});
      // A check before the call may throw synchronously; it is handled like a refused call.
      Promise.resolve()
        .then(action)
        .catch((error: unknown) => {
          const placed = placeErrors(error, fields);
          setErrors(placed.errors);
          if (Object.keys(placed.errors).length > 0) setFocusRequest((n) => n + 1);
          if (placed.rest !== null) showToast('error', placed.rest);
        })
        .finally(() => setPending(false));
    },
    [action, fields, pending],
  );

  const clearError = useCallback((field: F) => {
    setErrors((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }, []);

  return { pending, errors, onSubmit, clearError };
}
