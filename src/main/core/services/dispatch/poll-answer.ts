import { readTarFiles } from '../../remote/tar-stream';

export interface PolledRun {
  missing: boolean;
  files: Map<string, Buffer>;
  events: Buffer | null;
  stderrTail: Buffer | null;
}

/** Parses poll-runs.sh's answer (see there) into one entry per requested run, in order. */
export function parsePollAnswer(output: Buffer, runCount: number): PolledRun[] {
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

  return dirs.map((dir, index) => {
    const own = new Map<string, Buffer>();
    // The status comes from the script's own first read (see poll-runs.sh), not the live file.
    const status = files.get(`${scratch}/${index}.status`);
    if (status) own.set('status.txt', status);
    for (const name of ['result.json', 'finished-at.txt', 'exit-code.txt']) {
      const content = files.get(`${dir}/${name}`);
      if (content) own.set(name, content);
    }
    return {
      missing: files.has(`${scratch}/${index}.missing`),
      files: own,
      events: files.get(`${scratch}/${index}.events`) ?? null,
      stderrTail: files.get(`${scratch}/${index}.stderr`) ?? null,
    };
  });
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
