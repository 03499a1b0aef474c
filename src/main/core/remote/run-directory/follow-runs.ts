import { AppError } from '../../errors';
import type { RemoteHost, RemoteStream } from '../remote-host';

/** What the follower (follow-runs.sh) pushes, per run key. */
export type FollowerFrame =
  /** Bytes of events.jsonl starting at `offset`; `writtenAt` by this machine's clock. */
  | { kind: 'events'; key: number; offset: number; bytes: Buffer; writtenAt: string }
  /** The follower skipped bytes `from`..`to` (more than the cap was waiting) and goes on at `to`. */
  | { kind: 'skipped'; key: number; from: number; to: number }
  /** The status file's first line changed. */
  | { kind: 'status'; key: number; status: string }
  /** The result file appeared. */
  | { kind: 'result'; key: number };

export interface FollowerLimits {
  /** Output waiting beyond this many bytes is skipped to its newest part. */
  capBytes: number;
  /** At most this many bytes in one events frame. */
  frameBytes: number;
}

/** One follower on a runner: tell it which runs to follow, hear what they write. */
export interface RunFollower {
  /** Follows the run directory as `key` from byte `offset` of its events file (again, if it was). */
  follow(key: number, runDir: string, offset: number): void;
  unfollow(key: number): void;
  close(): void;
}

const HEADERS: Record<string, RegExp> = {
  E: /^E (\d{1,9}) (\d{1,15}) (\d{1,9}) (\d{1,12})$/,
  X: /^X (\d{1,9}) (\d{1,15}) (\d{1,15})$/,
  S: /^S (\d{1,9}) (\d{1,6})$/,
  R: /^R (\d{1,9})$/,
};

/**
 * Starts follow-runs.sh on its own channel of the runner's connection. Frames are read by exact
 * byte counts after the READY line (anything a login shell printed before it is dropped), so no
 * output can be taken for a frame; a malformed header closes the follower. `onClose` is called
 * once, whatever ends it.
 */
export async function startRunFollower(
  host: RemoteHost,
  limits: FollowerLimits,
  handlers: {
    onFrame(frame: FollowerFrame): void;
    onClose(reason: string): void;
    /** This machine's time in ms (frames' ages count back from it). */
    now?: () => number;
  },
): Promise<RunFollower> {
  const now = handlers.now ?? Date.now;
  const stream: RemoteStream = await host.openStream('follow-runs');
  const readyLine = Buffer.from(`\n${stream.nonce} READY\n`);
  let buffer: Buffer = Buffer.alloc(0);
  let ready = false;
  let closed = false;
  let closeReason = '';
  let header: { kind: string; fields: number[] } | null = null;

  const fail = (reason: string) => {
    if (closed) return;
    closeReason = reason;
    stream.close();
  };

  function pump() {
    if (!ready) {
      const at = buffer.indexOf(readyLine);
      if (at < 0) {
        if (buffer.length > readyLine.length) buffer = buffer.subarray(buffer.length - readyLine.length);
        return;
      }
      buffer = buffer.subarray(at + readyLine.length);
      ready = true;
    }
    while (!closed) {
      if (!header) {
        const newline = buffer.indexOf(0x0a);
        if (newline < 0) {
          if (buffer.length > 200) fail('the follower sent a header line that does not end');
          return;
        }
        const line = buffer.subarray(0, newline).toString('latin1');
        const match = HEADERS[line.charAt(0)]?.exec(line);
        if (!match) return fail(`the follower sent a malformed header: ${line.slice(0, 100)}`);
        buffer = buffer.subarray(newline + 1);
        header = { kind: line.charAt(0), fields: match.slice(1).map(Number) };
      }
      const [key, a, b, c] = header.fields as [number, number, number, number];
      const size = header.kind === 'E' ? b : header.kind === 'S' ? a : 0;
      if (buffer.length < size) return;
      const data = Buffer.from(buffer.subarray(0, size));
      buffer = buffer.subarray(size);
      const kind = header.kind;
      header = null;
      if (kind === 'E')
        handlers.onFrame({
          kind: 'events',
          key,
          offset: a,
          bytes: data,
          writtenAt: new Date(now() - c).toISOString(),
        });
      else if (kind === 'X') handlers.onFrame({ kind: 'skipped', key, from: a, to: b });
      else if (kind === 'S') handlers.onFrame({ kind: 'status', key, status: data.toString('utf8') });
      else handlers.onFrame({ kind: 'result', key });
    }
  }

  stream.onData((chunk) => {
    if (closed) return;
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    try {
      pump();
    } catch (error) {
      // A handler's failure must not leave the stream half read: start over with a new follower.
      fail(`a frame could not be applied: ${String(error)}`);
    }
  });
  stream.onClose((stderr) => {
    closed = true;
    handlers.onClose(closeReason || stderr || 'the follower stopped');
  });
  stream.write(`L ${limits.capBytes} ${limits.frameBytes}\n`);

  return {
    follow(key, runDir, offset) {
      const dir = Buffer.from(runDir, 'utf8');
      // A NUL cannot be read by the follower's `read`: the frame would shift.
      if (dir.includes(0) || dir.length === 0 || dir.length > 99_999)
        throw new AppError(
          'VALIDATION_FAILED',
          'A run directory to follow must be 1 to 99,999 bytes, no NUL.',
        );
      stream.write(Buffer.concat([Buffer.from(`R ${key} ${offset} ${dir.length}\n`), dir]));
    },
    unfollow(key) {
      stream.write(`D ${key}\n`);
    },
    close() {
      closeReason ||= 'closed by Sortie';
      stream.close();
    },
  };
}
