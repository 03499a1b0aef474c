import type { HostKeyOutcome } from './host-keys/check';
import type { ScriptResult } from './shell-worker';
import type { ScriptName } from './scripts';

export interface RunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
}

export interface UploadOptions {
  /** File mode, e.g. 0o600. */
  mode?: number;
}

/** Files read from many run directories in one call: dir -> file name -> content (null if missing). */
export type RunFiles = Map<string, Map<string, Buffer | null>>;

/** A script given as text rather than by bundled name (tests and one-off diagnostics). */
export interface InlineScript {
  name: string;
  text: string;
}

export type Script = ScriptName | InlineScript;

/** Everything Sortie does on a runner goes through this. */
export interface RemoteHost {
  /** Runs a bundled script with positional arguments; a non-zero exit is a result, not an error. */
  run(script: Script, args: readonly string[], options?: RunOptions): Promise<ScriptResult>;
  /** Runs a bundled script and fails with REMOTE_FAILED (showing its stderr) unless it exits 0. */
  runOk(script: Script, args: readonly string[], options?: RunOptions): Promise<Buffer>;
  /** Writes a file over SFTP, creating parent directories; `~/` is the remote home. */
  upload(remotePath: string, content: Buffer | string, options?: UploadOptions): Promise<void>;
  /** Reads one remote file; null when it does not exist. */
  readFile(remotePath: string): Promise<Buffer | null>;
  /** Reads the named files of many directories in one round trip. */
  readRunFiles(dirs: readonly string[], files: readonly string[]): Promise<RunFiles>;
  /** The outcome of the host key check of the current connection, once connected. */
  hostKey(): HostKeyOutcome | null;
  /** Forgets a refused login or host key, so the next call connects again (after the user fixed it). */
  clearFailure(): void;
  close(): void;
}

export type { ScriptResult };
