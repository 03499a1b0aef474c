import { randomBytes } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import { WORKER_SCRIPT } from './scripts';
import { encodeRequest, newFrameToken, type RemoteArg } from './worker-frame';

export interface WorkerRequest {
  script: string;
  args: readonly RemoteArg[];
  /** The script's stdin (empty when omitted). */
  input?: Buffer;
  timeoutMs: number;
  maxOutputBytes: number;
}

export interface ScriptResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  /** True when the output was longer than maxOutputBytes and was cut. */
  truncated: boolean;
}

/** A remote bash that runs requests one at a time over a single long-lived SSH channel. */
export interface ShellWorker {
  run(request: WorkerRequest): Promise<ScriptResult>;
  readonly busy: boolean;
  readonly closed: boolean;
  /** Called once the channel is gone (the server has let go of its session). */
  onClose(listener: () => void): void;
  close(): void;
}

export class WorkerChannelClosed extends Error {}

type Pending = {
  id: number;
  resolve(result: ScriptResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
};

/**
 * Starts the worker on an exec channel opened by the caller with `bash --noprofile --norc -s --
 * NONCE`. Everything before the READY line (a chatty login shell) is discarded; each answer is
 * found by the random nonce and then read by exact byte counts, so no output can be mistaken
 * for a frame.
 */
export function startShellWorker(
  channel: ClientChannel,
  nonce: string,
  readyTimeoutMs: number,
): Promise<ShellWorker> {
  const readyLine = Buffer.from(`\n${nonce} READY\n`);
  const donePrefix = `${nonce} DONE `;
  let buffer: Buffer = Buffer.alloc(0);
  let ready = false;
  let closed = false;
  let nextId = 1;
  let pending: Pending | null = null;
  let stderrTail = '';
  let channelGone = false;
  const closeListeners: (() => void)[] = [];
  let frame: {
    id: number;
    exitCode: number;
    outTotal: number;
    outSent: number;
    errTotal: number;
    errSent: number;
  } | null = null;

  return new Promise<ShellWorker>((resolveReady, rejectReady) => {
    const readyTimer = setTimeout(() => {
      fail(new WorkerChannelClosed(`the remote shell did not start within ${readyTimeoutMs} ms`));
    }, readyTimeoutMs);

    const worker: ShellWorker = {
      get busy() {
        return pending !== null;
      },
      get closed() {
        return closed;
      },
      run(request) {
        if (closed) return Promise.reject(new WorkerChannelClosed('the remote shell has closed'));
        if (pending) return Promise.reject(new Error('worker is busy'));
        const id = nextId++;
        let encoded: Buffer;
        try {
          encoded = encodeRequest({
            id,
            timeoutSeconds: Math.max(1, Math.ceil(request.timeoutMs / 1000)),
            maxOutputBytes: request.maxOutputBytes,
            script: request.script,
            args: request.args,
            input: request.input,
            token: newFrameToken(),
          });
        } catch (error) {
          return Promise.reject(error as Error);
        }
        return new Promise<ScriptResult>((resolve, reject) => {
          // The remote `timeout` ends the script first; this one catches a runner without it,
          // or a wedged connection, a little later.
          const timer = setTimeout(() => {
            fail(new WorkerChannelClosed(`the script did not finish within ${request.timeoutMs} ms`));
          }, request.timeoutMs + 5_000);
          pending = { id, resolve, reject, timer };
          channel.write(encoded);
        });
      },
      onClose(listener) {
        if (channelGone) listener();
        else closeListeners.push(listener);
      },
      close() {
        if (closed) return;
        closed = true;
        channel.end();
        channel.close();
      },
    };

    function fail(error: Error) {
      clearTimeout(readyTimer);
      const wasClosed = closed;
      closed = true;
      if (!ready) rejectReady(withStderr(error));
      if (pending) {
        clearTimeout(pending.timer);
        pending.reject(withStderr(error));
        pending = null;
      }
      if (!wasClosed) {
        channel.signal?.('KILL');
        channel.close();
      }
    }

    function withStderr(error: Error): Error {
      const tail = stderrTail.trim();
      if (tail) error.message += ` (remote said: ${tail.slice(-500)})`;
      return error;
    }

    function pump() {
      if (!ready) {
        const at = buffer.indexOf(readyLine);
        if (at < 0) {
          // Keep only what could still hold the start of the READY line.
          if (buffer.length > readyLine.length) buffer = buffer.subarray(buffer.length - readyLine.length);
          return;
        }
        buffer = buffer.subarray(at + readyLine.length);
        ready = true;
        clearTimeout(readyTimer);
        resolveReady(worker);
      }
      for (;;) {
        if (!frame) {
          const newline = buffer.indexOf(0x0a);
          if (newline < 0) return;
          const line = buffer.subarray(0, newline).toString('latin1');
          buffer = buffer.subarray(newline + 1);
          if (!line.startsWith(donePrefix)) continue; // stray output: never a frame without the nonce
          const fields = line.slice(donePrefix.length).trim().split(/ +/);
          if (fields.length !== 6 || !fields.every((f) => /^\d{1,15}$/.test(f))) {
            fail(
              new WorkerChannelClosed(`the remote shell answered a malformed header: ${line.slice(0, 200)}`),
            );
            return;
          }
          const [id, exitCode, outTotal, outSent, errTotal, errSent] = fields.map(Number);
          frame = {
            id: id!,
            exitCode: exitCode!,
            outTotal: outTotal!,
            outSent: outSent!,
            errTotal: errTotal!,
            errSent: errSent!,
          };
        }
        const need = frame.outSent + frame.errSent;
        if (buffer.length < need) return;
        const stdout = Buffer.from(buffer.subarray(0, frame.outSent));
        const stderr = Buffer.from(buffer.subarray(frame.outSent, need));
        buffer = buffer.subarray(need);
        const done = frame;
        frame = null;
        if (pending && pending.id === done.id) {
          const p = pending;
          pending = null;
          clearTimeout(p.timer);
          p.resolve({
            exitCode: done.exitCode,
            stdout,
            stderr,
            truncated: done.outSent < done.outTotal || done.errSent < done.errTotal,
          });
        }
      }
    }

    channel.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      pump();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    channel.on('close', () => {
      if (!closed || pending || !ready)
        fail(new WorkerChannelClosed('the connection closed while the remote shell was running'));
      // After `closed` is set, so a listener never sees this worker as usable.
      channelGone = true;
      for (const listener of closeListeners.splice(0)) listener();
    });
    channel.on('error', (error: Error) =>
      fail(new WorkerChannelClosed(`the remote shell failed: ${error.message}`)),
    );

    channel.write(WORKER_SCRIPT.endsWith('\n') ? WORKER_SCRIPT : WORKER_SCRIPT + '\n');
  });
}

/**
 * The command an exec channel runs to start a worker: through `sh`, whatever the user's login
 * shell is, it starts the first bash it finds, preferring Homebrew's (macOS ships bash 3.2).
 */
export function workerCommand(nonce: string): string {
  return (
    `sh -c 'for b in /opt/homebrew/bin/bash /usr/local/bin/bash bash; do ` +
    `command -v "$b" >/dev/null 2>&1 && exec "$b" --noprofile --norc -s -- "$0"; done; ` +
    `echo "bash is not installed on this runner" >&2; exit 127' ${nonce}`
  );
}

export function newNonce(): string {
  return 'SORTIE' + randomBytes(12).toString('hex');
}
