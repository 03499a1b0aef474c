import { runnerUpsertInput, type Runner, type RunnerUpsertInput } from '@shared/contract';
import { AGENTS, type AgentKind } from '@shared/domain/dispatch';
import {
  DEFAULT_MAX_CONCURRENT,
  DEFAULT_REGISTRY_PATH,
  DEFAULT_WORKSPACE_ROOT,
  HOST_KEY_POLICIES,
  type HostKeyPolicy,
  type RunnerAuthKind,
} from '@shared/domain/runner';
import { checkInput, typedNumber } from '@renderer/lib/check-input';

export interface RunnerForm {
  name: string;
  host: string;
  port: string;
  user: string;
  authKind: RunnerAuthKind;
  keyPath: string;
  /** '' keeps the stored passphrase (if any). */
  passphrase: string;
  forgetPassphrase: boolean;
  hostKeyPolicy: HostKeyPolicy;
  workspaceRoot: string;
  registryPath: string;
  shellPrelude: string;
  defaultAgent: AgentKind;
  maxConcurrent: string;
  isDefault: boolean;
}

/** Error paths from runners.upsert; 'auth' catches whatever the auth union reports. */
export const RUNNER_FIELDS = [
  'name',
  'host',
  'port',
  'user',
  'auth',
  'auth.keyPath',
  'auth.passphrase',
  'hostKeyPolicy',
  'workspaceRoot',
  'registryPath',
  'shellPrelude',
  'defaultAgent',
  'maxConcurrent',
  'isDefault',
] as const;

export function runnerToForm(runner: Runner | null): RunnerForm {
  return {
    name: runner?.name ?? '',
    host: runner?.host ?? '',
    port: runner?.port == null ? '' : String(runner.port),
    user: runner?.user ?? '',
    authKind: runner?.auth.kind ?? 'agent',
    keyPath: runner?.auth.kind === 'keyFile' ? runner.auth.keyPath : '',
    passphrase: '',
    forgetPassphrase: false,
    hostKeyPolicy: runner?.hostKeyPolicy ?? 'accept-new',
    workspaceRoot: runner?.workspaceRoot ?? DEFAULT_WORKSPACE_ROOT,
    registryPath: runner?.registryPath ?? DEFAULT_REGISTRY_PATH,
    shellPrelude: runner?.shellPrelude ?? '',
    defaultAgent: runner?.defaultAgent ?? 'codex',
    maxConcurrent: String(runner?.maxConcurrent ?? DEFAULT_MAX_CONCURRENT),
    isDefault: runner?.isDefault ?? false,
  };
}

function authInput(form: RunnerForm): RunnerUpsertInput['auth'] {
  switch (form.authKind) {
    case 'agent':
      return { kind: 'agent' };
    case 'importedKey':
      return { kind: 'importedKey' };
    case 'keyFile': {
      // Omitting the passphrase keeps the stored one; '' removes it.
      const passphrase = form.forgetPassphrase ? '' : form.passphrase || undefined;
      return passphrase === undefined
        ? { kind: 'keyFile', keyPath: form.keyPath }
        : { kind: 'keyFile', keyPath: form.keyPath, passphrase };
    }
  }
}

/**
 * The runners.upsert input the form holds. A number field holding something else is sent as the
 * text typed (typed as a number here), for `checkRunnerForm` or the core to name.
 */
export function formToRunnerInput(form: RunnerForm, id: string | undefined): RunnerUpsertInput {
  return {
    ...(id ? { id } : {}),
    name: form.name,
    host: form.host.trim(),
    port: form.port.trim() === '' ? null : (typedNumber(form.port) as number),
    user: form.user.trim() === '' ? null : form.user,
    auth: authInput(form),
    hostKeyPolicy: form.hostKeyPolicy,
    workspaceRoot: form.workspaceRoot,
    registryPath: form.registryPath,
    shellPrelude: form.shellPrelude,
    defaultAgent: form.defaultAgent,
    maxConcurrent: typedNumber(form.maxConcurrent) as number,
    isDefault: form.isDefault,
  };
}

/** The form's input, checked against the contract: throws every wrong field at once. */
export function checkRunnerForm(form: RunnerForm, id: string | undefined): RunnerUpsertInput {
  return checkInput(runnerUpsertInput, formToRunnerInput(form, id));
}

export function describeAuth(runner: Runner): string {
  switch (runner.auth.kind) {
    case 'agent':
      return 'ssh-agent';
    case 'keyFile':
      return `Key ${runner.auth.keyPath}${runner.auth.hasPassphrase ? ' (passphrase stored)' : ''}`;
    case 'importedKey':
      return `Imported key${runner.auth.hasPassphrase ? ' (passphrase stored)' : ''}`;
  }
}

export function describeAddress(runner: Runner): string {
  const user = runner.user ? `${runner.user}@` : '';
  const port = runner.port ? `:${runner.port}` : '';
  return `${user}${runner.host}${port}`;
}

export const AGENT_LABELS: Record<AgentKind, string> = {
  codex: 'Codex CLI',
  claude: 'Claude Code',
};
export const HOST_KEY_LABELS: Record<HostKeyPolicy, string> = {
  'accept-new': 'Accept on first contact, then pin',
  strict: 'Strict: only keys already known',
};
/** For the runner list, where the policy is a short note under the address. */
export const HOST_KEY_SHORT_LABELS: Record<HostKeyPolicy, string> = {
  'accept-new': 'pinned on first contact',
  strict: 'strict, known keys only',
};
export { AGENTS, HOST_KEY_POLICIES };
