import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findHostKeys, formatEntry, hostToken } from '../../../src/main/core/remote/host-keys/known-hosts';
import { fingerprintOf, keyTypeOf } from '../../../src/main/core/remote/host-keys/fingerprint';

function blob(type: string, body: string): Buffer {
  const typeBytes = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(typeBytes.length);
  return Buffer.concat([len, typeBytes, Buffer.from(body)]);
}
const ed = blob('ssh-ed25519', 'key-one');
const rsa = blob('ssh-rsa', 'key-two');
const line = (names: string, key: Buffer, type = keyTypeOf(key)) =>
  `${names} ${type} ${key.toString('base64')}`;

function hashed(token: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(token).digest('base64')}`;
}

describe('known_hosts reading', () => {
  it('finds plain names, [host]:port names and comma lists, ignoring case', () => {
    const text = [
      line('build.example,10.0.0.5', ed),
      line('[Build.Example]:2222', rsa),
      '# comment',
      '',
    ].join('\n');
    expect(findHostKeys(text, 'build.example', 22).map((k) => k.keyType)).toEqual(['ssh-ed25519']);
    expect(findHostKeys(text, '10.0.0.5', 22)).toHaveLength(1);
    expect(findHostKeys(text, 'BUILD.example', 2222).map((k) => k.keyType)).toEqual(['ssh-rsa']);
    expect(findHostKeys(text, 'build.example', 2200)).toEqual([]);
  });

  it('finds hashed names, as HashKnownHosts writes them', () => {
    const text = [line(hashed('[box]:2222'), ed), line(hashed('other'), rsa)].join('\n');
    expect(findHostKeys(text, 'box', 2222).map((k) => k.keyBlob)).toEqual([ed]);
    expect(findHostKeys(text, 'box', 22)).toEqual([]);
  });

  it('honours wildcards and negated patterns, and skips revoked and CA lines', () => {
    const text = [
      line('*.lab.example,!secret.lab.example', ed),
      `@revoked box.lab.example ssh-rsa ${rsa.toString('base64')}`,
      `@cert-authority *.lab.example ssh-rsa ${rsa.toString('base64')}`,
    ].join('\n');
    expect(findHostKeys(text, 'box.lab.example', 22).map((k) => k.keyType)).toEqual(['ssh-ed25519']);
    expect(findHostKeys(text, 'secret.lab.example', 22)).toEqual([]);
  });

  it('writes hashed entries it can read back, without naming the host in clear', () => {
    const entry = formatEntry('Box', 2222, 'ssh-ed25519', ed);
    expect(entry).not.toMatch(/box/i);
    expect(findHostKeys(entry, 'box', 2222).map((k) => k.keyBlob)).toEqual([ed]);
    expect(hostToken('Box', 22)).toBe('box');
  });

  it('prints fingerprints the way ssh-keygen does', () => {
    expect(fingerprintOf(ed)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
