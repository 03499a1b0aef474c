import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApi } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
import type { SecretCipher } from '../../../src/main/core/secret-cipher';
import { makeTempDir } from '../../support/temp-dir';

// Stands in for Electron's safeStorage (the OS keychain), which cannot run here: AES-GCM with a
// key held in memory, like the keychain holds safeStorage's.
function testCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    available: true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  core?.close();
  dir.remove();
});

/** A key file on this computer: saving a runner checks that its key file exists and can be read. */
function keyFile(): string {
  const path = join(dir.path, 'id_test');
  writeFileSync(path, 'a private key\n', { mode: 0o600 });
  return path;
}

function storedSecrets(): { name: string; value: Buffer; encrypted: number }[] {
  const db = new Database(join(dir.path, 'sortie.db'), { readonly: true });
  try {
    return db.prepare('SELECT name, value, encrypted FROM secrets').all() as never;
  } finally {
    db.close();
  }
}

it('keeps a runner passphrase encrypted in the database when the platform can, and still uses it', async () => {
  const cipher = testCipher();
  core = createCore({ dataDir: dir.path, secretCipher: cipher, env: {} });
  const router = createApi(core);
  const result = await router.call('runners.upsert', {
    name: 'box',
    host: 'box.invalid',
    auth: { kind: 'keyFile', keyPath: keyFile(), passphrase: 'correct horse battery' },
  });
  expect(result.ok).toBe(true);
  const [secret] = storedSecrets();
  expect(secret?.encrypted).toBe(1);
  expect(secret?.value.toString('latin1')).not.toContain('correct horse');
  const runnerId = (result as { value: { id: string } }).value.id;
  const { createSecretSource } = await import('../../../src/main/core/remote/secret-source');
  const { createSecretBox } = await import('../../../src/main/core/secret-cipher');
  expect(createSecretSource(core.repos.secrets, dir.path, createSecretBox(cipher)).passphrase(runnerId)).toBe(
    'correct horse battery',
  );
  // Without the keychain (e.g. the headless host on the same data) it asks for the passphrase again.
  expect(() =>
    createSecretSource(
      core.repos.secrets,
      dir.path,
      createSecretBox({ ...cipher, available: false }),
    ).passphrase(runnerId),
  ).toThrow(/cannot be read here/);
});

it('stores it as plain bytes when no encryption is available', async () => {
  core = createCore({ dataDir: dir.path, env: {} });
  await createApi(core).call('runners.upsert', {
    name: 'box',
    host: 'box.invalid',
    auth: { kind: 'keyFile', keyPath: keyFile(), passphrase: 'pw' },
  });
  expect(storedSecrets()[0]).toMatchObject({ encrypted: 0 });
});
