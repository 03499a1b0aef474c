export { createRemotePool, type RemotePool, type RemotePoolDeps } from './pool';
export type { RemoteHost, RunFiles, RunOptions, Script, InlineScript, ScriptResult } from './remote-host';
export { createKnownHostsStore, type KnownHostsStore } from './host-keys/store';
export type { HostKeyOutcome } from './host-keys/check';
export { DEFAULT_LIMITS, type ConnectionLimits } from './runner-connection';
