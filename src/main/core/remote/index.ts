export { createRemotePool, type HealthListener, type RemotePool, type RemotePoolDeps } from './pool';
export type { RemoteHost, RemoteArg, RunOptions, Script, InlineScript, ScriptResult } from './remote-host';
export { createKnownHostsStore, type KnownHostsStore } from './host-keys/store';
export { HostKeyError, type HostKeyOutcome } from './host-keys/check';
export { assertKeyOpens } from './credentials';
export { DEFAULT_LIMITS, type ConnectionLimits } from './runner-connection';
// What services do on a runner: one typed function per remote script.
export { composeLauncher } from './compose-script';
export { LAUNCHER_SCRIPT } from './scripts';
export * from './run-directory/protocol';
export { pollRuns, type PolledRun, type PollLimits, type PollRequest } from './run-directory/poll-runs';
export { stopRuns } from './run-directory/stop-runs';
export {
  startRunFollower,
  type FollowerFrame,
  type FollowerLimits,
  type RunFollower,
} from './run-directory/follow-runs';
export {
  startRun,
  type RunDirFile,
  type StartRunOutcome,
  type StartRunRequest,
} from './run-directory/start-run';
export * from './workspace/layout';
export * from './workspace/cleanup';
export * from './workspace/registry';
export { RefusedPath } from './workspace/run-script';
export * from './workspace/pull-request';
export * from './workspace/changes';
export * from './terminal';
export { readEvals, startEval, stopEval, type EvalStart, type EvalState } from './run-directory/eval';
export * from './github/pull-requests';
export { expandLocalHome } from './ssh-target';
export { sshNativeCrypto } from './native-crypto';
