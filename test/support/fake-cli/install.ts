import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sshd } from '../sshd';

export const FAKE_CLI_DIR = join(__dirname, 'bin');
export type FakeCli = 'gh' | 'codex' | 'claude';

/**
 * Copies the stand-in CLIs (and the bash helpers they source) into `~/fake-bin` of the harness's
 * remote user, or into `dir` (an absolute remote path; test files running in parallel should each
 * use their own), and returns the shell prelude that puts them first on PATH, as a user's prelude
 * would for the real ones.
 */
export function installFakeClis(sshd: Sshd, options: { omit?: FakeCli[]; dir?: string } = {}): string {
  const target = options.dir ?? join(sshd.home, 'fake-bin');
  sshd.runAsUser(['rm', '-rf', target]);
  sshd.runAsUser(['mkdir', '-p', target]);
  for (const name of readdirSync(FAKE_CLI_DIR)) {
    if (options.omit?.includes(name as FakeCli)) continue;
    sshd.runAsUser(['cp', join(FAKE_CLI_DIR, name), join(target, name)]);
  }
  return options.dir === undefined
    ? 'export PATH="$HOME/fake-bin:$PATH"'
    : `export PATH=${shellQuote(target)}:"$PATH"`;
}

/** A single-quoted shell word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
