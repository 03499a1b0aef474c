import type { RemoteHost } from '../remote-host';
import { readTarFiles } from '../tar-stream';
import { parseRemoteStatus, RUN_FILES, type PolledStatus } from './protocol';
import { runScript } from '../workspace/run-script';

export interface PollRequest {
  runDir: string;
  /** Bytes of events.jsonl already read. */
  eventsOffset: number;
}

export interface PollLimits {
  maxEventBytes: number;
  stderrTailBytes: number;
  /**
   * When more than this many bytes of events wait after the offset, only the newest part is read
   * (from a line boundary) and the rest skipped on the runner; 0 or absent: everything is read.
   */
  keepBytes?: number;
}

/** What one poll read from a run directory. */
export interface PolledRun {
  /** The run directory does not exist (yet, or any more). */
  missing: boolean;
  /** The directory exists but no launcher ever recorded its pid there. */
  unlaunched: boolean;
  /** As read before anything else, so a final status comes with all the run's output. */
  status: PolledStatus;
  result: string | null;
  finishedAt: string | null;
  exitCode: string | null;
  /**
   * New bytes of events.jsonl after the offset asked for (at most maxEventBytes), or null. They
   * start at `eventsFrom` when the runner skipped older output (more than keepBytes was waiting).
   */
  events: Buffer | null;
  /** Where `events` starts when bytes after the offset asked for were skipped; null otherwise. */
  eventsFrom: number | null;
  /**
   * When the runner last wrote events.jsonl (ISO 8601, by this machine's clock: the runner sends
   * the file's age, so its own clock being off does not matter); null when there were no new
   * events or the runner could not tell.
   */
  eventsWrittenAt: string | null;
  /** The end of stderr.log once the run finished, '' otherwise. */
  stderrTail: string;
}

/** Reads the state and new output of many runs of one runner in one remote call (poll-runs.sh). */
export async function pollRuns(
  host: RemoteHost,
  runs: readonly PollRequest[],
  limits: PollLimits,
  /** This machine's time (the core's clock): files' ages count back from it when the answer came. */
  now: () => number = Date.now,
): Promise<PolledRun[]> {
  if (runs.length === 0) return [];
  const args = [String(limits.maxEventBytes), String(limits.stderrTailBytes), String(limits.keepBytes ?? 0)];
  for (const run of runs) args.push(run.runDir, String(run.eventsOffset));
  const answer = await runScript(host, 'poll-runs', args, { timeoutMs: 60_000 });
  return parsePollAnswer(answer, runs.length, now());
}

/** Parses poll-runs.sh's answer (see there) into one entry per requested run, in order. */
export function parsePollAnswer(output: Buffer, runCount: number, now = Date.now()): PolledRun[] {
  const newline = output.indexOf(0x0a);
  const mode = output.subarray(0, newline).toString('latin1');
  let rest = output.subarray(newline + 1);
  const takeString = () => {
    const end = rest.indexOf(0);
    if (end < 0) throw new Error('poll-runs: truncated header');
    const value = rest.subarray(0, end).toString('utf8');
    rest = rest.subarray(end + 1);
    return value;
  };
  const scratch = takeString();
  const dirs = Array.from({ length: runCount }, takeString);

  let files: Map<string, Buffer>;
  if (mode === 'TAR') files = readTarFiles(rest);
  else if (mode === 'FRAMES') files = readFrames(rest);
  else throw new Error('poll-runs: unexpected answer');

  const text = (name: string) => files.get(name)?.toString('utf8') ?? null;
  const facts = parseFacts(text(`${scratch}/facts`) ?? '');
  const fact = (index: number, name: string) => facts.get(`${index} ${name}`) ?? null;
  return dirs.map((dir, index) => ({
    missing: fact(index, 'missing') !== null,
    unlaunched: fact(index, 'unlaunched') !== null,
    status: parseRemoteStatus(fact(index, 'status') ?? ''),
    result: text(`${dir}/${RUN_FILES.result}`),
    finishedAt: text(`${dir}/${RUN_FILES.finished_at}`),
    exitCode: text(`${dir}/${RUN_FILES.exit_code}`),
    // New bytes cut from the file, or the whole file when all of it was new.
    events: files.get(`${scratch}/${index}.events`) ?? files.get(`${dir}/${RUN_FILES.events}`) ?? null,
    eventsFrom: digitsOrNull(fact(index, 'events-from')),
    eventsWrittenAt: writtenAgo(fact(index, 'events-age'), now),
    stderrTail: text(`${scratch}/${index}.stderr`) ?? '',
  }));
}

/** The `facts` file's lines, `<index> <fact> <value>`: by `<index> <fact>`, its value ('' if none). */
function parseFacts(text: string): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(\d+) ([a-z-]+)(?: (.*))?$/.exec(line);
    if (match) facts.set(`${match[1]} ${match[2]}`, match[3] ?? '');
  }
  return facts;
}

function digitsOrNull(text: string | null): number | null {
  const value = text?.trim() ?? '';
  return /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** When the events file was written, by this machine's clock: `now` minus the age the runner gave. */
function writtenAgo(text: string | null, now: number): string | null {
  const value = text?.trim() ?? '';
  if (!/^\d{1,13}$/.test(value)) return null;
  return new Date(now - Number(value)).toISOString();
}

function readFrames(data: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (at < data.length) {
    const nul = data.indexOf(0, at);
    const newline = data.indexOf(0x0a, nul);
    if (nul < 0 || newline < 0) throw new Error('poll-runs: truncated frame');
    const name = data.subarray(at, nul).toString('utf8');
    const size = Number(data.subarray(nul + 1, newline).toString('latin1'));
    const start = newline + 1;
    if (Number.isNaN(size) || start + size > data.length) throw new Error('poll-runs: malformed frame');
    files.set(name, Buffer.from(data.subarray(start, start + size)));
    at = start + size;
  }
  return files;
}
