import type { ClientChannel, SFTPWrapper } from 'ssh2';
import type { Runner } from '@shared/contract';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { composeScript } from './compose-script';
import { openSshConnection, type SshConnection } from './connect';
import type { Credentials } from './credentials';
import type { HostKeyOutcome } from './host-keys/check';
import type { KnownHostsStore } from './host-keys/store';
import type { RemoteHost, RunOptions, RunFiles, Script, UploadOptions } from './remote-host';
import { parseRunFiles } from './run-files';
import { scriptText } from './scripts';
import { Semaphore } from './semaphore';
import { sftpRead, sftpUpload } from './sftp-files';
import {
  newNonce,
  startShellWorker,
  workerCommand,
  WorkerChannelClosed,
  type ShellWorker,
} from './shell-worker';
import type { SshTarget } from './ssh-target';

export interface ConnectionLimits {
  /** Channels open at once on one connection; OpenSSH's MaxSessions defaults to 10. */
  maxChannels: number;
  readyTimeoutMs: number;
  /** 15 s x 3 missed answers: a dead peer is noticed within about 45 s. */
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  defaultTimeoutMs: number;
  defaultMaxOutputBytes: number;
  /** An unused connection is closed after this long. */
  idleMs: number;
  /** Delays before reconnect attempts after network errors, last one repeated. */
  backoffMs: readonly number[];
  /** Workers started in the background as soon as the connection is up, for the first burst. */
  warmWorkers: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxChannels: 8,
  readyTimeoutMs: 20_000,
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  defaultTimeoutMs: 120_000,
  defaultMaxOutputBytes: 16 * 1024 * 1024,
  idleMs: 5 * 60_000,
  backoffMs: [0, 500, 1_000, 2_000, 5_000, 10_000],
  warmWorkers: 2,
};

/** Errors that a retry cannot fix: they wait for the user to change something. */
const PERMANENT = new Set([
  'AUTH_FAILED',
  'HOST_KEY_MISMATCH',
  'HOST_KEY_UNKNOWN',
  'PASSPHRASE_REQUIRED',
  'RUNNER_NOT_CONFIGURED',
  'VALIDATION_FAILED',
]);

export interface RunnerConnectionDeps {
  runner: Runner;
  target: () => SshTarget;
  credentials: () => Credentials;
  knownHosts: KnownHostsStore;
  clock: Clock;
  logger: Logger;
  limits: ConnectionLimits;
}

/**
 * One runner's shared SSH connection: opened on first use, concurrent openers merged, remote
 * bash workers kept warm on it (a request to a running worker costs no new channel), an SFTP
 * channel kept too, reconnect with backoff after network errors, closed when idle.
 */
export function createRunnerConnection(deps: RunnerConnectionDeps): RemoteHost {
  const { runner, limits, logger } = deps;
  let connection: SshConnection | null = null;
  let connecting: Promise<SshConnection> | null = null;
  let permanentError: AppError | null = null;
  let failures = 0;
  let nextAttemptAt = 0;
  let semaphore = new Semaphore(limits.maxChannels);
  const idleWorkers: ShellWorker[] = [];
  const allWorkers = new Set<ShellWorker>();
  let workersOpening = 0;
  let warmPending = false;
  const workerWaiters: ((worker: ShellWorker | null) => void)[] = [];
  let sftp: Promise<SFTPWrapper> | null = null;
  let activeCalls = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  let hostKey: HostKeyOutcome | null = null;
  let closedByUser = false;

  const now = () => deps.clock.now().getTime();

  async function connection_(): Promise<SshConnection> {
    if (connection) return connection;
    if (permanentError) throw permanentError;
    if (connecting) return connecting;
    connecting = (async () => {
      const wait = nextAttemptAt - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        const opened = await openSshConnection({
          target: deps.target(),
          credentials: deps.credentials(),
          knownHosts: deps.knownHosts,
          hostKeyPolicy: runner.hostKeyPolicy,
          readyTimeoutMs: limits.readyTimeoutMs,
          keepaliveIntervalMs: limits.keepaliveIntervalMs,
          keepaliveCountMax: limits.keepaliveCountMax,
        });
        failures = 0;
        nextAttemptAt = 0;
        hostKey = opened.hostKey;
        connection = opened;
        semaphore = new Semaphore(limits.maxChannels);
        opened.client.on('close', () => dropConnection(opened, 'closed'));
        warmPending = true;
        opened.client.on('error', (error) => {
          logger.warn('ssh connection error', { runner: runner.name, error: error.message });
          dropConnection(opened, error.message);
        });
        return opened;
      } catch (error) {
        const appError = error instanceof AppError ? error : new AppError('REMOTE_FAILED', String(error));
        if (PERMANENT.has(appError.code)) permanentError = appError;
        else {
          failures++;
          nextAttemptAt = now() + limits.backoffMs[Math.min(failures, limits.backoffMs.length - 1)]!;
        }
        throw appError;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  function dropConnection(which: SshConnection, reason: string) {
    if (connection !== which) return;
    connection = null;
    sftp = null;
    idleWorkers.length = 0;
    for (const worker of allWorkers) worker.close();
    allWorkers.clear();
    for (const waiter of workerWaiters.splice(0)) waiter(null);
    which.close();
    if (!closedByUser) logger.info('ssh connection dropped', { runner: runner.name, reason });
  }

  function openChannel(conn: SshConnection, command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      conn.client.exec(command, (error, channel) => (error ? reject(error) : resolve(channel)));
    });
  }

  async function openWorker(conn: SshConnection): Promise<ShellWorker> {
    const release = await semaphore.acquire();
    try {
      const nonce = newNonce();
      const channel = await openChannel(conn, workerCommand(nonce));
      const worker = await startShellWorker(channel, nonce, limits.readyTimeoutMs);
      allWorkers.add(worker);
      channel.once('close', () => {
        allWorkers.delete(worker);
        release();
        // Someone waiting for a worker can now open a channel of its own.
        workerWaiters.shift()?.(null);
      });
      return worker;
    } catch (error) {
      release();
      throw remoteError(error, 'could not start a remote shell');
    }
  }

  async function acquireWorker(): Promise<ShellWorker> {
    for (;;) {
      const conn = await connection_();
      const idle = idleWorkers.pop();
      if (idle && !idle.closed) return idle;
      if (idle) continue;
      // One channel stays free for SFTP.
      if (allWorkers.size + workersOpening < limits.maxChannels - 1) {
        workersOpening++;
        try {
          return await openWorker(conn);
        } finally {
          workersOpening--;
        }
      }
      // Every worker is busy: wait for one to come back (or for the connection to drop).
      const handed = await new Promise<ShellWorker | null>((resolve) => workerWaiters.push(resolve));
      if (handed && !handed.closed) return handed;
    }
  }

  function releaseWorker(worker: ShellWorker) {
    if (worker.closed) {
      workerWaiters.shift()?.(null);
      return;
    }
    const waiter = workerWaiters.shift();
    if (waiter) waiter(worker);
    else idleWorkers.push(worker);
    if (warmPending) warmUp();
  }

  /**
   * Opening a channel costs the server a session. Once the first call is done (so it never
   * waits for them), a few more workers are started for the next burst of calls.
   */
  function warmUp() {
    warmPending = false;
    for (let i = 0; i < limits.warmWorkers; i++) {
      if (allWorkers.size + workersOpening >= limits.maxChannels - 1) break;
      workersOpening++;
      void connection_()
        .then(openWorker)
        .then(releaseWorker)
        .catch(() => undefined)
        .finally(() => workersOpening--);
    }
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
          if (activeCalls === 0 && connection) dropConnection(connection, 'idle');
        }, limits.idleMs);
        idleTimer.unref();
      }
    }
  }

  async function run(script: Script, args: readonly string[], options: RunOptions = {}) {
    const name = typeof script === 'string' ? script : script.name;
    const text = typeof script === 'string' ? scriptText(script) : script.text;
    for (const arg of args) {
      if (arg.includes('\0'))
        throw new AppError('VALIDATION_FAILED', 'a remote argument cannot contain a NUL byte');
    }
    return tracked(async () => {
      const worker = await acquireWorker();
      try {
        return await worker.run({
          script: composeScript(runner.shellPrelude, text),
          args,
          timeoutMs: options.timeoutMs ?? limits.defaultTimeoutMs,
          maxOutputBytes: options.maxOutputBytes ?? limits.defaultMaxOutputBytes,
        });
      } catch (error) {
        if (error instanceof WorkerChannelClosed) {
          throw new AppError('REMOTE_FAILED', `${runner.name}: ${name} did not complete: ${error.message}`);
        }
        throw remoteError(error, name);
      } finally {
        releaseWorker(worker);
      }
    });
  }

  async function sftpChannel(): Promise<SFTPWrapper> {
    const conn = await connection_();
    if (sftp) return sftp;
    const opening = (async () => {
      const release = await semaphore.acquire();
      return new Promise<SFTPWrapper>((resolve, reject) => {
        conn.client.sftp((error, channel) => {
          if (error) {
            release();
            reject(error);
            return;
          }
          channel.once('close', () => {
            release();
            if (sftp === opening) sftp = null;
          });
          resolve(channel);
        });
      });
    })();
    sftp = opening;
    opening.catch(() => {
      if (sftp === opening) sftp = null;
    });
    return opening;
  }

  async function runOk(script: Script, args: readonly string[], options?: RunOptions): Promise<Buffer> {
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
    upload(remotePath, content, options: UploadOptions = {}) {
      return tracked(async () => {
        try {
          await sftpUpload(
            await sftpChannel(),
            remotePath,
            Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
            options.mode ?? 0o644,
          );
        } catch (error) {
          throw remoteError(error, `upload to ${remotePath}`);
        }
      });
    },
    readFile(remotePath) {
      return tracked(async () => {
        try {
          return await sftpRead(await sftpChannel(), remotePath);
        } catch (error) {
          throw remoteError(error, `read ${remotePath}`);
        }
      });
    },
    async readRunFiles(dirs, files): Promise<RunFiles> {
      if (dirs.length === 0) return new Map();
      const out = await runOk('read-files', [String(files.length), ...files, ...dirs]);
      return parseRunFiles(out, dirs, files);
    },
    hostKey: () => hostKey,
    clearFailure() {
      permanentError = null;
      failures = 0;
      nextAttemptAt = 0;
    },
    close() {
      closedByUser = true;
      if (idleTimer) clearTimeout(idleTimer);
      if (connection) dropConnection(connection, 'closed by Sortie');
    },
  };
}
