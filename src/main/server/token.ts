import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../core/data-dir';

export const TOKEN_FILE = 'server-token';

/** The headless host's bearer token: made once, kept in the data directory readable by its owner only. */
export function loadOrCreateToken(dataDir: string): string {
  const file = join(dataDir, TOKEN_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(stored)) {
      // A file written by an older version, or copied by hand, may be readable by others.
      chmodSync(file, PRIVATE_FILE_MODE);
      return stored;
    }
  }
  const token = randomBytes(32).toString('base64url');
  writePrivateFile(file, token + '\n');
  return token;
}

/**
 * Writes a fresh 0600 file aside and renames it over `file`: the new text is never in a file
 * someone else can read, whatever mode an old `file` (or the umask) had.
 */
function writePrivateFile(file: string, text: string): void {
  const aside = `${file}.tmp`;
  rmSync(aside, { force: true });
  writeFileSync(aside, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  // The umask may have taken bits away from the creation mode; the mode is exactly 0600.
  chmodSync(aside, PRIVATE_FILE_MODE);
  renameSync(aside, file);
}

export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
