import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { findHostKeys, formatEntry, type KnownHostEntry } from './known-hosts';

/** The app's own known_hosts file (OpenSSH format), kept in the data directory. */
export interface KnownHostsStore {
  readonly file: string;
  lookup(host: string, port: number): KnownHostEntry[];
  record(host: string, port: number, keyType: string, keyBlob: Buffer): void;
}

export function createKnownHostsStore(file: string): KnownHostsStore {
  const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  return {
    file,
    lookup: (host, port) => findHostKeys(read(), host, port),
    record(host, port, keyType, keyBlob) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const text = read();
      const separator = text === '' || text.endsWith('\n') ? '' : '\n';
      appendFileSync(file, separator + formatEntry(host, port, keyType, keyBlob) + '\n', { mode: 0o600 });
    },
  };
}
