import type { RunFiles } from './remote-host';
import { readTarFiles } from './tar-stream';

/** Parses the answer of read-files.sh (see there) into dir -> file -> content (null if missing). */
export function parseRunFiles(output: Buffer, dirs: readonly string[], files: readonly string[]): RunFiles {
  const result: RunFiles = new Map(dirs.map((dir) => [dir, new Map(files.map((f) => [f, null]))]));
  const newline = output.indexOf(0x0a);
  const mode = output.subarray(0, newline).toString('latin1');
  let body = output.subarray(newline + 1);
  if (mode === 'TAR') {
    const expandedDirs: string[] = [];
    for (let i = 0; i < dirs.length; i++) {
      const end = body.indexOf(0);
      if (end < 0) throw new Error('read-files: truncated directory list');
      expandedDirs.push(body.subarray(0, end).toString('utf8'));
      body = body.subarray(end + 1);
    }
    const byName = readTarFiles(body);
    for (const [index, dir] of dirs.entries()) {
      const expanded = expandedDirs[index]!;
      for (const file of files) {
        const content = byName.get(`${expanded}/${file}`);
        if (content) result.get(dir)!.set(file, content);
      }
    }
    return result;
  }
  if (mode !== 'FRAMES') throw new Error('read-files: unexpected answer');
  let at = 0;
  while (at < body.length) {
    const end = body.indexOf(0x0a, at);
    if (end < 0) throw new Error('read-files: truncated header');
    const [d, f, size] = body.subarray(at, end).toString('latin1').split(' ').map(Number);
    at = end + 1;
    const dir = dirs[d!];
    const file = files[f!];
    if (dir === undefined || file === undefined || size === undefined || Number.isNaN(size)) {
      throw new Error('read-files: malformed header');
    }
    if (size < 0) continue;
    if (at + size > body.length) throw new Error('read-files: truncated content');
    result.get(dir)!.set(file, Buffer.from(body.subarray(at, at + size)));
    at += size;
  }
  return result;
}
