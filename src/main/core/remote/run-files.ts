import type { RunFiles } from './remote-host';

/** Parses the output of read-files.sh (see there) back into dir -> file -> content. */
export function parseRunFiles(output: Buffer, dirs: readonly string[], files: readonly string[]): RunFiles {
  const result: RunFiles = new Map(dirs.map((dir) => [dir, new Map(files.map((f) => [f, null]))]));
  let at = 0;
  while (at < output.length) {
    const newline = output.indexOf(0x0a, at);
    if (newline < 0) throw new Error('read-files: truncated header');
    const [d, f, size] = output.subarray(at, newline).toString('latin1').split(' ').map(Number);
    at = newline + 1;
    const dir = dirs[d!];
    const file = files[f!];
    if (dir === undefined || file === undefined || size === undefined || Number.isNaN(size)) {
      throw new Error('read-files: malformed header');
    }
    if (size < 0) continue;
    if (at + size > output.length) throw new Error('read-files: truncated content');
    result.get(dir)!.set(file, Buffer.from(output.subarray(at, at + size)));
    at += size;
  }
  return result;
}
