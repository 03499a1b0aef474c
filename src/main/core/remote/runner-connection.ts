import type { ClientChannel } from 'ssh2';
import type { Runner } from '@shared/contract';
import type { ConnectionHealth } from '@shared/contract/runner-health';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { composeRequest, composeScript } from './compose-script';
import { openSshConnection, type SshConnection } from './connect';
import { HealthRecord } from './connection-health';
import type { Credentials } from './credentials';
import type { HostKeyOutcome } from './host-keys/check';
import type { KnownHostsStore } from './host-keys/store';
import { readRemoteFile, writeRemoteFile, type FileScriptRunner } from './remote-files';
import type { RemoteHost, RemoteStream, RunOptions, Script, UploadOptions } from './remote-host';
import { RetryGate } from './retry-gate';
import { scriptText, type ScriptName } from './scripts';
import {
  newNonce,
  startShellWorker,
  workerCommand,
  WORKER_TEXT,
  WorkerChannelClosed,
  type ScriptResult,
  type ShellWorker,
} from './shell-worker';
import { isChannelRefusal } from './ssh-errors';
import type { SshTarget } from './ssh-target';
import type { RemoteShell, ShellSize } from './terminal';
import { argumentBytes, type RemoteArg } from './worker-frame';
import { WorkerPool, WorkerPoolClosed } from './worker-pool';

export interface ConnectionLimits {
  /**
   * Workers open at once on one connection. With the output follower and two terminals this
   * stays within OpenSSH's default MaxSessions (10); a server allowing fewer refuses the next
   * channel, and the limit is learned then.
   */
  maxChannels: number;
  readyTimeoutMs: number;
  /** 15 s x 3 missed answers: a dead peer is noticed within about 45 s. */
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  defaultTimeoutMs: number;
  defaultMaxOutputBytes: number;
  /** An unused connection is closed after this long. */
  idleMs: number;
  /** Delays before reconnect attempts after transient failures, last one repeated. */
  backoffMs: readonly number[];
  /** How long a refused login or host key is given back at once before it is tried again. */
  permanentRetryMs: number;
  /**
   * Workers kept ready after the first call, for the next burst: at least this many, and as
   * many as the runner has run slots (each active run brings calls of its own), within
   * maxChannels; 0 keeps none. Opened in the background, never in the first call's path.
   */
  warmWorkers: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxChannels: 7,
  readyTimeoutMs: 20_000,
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  defaultTimeoutMs: 120_000,
  defaultMaxOutputBytes: 16 * 1024 * 1024,
  idleMs: 5 * 60_000,
  backoffMs: [0, 500, 1_000, 2_000, 5_000, 10_000],
  permanentRetryMs: 30_000,
  warmWorkers: 2,
};

export interface RunnerConnectionDeps {
  runner: Runner;
  target: () => SshTarget;
  credentials: () => Credentials;
  knownHosts: KnownHostsStore;
  clock: Clock;
  logger: Logger;
  limits: ConnectionLimits;
  /** Told when the connection's health changes. */
  onHealth?: (health: ConnectionHealth) => void;
}

/** One SSH connection and the workers on it. */
interface Session {
  conn: SshConnection;
  workers: WorkerPool;
  /** Calls using this session right now. */
  calls: number;
  /** No new calls: replaced after a failure or a reconnect; closed once its calls are done. */
  retired: boolean;
  closed: boolean;
  warmed: boolean;
  /** Long-lived programs (openStream): closed when the session is retired, so they move on. */
  streams: Set<ClientChannel>;
}

/**
 * One runner's shared SSH connection: opened on first use, concurrent openers merged, remote
 * bash workers kept warm on it (a request to a running worker costs no new channel; so does a
 * file upload), reconnect with backoff after failures, closed when idle. No failure is sticky:
 * a connection that could not give a worker is replaced, and every refusal expires.
 */
export function createRunnerConnection(deps: RunnerConnectionDeps): RemoteHost {
  const { runner, limits, logger } = deps;
  const gate = new RetryGate(limits, () => deps.clock.now().getTime());
  const health = new HealthRecord(() => deps.clock.now().toISOString(), deps.onHealth);
  const sessions = new Set<Session>();
  let current: Session | null = null;
  let connecting: Promise<Session> | null = null;
  let learnedLimit: number | null = null;
  let hostKey: HostKeyOutcome | null = null;
  let activeCalls = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  let closedByUser = false;

  function session(): Promise<Session> {
    if (closedByUser)
      return Promise.reject(new AppError('REMOTE_FAILED', `${runner.name}: the connection is closed`));
    if (current) return Promise.resolve(current);
    if (connecting) return connecting;
    const refused = gate.refusal();
    if (refused) return Promise.reject(refused);
    const attempt = connect().finally(() => {
      if (connecting === attempt) connecting = null;
    });
    connecting = attempt;
    return attempt;
  }

  async function connect(): Promise<Session> {
    const wait = gate.delayMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let opened: SshConnection;
    try {
      opened = await openSshConnection({
        target: deps.target(),
        credentials: deps.credentials(),
        knownHosts: deps.knownHosts,
        hostKeyPolicy: runner.hostKeyPolicy,
        readyTimeoutMs: limits.readyTimeoutMs,
        keepaliveIntervalMs: limits.keepaliveIntervalMs,
        keepaliveCountMax: limits.keepaliveCountMax,
      });
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('REMOTE_FAILED', String(error));
      gate.failed(appError);
      health.failing(appError);
      throw appError;
    }
    if (closedByUser) {
      opened.close();
      throw new AppError('REMOTE_FAILED', `${runner.name}: the connection is closed`);
    }
    hostKey = opened.hostKey;
    const fresh = newSession(opened);
    current = fresh;
    return fresh;
  }

  function newSession(conn: SshConnection): Session {
    const created: Session = {
      conn,
      calls: 0,
      retired: false,
      closed: false,
      warmed: false,
      streams: new Set(),
      workers: new WorkerPool({
        limit: learnedLimit ?? limits.maxChannels,
        open: () => openWorker(conn),
        isRefusal: isChannelRefusal,
        onLimitLearned: (limit) => {
          learnedLimit = limit;
          logger.info('runner refused another session; using the ones open', { runner: runner.name, limit });
        },
      }),
    };
    sessions.add(created);
    conn.client.on('close', () => lost(created, 'the connection closed'));
    conn.client.on('error', (error) => {
      logger.warn('ssh connection error', { runner: runner.name, error: error.message });
      lost(created, error.message);
    });
    return created;
  }

  /** The connection went away under us: its calls fail, the next call connects again. */
  function lost(which: Session, reason: string) {
    if (which.closed) return;
    closeSession(which);
    if (closedByUser || which.retired) return;
    logger.info('ssh connection dropped', { runner: runner.name, reason });
    health.failing(new AppError('REMOTE_FAILED', `${runner.name}: the connection was lost (${reason})`));
  }

  function closeSession(which: Session) {
    if (which.closed) return;
    which.closed = true;
    sessions.delete(which);
    if (current === which) current = null;
    which.workers.close();
    which.conn.close();
  }

  /** New calls go to a new connection; this one closes when its calls are done. */
  function retire(which: Session) {
    which.retired = true;
    for (const channel of which.streams) channel.close();
    if (current === which) current = null;
    if (which.calls === 0) closeSession(which);
  }

  function openWorker(conn: SshConnection): Promise<ShellWorker> {
    const nonce = newNonce();
    return new Promise<ClientChannel>((resolve, reject) => {
      conn.client.exec(workerCommand(nonce, WORKER_TEXT.length), (error, channel) =>
        error ? reject(error) : resolve(channel),
      );
    }).then((channel) => startShellWorker(channel, nonce, limits.readyTimeoutMs));
  }

  function remoteError(error: unknown, doing: string): AppError {
    if (error instanceof AppError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new AppError('REMOTE_FAILED', `${runner.name}: ${doing}: ${message}`);
  }

  async function tracked<T>(work: () => Promise<T>): Promise<T> {
    activeCalls++;
    if (idleTimer) clearTimeout(idleTimer);
    try {
      return await work();
    } finally {
      activeCalls--;
      if (activeCalls === 0) {
        idleTimer = setTimeout(() => {
          if (activeCalls === 0 && current) closeSession(current);
        }, limits.idleMs);
        idleTimer.unref();
      }
    }
  }

  /** Runs `use` on a worker of the current connection, keeping health and backoff up to date. */
  function withWorker<T>(doing: string, use: (worker: ShellWorker) => Promise<T>): Promise<T> {
    return tracked(async () => {
      const which = await session();
      which.calls++;
      try {
        let worker: ShellWorker;
        try {
          worker = await which.workers.acquire();
        } catch (error) {
          const appError = remoteError(error, 'could not start a remote shell');
          if (!(error instanceof WorkerPoolClosed)) {
            // The connection is up but gives no shell (a refused channel, a broken login shell):
            // another connection, after a backoff, may.
            gate.failed(appError);
            retire(which);
          }
          health.failing(appError);
          throw appError;
        }
        let worked = false;
        try {
          const result = await use(worker);
          worked = true;
          gate.succeeded();
          health.ok();
          return result;
        } catch (error) {
          if (error instanceof AppError && error.code === 'VALIDATION_FAILED') throw error;
          const appError =
            error instanceof WorkerChannelClosed
              ? new AppError('REMOTE_FAILED', `${runner.name}: ${doing} did not complete: ${error.message}`)
              : remoteError(error, doing);
          health.failing(appError);
          throw appError;
        } finally {
          which.workers.release(worker);
          if (worked && !which.warmed && !which.retired) {
            which.warmed = true;
            // 0 turns warming off (a one-off connection, e.g. a runner test).
            if (limits.warmWorkers > 0)
              which.workers.warmTo(Math.max(limits.warmWorkers, runner.maxConcurrent));
          }
        }
      } finally {
        which.calls--;
        if (which.retired && which.calls === 0) closeSession(which);
      }
    });
  }

  /**
   * A PTY channel for an interactive shell. It counts as a call for as long as it is open, so the
   * connection is neither closed as idle nor replaced under it.
   */
  function openShell(command: string, size: ShellSize): Promise<RemoteShell> {
    return new Promise<RemoteShell>((resolveOpen, rejectOpen) => {
      void tracked(async () => {
        let which: Session;
        try {
          which = await session();
        } catch (error) {
          rejectOpen(remoteError(error, 'open a terminal'));
          return;
        }
        which.calls++;
        try {
          const channel = await new Promise<ClientChannel>((resolve, reject) =>
            which.conn.client.exec(
              command,
              { pty: { term: 'xterm-256color', cols: size.cols, rows: size.rows } },
              (error, opened) => (error ? reject(error) : resolve(opened)),
            ),
          );
          health.ok();
          const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
          resolveOpen(ptyShell(channel));
          await closed;
        } catch (error) {
          rejectOpen(remoteError(error, 'open a terminal'));
        } finally {
          which.calls--;
          if (which.retired && which.calls === 0) closeSession(which);
        }
      });
    });
  }

  /** A long-lived program on a channel of its own; a call for as long as it runs (like a shell). */
  function openStream(script: ScriptName): Promise<RemoteStream> {
    return new Promise<RemoteStream>((resolveOpen, rejectOpen) => {
      void tracked(async () => {
        let which: Session;
        try {
          which = await session();
        } catch (error) {
          rejectOpen(remoteError(error, `start ${script}`));
          return;
        }
        which.calls++;
        try {
          const nonce = newNonce();
          const text = Buffer.from(composeScript('', scriptText(script)));
          const channel = await new Promise<ClientChannel>((resolve, reject) =>
            which.conn.client.exec(workerCommand(nonce, text.length, `sortie-${script}`), (error, opened) =>
              error ? reject(error) : resolve(opened),
            ),
          );
          health.ok();
          which.streams.add(channel);
          const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
          channel.write(text);
          resolveOpen(channelStream(channel, nonce));
          await closed;
          which.streams.delete(channel);
        } catch (error) {
          rejectOpen(remoteError(error, `start ${script}`));
        } finally {
          which.calls--;
          if (which.retired && which.calls === 0) closeSession(which);
        }
      });
    });
  }

  function execute(
    name: string,
    text: string,
    args: readonly RemoteArg[],
    options: RunOptions,
  ): Promise<ScriptResult> {
    // Refused before anything is sent: a NUL byte would shift the worker's framing.
    try {
      args.forEach(argumentBytes);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return withWorker(name, (worker) =>
      worker.run({
        script: text,
        args,
        input: options.input,
        timeoutMs: options.timeoutMs ?? limits.defaultTimeoutMs,
        maxOutputBytes: options.maxOutputBytes ?? limits.defaultMaxOutputBytes,
        supervision: options.supervision,
      }),
    );
  }

  function run(script: Script, args: readonly RemoteArg[], options: RunOptions = {}) {
    const name = typeof script === 'string' ? script : script.name;
    const text = typeof script === 'string' ? scriptText(script) : script.text;
    return execute(name, composeRequest(runner.shellPrelude, text), args, options);
  }

  // File transfer needs no toolchain: the runner's prelude is left out (SFTP never ran it either).
  const runFileScript: FileScriptRunner = (name, args, options) =>
    execute(name, composeRequest('', scriptText(name)), args, options);

  async function runOk(script: Script, args: readonly RemoteArg[], options?: RunOptions): Promise<Buffer> {
    const result = await run(script, args, options);
    const name = typeof script === 'string' ? script : script.name;
    if (result.exitCode === 124) {
      const limit = Math.round((options?.timeoutMs ?? limits.defaultTimeoutMs) / 1000);
      throw new AppError(
        'REMOTE_FAILED',
        `${runner.name}: ${name} did not finish within ${limit} s and was stopped. A slow clone or network? Try again.`,
      );
    }
    if (result.exitCode !== 0) {
      const stderr = result.stderr.toString('utf8').trim().split('\n').slice(-5).join('\n');
      throw new AppError(
        'REMOTE_FAILED',
        `${runner.name}: ${name} failed (exit ${result.exitCode})${stderr ? `: ${stderr}` : ''}`,
      );
    }
    return result.stdout;
  }

  return {
    run,
    runOk,
    async upload(remotePath, content, options: UploadOptions = {}) {
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      try {
        await writeRemoteFile(runFileScript, runner.name, remotePath, bytes, options.mode ?? 0o644);
      } catch (error) {
        throw remoteError(error, `upload to ${remotePath}`);
      }
    },
    async readFile(remotePath) {
      try {
        return await readRemoteFile(runFileScript, runner.name, remotePath, limits.defaultMaxOutputBytes);
      } catch (error) {
        throw remoteError(error, `read ${remotePath}`);
      }
    },
    openShell,
    openStream,
    hostKey: () => hostKey,
    health: () => health.current(),
    clearFailure() {
      gate.clear();
      if (health.current().state !== 'failing') return;
      if (current) retire(current);
      health.reset();
    },
    reconnect() {
      gate.clear();
      learnedLimit = null;
      if (current) retire(current);
      health.reset();
    },
    close() {
      closedByUser = true;
      if (idleTimer) clearTimeout(idleTimer);
      for (const which of [...sessions]) closeSession(which);
    },
  };
}

/** An exec channel running a long-lived program, as a RemoteStream. */
function channelStream(channel: ClientChannel, nonce: string): RemoteStream {
  let stderr = '';
  channel.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  // A channel error is followed by its close, which is what the caller hears of.
  channel.on('error', () => undefined);
  return {
    nonce,
    write: (data) => {
      if (channel.writable) channel.write(data);
    },
    onData: (listener) => channel.on('data', listener),
    onClose: (listener) => channel.once('close', () => listener(stderr.trim())),
    close: () => channel.close(),
  };
}

/** A PTY channel as a RemoteShell. */
function ptyShell(channel: ClientChannel): RemoteShell {
  let exitCode: number | null = null;
  channel.on('exit', (code: number | null) => {
    exitCode = typeof code === 'number' ? code : null;
  });
  // The channel's stderr is the PTY's too: a shell writes both to its terminal.
  return {
    write: (data) => {
      if (channel.writable) channel.write(data);
    },
    resize: (cols, rows) => channel.setWindow(rows, cols, 0, 0),
    close: () => channel.close(),
    onData: (listener) => {
      channel.on('data', listener);
      channel.stderr.on('data', listener);
    },
    onExit: (listener) => channel.once('close', () => listener(exitCode)),
  };
}
