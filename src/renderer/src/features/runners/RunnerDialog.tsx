import { useState } from 'react';
import type { Runner } from '@shared/contract';
import type { RunnerAuthKind } from '@shared/domain/runner';
import { CheckboxField, Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { pick } from '@renderer/lib/pick';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { saveRunner } from '@renderer/stores/runners';
import { showToast } from '@renderer/stores/ui';
import {
  AGENTS,
  AGENT_LABELS,
  HOST_KEY_LABELS,
  HOST_KEY_POLICIES,
  RUNNER_FIELDS,
  checkRunnerForm,
  runnerToForm,
  type RunnerForm,
} from './runner-form';

const AUTH_LABELS: Record<RunnerAuthKind, string> = {
  agent: 'ssh-agent',
  keyFile: 'Private key file',
  importedKey: 'Imported key (kept by Sortie)',
};

export function RunnerDialog({ runner, onClose }: { runner: Runner | null; onClose(): void }) {
  const [form, setForm] = useState<RunnerForm>(() => runnerToForm(runner));
  const { pending, errors, onSubmit, clearError } = useFormSubmit(RUNNER_FIELDS, async () => {
    const saved = await saveRunner(checkRunnerForm(form, runner?.id));
    showToast('info', runner ? `Saved runner ${saved.name}.` : `Added runner ${saved.name}.`);
    onClose();
  });

  function set<K extends keyof RunnerForm>(
    key: K,
    value: RunnerForm[K],
    ...fields: (typeof RUNNER_FIELDS)[number][]
  ): void {
    setForm((current) => ({ ...current, [key]: value }));
    for (const field of fields) clearError(field);
  }

  // Only a runner that already has an imported key may keep it; importing is not offered here.
  const authKinds: RunnerAuthKind[] =
    runner?.auth.kind === 'importedKey' ? ['agent', 'keyFile', 'importedKey'] : ['agent', 'keyFile'];
  const storedPassphrase = runner?.auth.kind === 'keyFile' && runner.auth.hasPassphrase;

  return (
    <FormDialog
      title={runner ? `Edit runner ${runner.name}` : 'New runner'}
      submitLabel={runner ? 'Save runner' : 'Add runner'}
      pending={pending}
      onSubmit={onSubmit}
      onClose={onClose}
      size="wide"
    >
      <Field label="Name" error={errors.name}>
        {(c) => (
          <input
            {...c}
            value={form.name}
            onChange={(e) => set('name', e.target.value, 'name')}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="field-row field-row-3">
        <Field label="Host" error={errors.host} hint="Name, address or ~/.ssh/config alias.">
          {(c) => (
            <input
              {...c}
              value={form.host}
              onChange={(e) => set('host', e.target.value, 'host')}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Port" error={errors.port} hint="Empty: 22 or ssh config.">
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              value={form.port}
              onChange={(e) => set('port', e.target.value, 'port')}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="User" error={errors.user} hint="Empty: from ssh config.">
          {(c) => (
            <input
              {...c}
              value={form.user}
              onChange={(e) => set('user', e.target.value, 'user')}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field
          label="Authentication"
          error={errors.auth}
          hint={
            form.authKind === 'importedKey'
              ? undefined
              : 'For a key kept by Sortie: save, then Import key in the list.'
          }
        >
          {(c) => (
            <select
              {...c}
              value={form.authKind}
              onChange={(e) => {
                const kind = pick(authKinds, e.target.value);
                if (kind) set('authKind', kind, 'auth', 'auth.keyPath', 'auth.passphrase');
              }}
            >
              {authKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {AUTH_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Host key policy" error={errors.hostKeyPolicy}>
          {(c) => (
            <select
              {...c}
              value={form.hostKeyPolicy}
              onChange={(e) => {
                const policy = pick(HOST_KEY_POLICIES, e.target.value);
                if (policy) set('hostKeyPolicy', policy, 'hostKeyPolicy');
              }}
            >
              {HOST_KEY_POLICIES.map((policy) => (
                <option key={policy} value={policy}>
                  {HOST_KEY_LABELS[policy]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {form.authKind === 'keyFile' ? (
        <div className="field-row">
          <Field
            label="Key file path"
            error={errors['auth.keyPath']}
            hint="On this machine, e.g. ~/.ssh/id_ed25519."
          >
            {(c) => (
              <input
                {...c}
                value={form.keyPath}
                onChange={(e) => set('keyPath', e.target.value, 'auth.keyPath')}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field
            label="Passphrase"
            error={errors['auth.passphrase']}
            hint={storedPassphrase ? 'Leave empty to keep the stored one.' : 'Optional; kept by Sortie.'}
          >
            {(c) => (
              <input
                {...c}
                type="password"
                value={form.passphrase}
                disabled={form.forgetPassphrase}
                onChange={(e) => set('passphrase', e.target.value, 'auth.passphrase')}
                autoComplete="new-password"
              />
            )}
          </Field>
        </div>
      ) : null}
      {form.authKind === 'keyFile' && storedPassphrase ? (
        <CheckboxField
          label="Forget the stored passphrase"
          checked={form.forgetPassphrase}
          onChange={(checked) => set('forgetPassphrase', checked, 'auth.passphrase')}
        />
      ) : null}
      <div className="field-row">
        <Field
          label="Workspace root"
          error={errors.workspaceRoot}
          hint="Where checkouts and runs live on the runner."
        >
          {(c) => (
            <input
              {...c}
              value={form.workspaceRoot}
              onChange={(e) => set('workspaceRoot', e.target.value, 'workspaceRoot')}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Registry path" error={errors.registryPath}>
          {(c) => (
            <input
              {...c}
              value={form.registryPath}
              onChange={(e) => set('registryPath', e.target.value, 'registryPath')}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <Field
        label="Shell prelude"
        error={errors.shellPrelude}
        hint="Bash run before every command, e.g. exporting PATH or sourcing nvm."
      >
        {(c) => (
          <textarea
            {...c}
            rows={3}
            className="mono"
            value={form.shellPrelude}
            onChange={(e) => set('shellPrelude', e.target.value, 'shellPrelude')}
            spellCheck={false}
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="Default agent" error={errors.defaultAgent}>
          {(c) => (
            <select
              {...c}
              value={form.defaultAgent}
              onChange={(e) => {
                const agent = pick(AGENTS, e.target.value);
                if (agent) set('defaultAgent', agent, 'defaultAgent');
              }}
            >
              {AGENTS.map((agent) => (
                <option key={agent} value={agent}>
                  {AGENT_LABELS[agent]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Max concurrent runs" error={errors.maxConcurrent}>
          {(c) => (
            <input
              {...c}
              inputMode="numeric"
              value={form.maxConcurrent}
              onChange={(e) => set('maxConcurrent', e.target.value, 'maxConcurrent')}
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      <CheckboxField
        label="Default runner"
        hint="New runs go here unless you pick another."
        checked={form.isDefault}
        error={errors.isDefault}
        onChange={(checked) => set('isDefault', checked, 'isDefault')}
      />
    </FormDialog>
  );
}
