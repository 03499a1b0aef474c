import type { Server } from 'node:http';
import { isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Decides which `Host` headers the host answers. A browser page on another site whose name
 * was re-pointed at this machine (DNS rebinding) sends its own name as Host, so answering
 * only the names the host listens on keeps such pages out even before the token is checked.
 *
 * Allowed: the address it listens on; 127.0.0.1, localhost and [::1] when that address is a
 * loopback one; every interface address when it listens on all of them (0.0.0.0 or ::); and
 * each name it was given (`--host`, `--allow-host`) — always with the port it listens on.
 * The port is known only once it listens (port 0 picks one), so the set is made on first use.
 */
export function createHostCheck(
  server: Pick<Server, 'address'>,
  givenNames: readonly string[],
): (host: string | undefined) => boolean {
  let allowed: Set<string> | null = null;

  function allowedSet(): Set<string> | null {
    if (allowed) return allowed;
    const address = server.address();
    if (address === null || typeof address === 'string') return null;
    const names = [...givenNames, ...namesForAddress(address.address)].map(normaliseName);
    allowed = new Set(names.map((name) => `${name}:${address.port}`));
    return allowed;
  }

  return (host) => {
    const set = allowedSet();
    const wanted = host === undefined ? null : normaliseHostHeader(host);
    return set !== null && wanted !== null && set.has(wanted);
  };
}

function namesForAddress(address: string): string[] {
  if (isLoopback(address)) return [address, ...LOOPBACK_NAMES];
  if (address === '0.0.0.0' || address === '::') {
    const interfaces = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
    return [...LOOPBACK_NAMES, ...interfaces.map((info) => info.address)];
  }
  return [address];
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** Lower case, IPv6 literals in brackets (as they appear in a Host header). */
function normaliseName(name: string): string {
  const lower = name.trim().toLowerCase();
  return isIPv6(lower) ? `[${lower}]` : lower;
}

/** `name:port` from a Host header (port 80 when it names none), or null when it is not a plain host. */
function normaliseHostHeader(header: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(header.trim().toLowerCase());
  if (!match) return null;
  return `${match[1]}:${Number(match[2] ?? '80')}`;
}
