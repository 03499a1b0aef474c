import { useRef } from 'react';
import type { Runner } from '@shared/contract';
import { Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { invalidField } from '@renderer/lib/errors';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { saveRunner } from '@renderer/stores/runners';
import { passphraseUpsert } from './runner-test';

const FIELDS = ['auth', 'auth.passphrase'] as const;

export interface PassphraseDialogProps {
  runner: Runner;
  onClose(): void;
  /** The passphrase is stored; the caller tests again. */
  onSaved(): void;
}

/**
 * Asks for the passphrase of a runner's key file and stores it with the runner. The value is read
 * from the input when submitted and handed to the core; nothing here keeps it.
 */
export function PassphraseDialog({ runner, onClose, onSaved }: PassphraseDialogProps) {
  const input = useRef<HTMLInputElement>(null);
  const { pending, errors, onSubmit, clearError } = useFormSubmit(FIELDS, async () => {
    const passphrase = input.current?.value ?? '';
    if (passphrase === '') throw invalidField('auth.passphrase', 'Enter the passphrase of the key.');
    const upsert = passphraseUpsert(runner, passphrase);
    if (!upsert) throw invalidField('auth', `${runner.name} does not use a key file.`);
    await saveRunner(upsert);
    onSaved();
  });
  const keyPath = runner.auth.kind === 'keyFile' ? runner.auth.keyPath : '';
  const wrong = runner.auth.kind === 'keyFile' && runner.auth.hasPassphrase;

  return (
    <FormDialog
      title={`Passphrase for ${runner.name}`}
      submitLabel="Save and test"
      pending={pending}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <p>
        {wrong ? 'The stored passphrase does not open ' : 'Sortie needs the passphrase of '}
        <code>{keyPath}</code>
        {wrong ? '. Enter it again.' : ' to connect.'} Sortie keeps it with the runner and tests again.
      </p>
      <Field label="Passphrase" error={errors['auth.passphrase'] ?? errors.auth}>
        {(c) => (
          <input
            {...c}
            ref={input}
            type="password"
            autoComplete="off"
            autoFocus
            onChange={() => clearError('auth.passphrase')}
          />
        )}
      </Field>
    </FormDialog>
  );
}
