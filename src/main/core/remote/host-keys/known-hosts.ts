import { createHmac, randomBytes } from 'node:crypto';

/**
 * Reading and writing OpenSSH known_hosts files. No maintained npm package covers this (hashed
 * `|1|` names, `[host]:port`, patterns, markers), and the format is small and stable (sshd(8),
 * "SSH_KNOWN_HOSTS FILE FORMAT").
 */
export interface KnownHostEntry {
  keyType: string;
  keyBlob: Buffer;
  /** The line number, 1-based, for messages. */
  line: number;
}

/** `host` for port 22, `[host]:port` otherwise: how OpenSSH names a host in the file. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

/** All keys the file lists for this host and port; revoked keys and CA lines are skipped. */
export function findHostKeys(fileText: string, host: string, port: number): KnownHostEntry[] {
  const token = hostToken(host, port);
  const found: KnownHostEntry[] = [];
  const lines = fileText.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    if (fields[0]?.startsWith('@')) return; // @cert-authority / @revoked: not used for plain keys
    const [names, keyType, keyBase64] = fields;
    if (!names || !keyType || !keyBase64) return;
    if (!namesMatch(names, token)) return;
    const keyBlob = Buffer.from(keyBase64, 'base64');
    if (keyBlob.length === 0) return;
    found.push({ keyType, keyBlob, line: index + 1 });
  });
  return found;
}

/** A known_hosts line for a newly accepted key; the name is hashed, as HashKnownHosts does. */
export function formatEntry(host: string, port: number, keyType: string, keyBlob: Buffer): string {
  const salt = randomBytes(20);
  const hash = createHmac('sha1', salt).update(hostToken(host, port)).digest();
  return `|1|${salt.toString('base64')}|${hash.toString('base64')} ${keyType} ${keyBlob.toString('base64')}`;
}

function namesMatch(names: string, token: string): boolean {
  if (names.startsWith('|1|')) return hashedNameMatches(names, token);
  let matched = false;
  for (const pattern of names.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), token)) return false;
    } else if (globMatches(pattern, token)) {
      matched = true;
    }
  }
  return matched;
}

function hashedNameMatches(field: string, token: string): boolean {
  const [, , saltB64, hashB64] = field.split('|');
  if (!saltB64 || !hashB64) return false;
  const expected = createHmac('sha1', Buffer.from(saltB64, 'base64')).update(token).digest('base64');
  return expected === hashB64;
}

/** OpenSSH patterns: `*` any run, `?` one character, case-insensitive. */
function globMatches(pattern: string, token: string): boolean {
  const regex = new RegExp(
    '^' +
      pattern
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  return regex.test(token);
}
