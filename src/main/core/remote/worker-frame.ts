import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';

/**
 * An argument for a remote script. Text is sent as UTF-8; a Buffer is sent as it is, so bytes
 * that are not UTF-8 arrive unchanged. Neither may hold a NUL byte: a bash variable cannot.
 */
export type RemoteArg = string | Buffer;

export interface RequestFrame {
  id: number;
  timeoutSeconds: number;
  maxOutputBytes: number;
  /** A supervised request (worker.sh MODE 1): progress, questions and cancel while it runs. */
  supervised?: boolean;
  /** Names the script's text; the worker keeps the text under it (see scriptKey). */
  scriptKey: string;
  /** The text, or null when the worker has it under scriptKey already. */
  script: string | null;
  args: readonly RemoteArg[];
  /** The script's stdin, any bytes (NUL included). */
  input?: Buffer;
  /** Sent after the header and again as the trailer; see scripts/worker.sh. */
  token: string;
}

const NUL = 0x00;
const NEWLINE = 0x0a;
const LINE_END = Buffer.from([NEWLINE]);

/** A new random trailer token: 32 hex digits, as worker.sh's header pattern expects. */
export function newFrameToken(): string {
  return randomBytes(16).toString('hex');
}

export function argumentBytes(arg: RemoteArg, index: number): Buffer {
  const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
  if (bytes.includes(NUL)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `remote argument ${index + 1} contains a NUL byte, which a remote shell cannot hold`,
    );
  }
  return bytes;
}

/**
 * Input bytes as parts of NUL-free bytes each followed by a run of NUL bytes, the only form in
 * which bash can read them by exact count (see worker.sh).
 */
export function inputParts(input: Buffer): { bytes: Buffer; zeros: number }[] {
  const parts: { bytes: Buffer; zeros: number }[] = [];
  let at = 0;
  while (at < input.length) {
    let end = input.indexOf(NUL, at);
    if (end < 0) end = input.length;
    let after = end;
    while (after < input.length && input[after] === NUL) after++;
    parts.push({ bytes: input.subarray(at, end), zeros: after - end });
    at = after;
  }
  return parts;
}

/** The key a worker keeps a script's text under: 16 hex digits of its SHA-256. */
export function scriptKey(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex').slice(0, 16);
}

/**
 * A text as a worker reads it while starting (worker-start.sh, worker.sh): its byte count, a
 * newline, then its bytes. The worker's own text comes so, then the shell library.
 */
export function encodeBlock(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.includes(NUL)) throw new Error('a text for the worker cannot contain a NUL byte');
  return Buffer.concat([Buffer.from(`${bytes.length}\n`), bytes]);
}

/** The answer to a supervised request's question, as worker.sh reads it while the request runs. */
export function encodeReply(id: number, reply: string): Buffer {
  const bytes = Buffer.from(reply, 'utf8');
  if (bytes.includes(NUL))
    throw new AppError('VALIDATION_FAILED', 'an answer to a runner cannot hold a NUL byte');
  return Buffer.concat([Buffer.from(`REPLY ${id} ${bytes.length}\n`), bytes]);
}

/** The bytes of one request, in the format worker.sh reads. */
export function encodeRequest(frame: RequestFrame): Buffer {
  if (!/^[0-9a-f]{32}$/.test(frame.token)) throw new Error('a frame token is 32 hex digits');
  if (!/^[0-9a-f]{16}$/.test(frame.scriptKey)) throw new Error('a script key is 16 hex digits');
  for (const count of [frame.id, frame.timeoutSeconds, frame.maxOutputBytes]) {
    if (!Number.isSafeInteger(count) || count < 0 || count >= 1e12)
      throw new Error(`bad frame count ${count}`);
  }
  const script = Buffer.from(frame.script ?? '', 'utf8');
  if (script.includes(NUL))
    throw new AppError('VALIDATION_FAILED', 'a remote script cannot contain a NUL byte');
  const args = frame.args.map(argumentBytes);
  const parts = frame.input ? inputParts(frame.input) : [];
  const chunks: Buffer[] = [
    Buffer.from(
      `${frame.id} ${frame.timeoutSeconds} ${frame.maxOutputBytes} ${frame.supervised ? 1 : 0} ${frame.scriptKey} ${script.length} ${args.length} ${parts.length} ${frame.token}\n`,
    ),
    script,
  ];
  if (args.length > 0 && !args.some((arg) => arg.includes(NEWLINE))) {
    // One block of lines, which the worker reads at once however many there are.
    const lines = Buffer.concat(args.flatMap((arg) => [arg, LINE_END]));
    chunks.push(Buffer.from(`L ${lines.length}\n`), lines);
  } else if (args.length > 0) {
    chunks.push(Buffer.from('R\n'));
    for (const arg of args) chunks.push(Buffer.from(`${arg.length}\n`), arg);
  }
  for (const part of parts) chunks.push(Buffer.from(`${part.bytes.length} ${part.zeros}\n`), part.bytes);
  chunks.push(Buffer.from(`${frame.token}\n`));
  return Buffer.concat(chunks);
}
