import { randomBytes } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import { SHELL_LIBRARY } from './compose-script';
import { WORKER_SCRIPT, WORKER_START_SCRIPT } from './scripts';
import {
  encodeBlock,
  encodeReply,
  encodeRequest,
  newFrameToken,
  scriptKey,
  type RemoteArg,
} from './worker-frame';
import { WorkerOutputParser } from './worker-output';

/**
 * A supervised request (worker.sh MODE 1, a launch): the script tells its phases as it reaches
 * them and may ask questions it waits on; the caller may cancel it while it runs.
 */
export interface Supervision {
  onProgress(phase: string): void;
  /** The answer to a question the script asked (lib.sh sortie_ask); a throw cancels the request. */
  onAsk(question: Buffer): Promise<string>;
  /** Stops the request's whole process group on the runner; its answer still comes. */
  signal?: AbortSignal;
}

export interface WorkerRequest {
  script: string;
  args: readonly RemoteArg[];
  /** The script's stdin (empty when omitted). */
  input?: Buffer;
  timeoutMs: number;
  maxOutputBytes: number;
  supervision?: Supervision;
}

export interface ScriptResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  /** True when the output was longer than maxOutputBytes and was cut. */
  truncated: boolean;
  /** How long the request took on the runner, in microseconds, when its bash can tell. */
  remoteMicros?: number;
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
  /** Sends the request again with its script's text (the worker did not know the key). */
  resend(): void;
  resolve(result: ScriptResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  supervision: Supervision | undefined;
  /** Set once CANCEL went out: said once, and no answer to a question after it. */
  canceled: boolean;
  stopListening(): void;
};

/**
 * Starts the worker on an exec channel opened by the caller with `workerCommand` (for
 * `WORKER_TEXT`): sends it `WORKER_INPUT` and the shell library. Everything before the READY
 * line (a chatty login shell) is discarded; each answer is found by the random nonce and then read by exact byte
 * counts, so no output can be mistaken for a frame (worker-output.ts). A script's text is sent
 * once per worker and named by its key afterwards.
 */
export function startShellWorker(
  channel: ClientChannel,
  nonce: string,
  readyTimeoutMs: number,
): Promise<ShellWorker> {
  const parser = new WorkerOutputParser(nonce);
  /** Keys of the scripts this worker was sent the text of. */
  const known = new Set<string>();
  let ready = false;
  let closed = false;
  let nextId = 1;
  let pending: Pending | null = null;
  let stderrTail = '';
  let channelGone = false;
  const closeListeners: (() => void)[] = [];

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
        // A newline ends every text, so no script is empty (0 bytes means "known already").
        const text = request.script.endsWith('\n') ? request.script : `${request.script}\n`;
        const key = scriptKey(text);
        const encode = (withText: boolean) =>
          encodeRequest({
            id,
            timeoutSeconds: Math.max(1, Math.ceil(request.timeoutMs / 1000)),
            maxOutputBytes: request.maxOutputBytes,
            supervised: request.supervision !== undefined,
            scriptKey: key,
            script: withText ? text : null,
            args: request.args,
            input: request.input,
            token: newFrameToken(),
          });
        let encoded: Buffer;
        try {
          encoded = encode(!known.has(key));
        } catch (error) {
          return Promise.reject(error as Error);
        }
        // Known from here on: if this request fails to arrive the worker is gone with it.
        known.add(key);
        return new Promise<ScriptResult>((resolve, reject) => {
          // The worker ends the script on time first; this catches a wedged connection.
          const timer = setTimeout(() => {
            fail(new WorkerChannelClosed(`the script did not finish within ${request.timeoutMs} ms`));
          }, request.timeoutMs + 5_000);
          const signal = request.supervision?.signal;
          const onAbort = () => cancel(entry);
          const entry: Pending = {
            id,
            resolve,
            reject,
            timer,
            resend: () => channel.write(encode(true)),
            supervision: request.supervision,
            canceled: false,
            stopListening: () => signal?.removeEventListener('abort', onAbort),
          };
          pending = entry;
          channel.write(encoded);
          if (signal?.aborted) cancel(entry);
          else signal?.addEventListener('abort', onAbort, { once: true });
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

    function cancel(entry: Pending) {
      if (entry.canceled || pending !== entry || closed) return;
      entry.canceled = true;
      channel.write(`CANCEL ${entry.id}\n`);
    }

    function answer(entry: Pending, question: Buffer) {
      entry
        .supervision!.onAsk(question)
        .then((reply) => {
          if (pending === entry && !entry.canceled && !closed) channel.write(encodeReply(entry.id, reply));
        })
        .catch(() => cancel(entry));
    }

    function settle(entry: Pending) {
      pending = null;
      clearTimeout(entry.timer);
      entry.stopListening();
    }

    function fail(error: Error) {
      clearTimeout(readyTimer);
      const wasClosed = closed;
      closed = true;
      if (!ready) rejectReady(withStderr(error));
      if (pending) {
        const entry = pending;
        settle(entry);
        entry.reject(withStderr(error));
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

    channel.on('data', (chunk: Buffer) => {
      for (const message of parser.push(chunk)) {
        const entry = pending !== null && 'id' in message && message.id === pending.id ? pending : null;
        switch (message.kind) {
          case 'ready':
            ready = true;
            clearTimeout(readyTimer);
            resolveReady(worker);
            break;
          case 'malformed':
            fail(new WorkerChannelClosed(`the remote shell answered a malformed header: ${message.line}`));
            return;
          case 'unknown':
            // Nothing ran: the worker has no text under the key (never sent, or it failed to
            // arrive); the same request goes again with the text, unless it was canceled.
            if (entry?.canceled) {
              settle(entry);
              entry.resolve({
                exitCode: 130,
                stdout: Buffer.alloc(0),
                stderr: Buffer.alloc(0),
                truncated: false,
              });
            } else entry?.resend();
            break;
          case 'progress':
            if (entry && !entry.canceled) entry.supervision?.onProgress(message.text);
            break;
          case 'ask':
            if (entry?.supervision && !entry.canceled) answer(entry, message.question);
            break;
          case 'done':
            if (entry) {
              settle(entry);
              entry.resolve(message.result);
            }
            break;
        }
      }
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      // Without bash's job notices ("[1]+ Done …"): only what could say why a worker failed.
      const said = chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => !/^\[\d+\][+-]? /.test(line))
        .join('\n');
      stderrTail = (stderrTail + said).slice(-2000);
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

    channel.write(Buffer.concat([WORKER_INPUT, encodeBlock(SHELL_LIBRARY)]));
  });
}

/**
 * The bash that reads a text of `$2` bytes from stdin and runs it, with the nonce as `$1`: one
 * line, free of `'`, `\` and `!`, so every login shell passes it on as it is. `read -N` (bash
 * 4.1, the oldest the worker runs on) takes the text in 4 KB reads from bash 5.1 on, 128 bytes
 * from 4.3; bash reading its script from a pipe (`bash -s`) takes one byte a read(2), 30 ms for
 * the worker's 25 KB on a slow machine. The text alone is run: whatever the caller writes after
 * it stays stdin's, for the text to read.
 */
const BOOTSTRAP =
  'case $BASH_VERSION in [0-3].* | 4.0.*) echo "Sortie needs bash 4.1 or newer on the runner; this is bash $BASH_VERSION. On macOS: brew install bash." >&2; exit 95 ;; esac; ' +
  'export LC_ALL=C; IFS= read -r -N "$2" sortie_boot_text && [ "${#sortie_boot_text}" = "$2" ] || exit 90; ' +
  'set -- "$1"; eval "$sortie_boot_text"';

/**
 * The command an exec channel runs to start a worker or a stream: through `sh`, whatever the
 * user's login shell is, it starts the first bash it finds, preferring Homebrew's (macOS ships
 * bash 3.2), which runs the text of `textBytes` bytes the caller writes first (`BOOTSTRAP`).
 * `name` is that bash's `$0`, which `ps` shows before the nonce (a worker, once started, shows
 * `sortie-worker NONCE` too: worker-start.sh runs it under that name).
 */
export function workerCommand(nonce: string, textBytes: number, name = 'sortie-worker'): string {
  return (
    `sh -c 'for b in /opt/homebrew/bin/bash /usr/local/bin/bash bash; do ` +
    `command -v "$b" >/dev/null 2>&1 && exec "$b" --noprofile --norc -c "$2" "$3" "$0" "$1"; done; ` +
    `echo "bash is not installed on this runner" >&2; exit 127' ${nonce} ${textBytes} '${BOOTSTRAP}' ${name}`
  );
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
/** The text `workerCommand` is told the size of for a worker: worker-start.sh. */
export const WORKER_TEXT = Buffer.from(withNewline(WORKER_START_SCRIPT));
/** What a worker's channel is sent first: worker-start.sh, then worker.sh as a block it reads. */
export const WORKER_INPUT = Buffer.concat([WORKER_TEXT, encodeBlock(withNewline(WORKER_SCRIPT))]);

export function newNonce(): string {
  return 'SORTIE' + randomBytes(12).toString('hex');
}
