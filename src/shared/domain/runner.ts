export const HOST_KEY_POLICIES = ['accept-new', 'strict'] as const;
export type HostKeyPolicy = (typeof HOST_KEY_POLICIES)[number];

export const RUNNER_AUTH_KINDS = ['keyFile', 'importedKey', 'agent'] as const;
export type RunnerAuthKind = (typeof RUNNER_AUTH_KINDS)[number];

export const DEFAULT_WORKSPACE_ROOT = '~/sortie';
export const DEFAULT_REGISTRY_PATH = '~/sortie/registry.json';
export const DEFAULT_MAX_CONCURRENT = 2;
