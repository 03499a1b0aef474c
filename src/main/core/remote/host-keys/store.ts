import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { findHostKeys, formatEntry, type KnownHostEntry } from './known-hosts';

/** The app's own known_hosts file (OpenSSH format), kept in the data directory. */
export interface KnownHostsStore {
  readonly file: string;
  lookup(host: string, port: number): KnownHostEntry[];
  record(host: string, port: number, keyType: string, keyBlob: Buffer): void;
  /** Removes every line naming this host and port; returns how many. */
  forget(host: string, port: number): number;
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
    forget(host, port) {
      const text = read();
      const drop = new Set(findHostKeys(text, host, port).map((entry) => entry.line));
      if (drop.size === 0) return 0;
      const kept = text.split('\n').filter((_, index) => !drop.has(index + 1));
      // Written aside and renamed, so a crash never leaves a half-written file.
      writeFileSync(`${file}.tmp`, kept.join('\n'), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      return drop.size;
    },
  };
}
