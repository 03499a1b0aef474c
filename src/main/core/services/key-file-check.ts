import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { expandLocalHome } from '../remote';

function describe(typed: string, resolved: string): string {
  return typed === resolved ? typed : `${typed} (${resolved})`;
}

/**
 * Why the key file a runner names cannot be used, or null when it can. The core runs on the
 * user's computer, where the key is read at every connection, so a path that is missing, not a
 * file, or not readable is refused when the runner is saved rather than found at its first run.
 * The key's content (and whether it needs a passphrase) is checked when it is used.
 */
export function keyFileProblem(keyPath: string): string | null {
  const resolved = expandLocalHome(keyPath);
  if (!isAbsolute(resolved)) {
    return `The key file path ${keyPath} must be absolute or start with ~/ (a file on the computer Sortie runs on)`;
  }
  const named = describe(keyPath, resolved);
  let size: number;
  try {
    const stats = statSync(resolved);
    if (!stats.isFile()) return `The key file ${named} is not a file`;
    size = stats.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return `The key file ${named} does not exist on the computer Sortie runs on`;
    }
    return `The key file ${named} cannot be looked at by Sortie (${code ?? 'an error'}); check the path and its folders`;
  }
  if (size === 0) return `The key file ${named} is empty`;
  try {
    // Reading a byte proves the permissions let this process read it.
    const fd = openSync(resolved, 'r');
    try {
      readSync(fd, Buffer.alloc(1), 0, 1, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    return `The key file ${named} cannot be read by Sortie (${code}); check its permissions`;
  }
  return null;
}
