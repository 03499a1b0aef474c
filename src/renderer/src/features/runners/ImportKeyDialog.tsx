import { useRef, useState, type ChangeEvent } from 'react';
import type { Runner } from '@shared/contract';
import { isClientError } from '@renderer/api';
import { Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { errorMessage, invalidField } from '@renderer/lib/errors';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { importRunnerKey } from '@renderer/stores/runners';
import { showToast } from '@renderer/stores/ui';

const FIELDS = ['privateKey', 'passphrase'] as const;
/** runners.importKey refuses more; a private key file is a few kilobytes. */
const MAX_KEY_BYTES = 64 * 1024;

export interface ImportKeyDialogProps {
  runner: Runner;
  /** Why it opened: the imported key needs its passphrase. */
  needsPassphrase?: boolean;
  onClose(): void;
  onImported?(runner: Runner): void;
}

/**
 * Takes a private key, pasted or read from a file, and hands it to the core, which keeps it in its
 * data directory. The key and passphrase stay in the form's own inputs until then.
 */
export function ImportKeyDialog({
  runner,
  needsPassphrase = false,
  onClose,
  onImported,
}: ImportKeyDialogProps) {
  const keyInput = useRef<HTMLTextAreaElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { pending, errors, onSubmit, clearError } = useFormSubmit(FIELDS, async () => {
    const privateKey = keyInput.current?.value ?? '';
    const passphrase = passphraseInput.current?.value ?? '';
    if (privateKey.trim() === '')
      throw invalidField('privateKey', 'Paste the private key or choose its file.');
    let updated: Runner;
    try {
      updated = await importRunnerKey({
        id: runner.id,
        privateKey,
        ...(passphrase === '' ? {} : { passphrase }),
      });
    } catch (error) {
      // The core checks the key opens; a missing or wrong passphrase belongs to that field.
      if (isClientError(error) && error.code === 'PASSPHRASE_REQUIRED') {
        throw invalidField('passphrase', errorMessage(error));
      }
      throw error;
    }
    showToast('info', `Imported the key for ${updated.name}.`);
    onClose();
    onImported?.(updated);
  });

  async function readFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_KEY_BYTES) {
      setFileError(`${file.name} is too large to be a private key.`);
      return;
    }
    try {
      const text = await file.text();
      if (keyInput.current) keyInput.current.value = text;
      clearError('privateKey');
    } catch (error) {
      setFileError(`Could not read ${file.name}: ${errorMessage(error)}`);
    }
  }

  return (
    <FormDialog
      title={`Import a private key for ${runner.name}`}
      submitLabel="Import key"
      pending={pending}
      onSubmit={onSubmit}
      onClose={onClose}
      size="wide"
    >
      <p>
        {needsPassphrase ? 'The imported key needs its passphrase: import it again and enter it. ' : null}
        Sortie keeps a copy of the key in its data folder, readable only by you, and uses it for this runner.
      </p>
      <Field
        label="Private key"
        error={errors.privateKey}
        hint="The key file’s text, from -----BEGIN … PRIVATE KEY----- to the END line."
      >
        {(c) => (
          <textarea
            {...c}
            ref={keyInput}
            rows={6}
            className="mono"
            spellCheck={false}
            autoComplete="off"
            placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            onChange={() => clearError('privateKey')}
          />
        )}
      </Field>
      <Field
        label="Or read it from a file"
        error={fileError ?? undefined}
        hint="Read here, on this computer."
      >
        {(c) => <input {...c} type="file" onChange={(event) => void readFile(event)} />}
      </Field>
      <Field
        label="Passphrase"
        error={errors.passphrase}
        hint="Only if the key is protected by one."
        className="field-narrow"
      >
        {(c) => (
          <input
            {...c}
            ref={passphraseInput}
            type="password"
            autoComplete="off"
            onChange={() => clearError('passphrase')}
          />
        )}
      </Field>
    </FormDialog>
  );
}
