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
 * Runs `action` on submit. A failure naming one of `fields` is shown next to it; any other
 * failure becomes a toast. Values live in the caller's state, so nothing typed is lost. Checks
 * made before calling the core throw `invalidField(...)` to be shown the same way.
 */
export function useFormSubmit<F extends string>(
  fields: readonly F[],
  action: () => Promise<void>,
): FormSubmit<F> {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const formRef = useRef<HTMLFormElement | null>(null);
  // Bumped when a submit fails on a field, so focus moves there once and not while typing.
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
      action()
        .catch((error: unknown) => {
          const field = isClientError(error) ? matchField(error.field, fields) : null;
          if (field !== null) {
            const next: FieldErrors<F> = {};
            next[field] = fieldMessage(error);
            setErrors(next);
            setFocusRequest((n) => n + 1);
          } else {
            showToast('error', errorMessage(error));
          }
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
