import type { RemoteShell, ShellSize } from './terminal';
import type { ConnectionHealth } from '@shared/contract/runner-health';
import type { HostKeyOutcome } from './host-keys/check';
import type { ScriptResult, Supervision } from './shell-worker';
import type { ScriptName } from './scripts';
import type { RemoteArg } from './worker-frame';

export interface RunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** The script's stdin: any bytes (empty when omitted). */
  input?: Buffer;
  /** Runs it supervised: its phases and questions reach the caller, who may cancel it. */
  supervision?: Supervision;
}

export interface UploadOptions {
  /** File mode, e.g. 0o600. */
  mode?: number;
}

/** A script given as text rather than by bundled name (tests and one-off diagnostics). */
export interface InlineScript {
  name: string;
  text: string;
}

export type Script = ScriptName | InlineScript;

/**
 * A long-lived remote program on an exec channel of its own (the run follower): what the caller
 * writes is its stdin, its stdout comes as it is written.
 */
export interface RemoteStream {
  /** Random, new for each stream: the program's first argument ($1), for its READY line. */
  readonly nonce: string;
  write(data: Buffer | string): void;
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once the channel is gone, with the tail of what the program said on stderr. */
  onClose(listener: (stderr: string) => void): void;
  close(): void;
}

/** Everything Sortie does on a runner goes through this. */
export interface RemoteHost {
  /**
   * Runs a bundled script with positional arguments; a non-zero exit is a result, not an error.
   * An argument holding a NUL byte is refused (VALIDATION_FAILED): a shell variable cannot hold it.
   */
  run(script: Script, args: readonly RemoteArg[], options?: RunOptions): Promise<ScriptResult>;
  /** Runs a bundled script and fails with REMOTE_FAILED (showing its stderr) unless it exits 0. */
  runOk(script: Script, args: readonly RemoteArg[], options?: RunOptions): Promise<Buffer>;
  /**
   * Writes a file through a worker (no SFTP, no extra channel): parents created, written aside,
   * mode set (default 0644), renamed into place. `~/` is the remote home.
   */
  upload(remotePath: string, content: Buffer | string, options?: UploadOptions): Promise<void>;
  /** Reads one remote file; null when it does not exist. */
  readFile(remotePath: string): Promise<Buffer | null>;
  /**
   * Opens an interactive shell: `command` in a PTY channel of the pooled connection, which stays
   * open while the shell does.
   */
  openShell(command: string, size: ShellSize): Promise<RemoteShell>;
  /**
   * Starts a bundled script as a long-lived program on a channel of its own on the pooled
   * connection: a bash (shell-worker.ts `workerCommand`) running the script (without the
   * runner's prelude), which reads whatever the caller writes. It keeps the connection open while it runs and
   * is closed when the connection is replaced. It is not one of the pool's workers: it takes one
   * more of the server's sessions (MaxSessions).
   */
  openStream(script: ScriptName): Promise<RemoteStream>;
  /** The outcome of the host key check of the current connection, once connected. */
  hostKey(): HostKeyOutcome | null;
  /**
   * Forgets past failures (a refused login or host key, a backoff), so the next call tries at
   * once; a connection that was failing is replaced. A healthy one is kept.
   */
  clearFailure(): void;
  /** The connection's last known health. */
  health(): ConnectionHealth;
  /**
   * Forgets failures and the learned session limit and replaces the connection: calls in flight
   * finish on the old one, the next call connects afresh.
   */
  reconnect(): void;
  close(): void;
}

export type { ScriptResult, RemoteArg };
