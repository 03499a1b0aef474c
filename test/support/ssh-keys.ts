import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type KeyType = 'ed25519' | 'rsa' | 'ecdsa';

export interface KeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The OpenSSH public key line, e.g. `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface KeyPairOptions {
  type?: KeyType;
  passphrase?: string;
  comment?: string;
  /** File name inside `dir`; a unique one by default. */
  name?: string;
  bits?: number;
}

/** Generates a key pair with `ssh-keygen` into `dir` (which must exist). */
export function generateKeyPair(dir: string, options: KeyPairOptions = {}): KeyPair {
  const type = options.type ?? 'ed25519';
  const privateKeyPath = join(dir, options.name ?? `id_${type}_${randomBytes(4).toString('hex')}`);
  if (existsSync(privateKeyPath)) throw new Error(`${privateKeyPath} already exists`);
  const args = [
    '-q',
    '-t',
    type,
    '-N',
    options.passphrase ?? '',
    '-C',
    options.comment ?? 'sortie-test',
    '-f',
    privateKeyPath,
  ];
  // RSA at the default 3072 bits costs up to a second per key; tests do not need the strength.
  const bits = options.bits ?? (type === 'rsa' ? 2048 : undefined);
  if (bits !== undefined) args.push('-b', String(bits));
  execFileSync('ssh-keygen', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const publicKeyPath = `${privateKeyPath}.pub`;
  return {
    privateKeyPath,
    publicKeyPath,
    publicKey: readFileSync(publicKeyPath, 'utf8').trim(),
    fingerprint: fingerprintOf(publicKeyPath),
  };
}

/** `SHA256:…` of a public key file, or of public key lines when `file` is `-` and `input` is given. */
export function fingerprintOf(file: string, input?: string): string {
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Output: `<bits> SHA256:<hash> <comment> (<TYPE>)`.
  const fingerprint = out.split(/\s+/)[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen -l output: ${out}`);
  return fingerprint;
}
