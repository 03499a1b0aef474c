import type { ScriptResult } from './shell-worker';

/** What a worker says on its stdout (see scripts/worker.sh), one message at a time. */
export type WorkerMessage =
  | { kind: 'ready' }
  /** The worker has no text under the request's script key: nothing ran. */
  | { kind: 'unknown'; id: number }
  /** A supervised request reached a phase. */
  | { kind: 'progress'; id: number; text: string }
  /** A supervised request asks its client something and waits for the answer. */
  | { kind: 'ask'; id: number; question: Buffer }
  | { kind: 'done'; id: number; result: ScriptResult }
  /** The worker said something no worker says: the channel cannot be trusted any more. */
  | { kind: 'malformed'; line: string };

type Header =
  | { kind: 'progress' | 'ask'; id: number; bytes: number }
  | {
      kind: 'done';
      id: number;
      exitCode: number;
      outTotal: number;
      outSent: number;
      errTotal: number;
      errSent: number;
      micros: number | null;
    };

const COUNT = /^\d{1,15}$/;

/**
 * Reads a worker's stdout. Everything before `<nonce> READY` (a chatty login shell) is skipped;
 * after it, a message is a line starting with the nonce, and any bytes it announces are taken
 * by exact count, so no output of a script can be mistaken for a message. A line without the
 * nonce between messages is stray output and skipped.
 */
export class WorkerOutputParser {
  private buffer: Buffer = Buffer.alloc(0);
  private ready = false;
  private header: Header | null = null;
  private readonly readyLine: Buffer;
  private readonly prefix: string;

  constructor(nonce: string) {
    this.readyLine = Buffer.from(`\n${nonce} READY\n`);
    this.prefix = `${nonce} `;
  }

  /** Takes a chunk of stdout; answers the messages it completed, in order. */
  push(chunk: Buffer): WorkerMessage[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: WorkerMessage[] = [];
    if (!this.ready) {
      const at = this.buffer.indexOf(this.readyLine);
      if (at < 0) {
        // Keep only what could still hold the start of the READY line.
        const keep = this.readyLine.length;
        if (this.buffer.length > keep) this.buffer = this.buffer.subarray(this.buffer.length - keep);
        return messages;
      }
      this.buffer = this.buffer.subarray(at + this.readyLine.length);
      this.ready = true;
      messages.push({ kind: 'ready' });
    }
    for (;;) {
      if (!this.header) {
        const newline = this.buffer.indexOf(0x0a);
        if (newline < 0) return messages;
        const line = this.buffer.subarray(0, newline).toString('latin1');
        this.buffer = this.buffer.subarray(newline + 1);
        if (!line.startsWith(this.prefix)) continue; // stray output
        const parsed = this.parseLine(line.slice(this.prefix.length).trim());
        if (parsed === 'malformed') {
          messages.push({ kind: 'malformed', line: line.slice(0, 200) });
          return messages;
        }
        if ('unknown' in parsed) {
          messages.push({ kind: 'unknown', id: parsed.unknown });
          continue;
        }
        this.header = parsed;
      }
      const header = this.header;
      const need = header.kind === 'done' ? header.outSent + header.errSent : header.bytes;
      if (this.buffer.length < need) return messages;
      const body = Buffer.from(this.buffer.subarray(0, need));
      this.buffer = this.buffer.subarray(need);
      this.header = null;
      if (header.kind === 'progress') {
        messages.push({ kind: 'progress', id: header.id, text: body.toString('utf8') });
      } else if (header.kind === 'ask') {
        messages.push({ kind: 'ask', id: header.id, question: body });
      } else if (header.kind === 'done') {
        messages.push({
          kind: 'done',
          id: header.id,
          result: {
            exitCode: header.exitCode,
            stdout: body.subarray(0, header.outSent),
            stderr: body.subarray(header.outSent),
            truncated: header.outSent < header.outTotal || header.errSent < header.errTotal,
            ...(header.micros === null ? {} : { remoteMicros: header.micros }),
          },
        });
      }
    }
  }

  private parseLine(rest: string): Header | { unknown: number } | 'malformed' {
    const [word, ...fields] = rest.split(/ +/);
    if (!fields.every((f) => COUNT.test(f) || f === '-')) return 'malformed';
    const numbers = fields.map(Number);
    switch (word) {
      case 'UNKNOWN':
        return fields.length === 1 && COUNT.test(fields[0]!) ? { unknown: numbers[0]! } : 'malformed';
      case 'PROGRESS':
      case 'ASK':
        if (fields.length !== 2 || !fields.every((f) => COUNT.test(f))) return 'malformed';
        return { kind: word === 'ASK' ? 'ask' : 'progress', id: numbers[0]!, bytes: numbers[1]! };
      case 'DONE': {
        if (fields.length !== 7 || !fields.slice(0, 6).every((f) => COUNT.test(f))) return 'malformed';
        const [id, exitCode, outTotal, outSent, errTotal, errSent] = numbers;
        return {
          kind: 'done',
          id: id!,
          exitCode: exitCode!,
          outTotal: outTotal!,
          outSent: outSent!,
          errTotal: errTotal!,
          errSent: errSent!,
          micros: fields[6] === '-' ? null : numbers[6]!,
        };
      }
      default:
        return 'malformed';
    }
  }
}
