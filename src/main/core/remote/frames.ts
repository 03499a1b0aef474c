import { AppError } from '../errors';

/** One command's answer in a framed reply (lib.sh's sortie_framed). */
export interface Frame {
  kind: string;
  index: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const HEADER = /^([A-Z]+) (\d+) (\d+) (\d+) (\d+)$/;

/**
 * Splits a framed reply into its frames, keyed `KIND INDEX`. A header that does not parse is a
 * broken reply (the script's, never the data's: sizes are in bytes and the data is skipped by
 * them).
 */
export function parseFrames(out: Buffer, script: string): Map<string, Frame> {
  const frames = new Map<string, Frame>();
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const header = HEADER.exec(out.subarray(at, end).toString('utf8'));
    if (!header) throw new AppError('REMOTE_FAILED', `${script} answered a malformed frame.`);
    const outBytes = Number(header[4]);
    const errBytes = Number(header[5]);
    const start = end + 1;
    frames.set(`${header[1]} ${header[2]}`, {
      kind: header[1]!,
      index: Number(header[2]),
      exitCode: Number(header[3]),
      stdout: out.subarray(start, start + outBytes).toString('utf8'),
      stderr: out.subarray(start + outBytes, start + outBytes + errBytes).toString('utf8'),
    });
    at = start + outBytes + errBytes;
  }
  return frames;
}

/** What a failed command said: the end of its stderr, else of its stdout, else its exit code. */
export function frameError(frame: Frame): string {
  const said = (frame.stderr.trim() || frame.stdout.trim()).split('\n').slice(-3).join('\n');
  return said || `exited with ${frame.exitCode}`;
}

/**
 * The JSON values of a text holding one or more of them back to back, as `gh api --paginate`
 * prints one array per page. Null when the text is not such a sequence.
 */
export function parseJsonSequence(text: string): unknown[] | null {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 0) return null;
      inString = true;
    } else if (c === '[' || c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          return null;
        }
      }
    } else if (depth === 0 && !/\s/.test(c)) return null;
  }
  return depth === 0 && !inString ? values : null;
}

/** The items of every page of a paginated array answer, or null when it is not one. */
export function parsePages(text: string): unknown[] | null {
  const pages = parseJsonSequence(text);
  if (!pages || !pages.every(Array.isArray)) return null;
  return (pages as unknown[][]).flat();
}
