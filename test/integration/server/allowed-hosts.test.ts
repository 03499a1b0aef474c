import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createHostCheck } from '../../../src/main/server/allowed-hosts';

/** A server as the check sees it: only its listening address matters. */
function listeningOn(address: string, port: number) {
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  return { address: (): AddressInfo => ({ address, port, family }) };
}

describe('allowed Host headers', () => {
  it('on loopback: the loopback names with its port, in any case; nothing else', () => {
    const allowed = createHostCheck(listeningOn('127.0.0.1', 7311), ['127.0.0.1']);
    for (const host of ['127.0.0.1:7311', 'localhost:7311', 'LocalHost:7311', '[::1]:7311']) {
      expect(allowed(host), host).toBe(true);
    }
    for (const host of [
      undefined,
      '',
      'evil.example:7311',
      'evil.example',
      '127.0.0.1',
      '127.0.0.1:7312',
      'localhost.evil.example:7311',
      '127.0.0.1:7311@evil.example',
      'evil.example/127.0.0.1:7311',
    ]) {
      expect(allowed(host), String(host)).toBe(false);
    }
  });

  it('on port 80 a Host without a port means that port', () => {
    const allowed = createHostCheck(listeningOn('::1', 80), ['::1']);
    expect(allowed('localhost')).toBe(true);
    expect(allowed('[::1]')).toBe(true);
    expect(allowed('[::1]:80')).toBe(true);
  });

  it('on one address: that address and the names given, not the loopback names', () => {
    const allowed = createHostCheck(listeningOn('192.0.2.10', 7311), ['sortie.lan']);
    expect(allowed('192.0.2.10:7311')).toBe(true);
    expect(allowed('sortie.lan:7311')).toBe(true);
    expect(allowed('localhost:7311')).toBe(false);
    expect(allowed('evil.example:7311')).toBe(false);
  });

  it('on every interface: each interface address, and still no other name', () => {
    const allowed = createHostCheck(listeningOn('0.0.0.0', 7311), ['0.0.0.0']);
    const addresses = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .map((info) => (info.family === 'IPv6' ? `[${info.address}]` : info.address));
    for (const address of addresses) expect(allowed(`${address}:7311`), address).toBe(true);
    expect(allowed('localhost:7311')).toBe(true);
    expect(allowed('evil.example:7311')).toBe(false);
  });

  it('refuses everything until the server listens', () => {
    const allowed = createHostCheck({ address: () => null }, ['127.0.0.1']);
    expect(allowed('127.0.0.1:7311')).toBe(false);
  });
});
