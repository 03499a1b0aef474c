import { AppError } from './errors';

/**
 * Encrypts secrets at rest (runner passphrases). The desktop shell provides one backed by the
 * OS keychain (Electron's safeStorage); the headless host has none and stores them as plain
 * bytes in the database, readable only by the user (the data directory is 0700).
 */
export interface SecretCipher {
  readonly available: boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export const noSecretCipher: SecretCipher = {
  available: false,
  encrypt: () => {
    throw new Error('no cipher');
  },
  decrypt: () => {
    throw new Error('no cipher');
  },
};

export interface SecretBox {
  seal(plain: string): { value: Buffer; encrypted: boolean };
  open(stored: { value: Buffer; encrypted: boolean }, label: string): string;
}

export function createSecretBox(cipher: SecretCipher): SecretBox {
  return {
    seal(plain) {
      return cipher.available
        ? { value: cipher.encrypt(plain), encrypted: true }
        : { value: Buffer.from(plain, 'utf8'), encrypted: false };
    },
    open(stored, label) {
      if (!stored.encrypted) return stored.value.toString('utf8');
      if (!cipher.available) {
        throw new AppError(
          'PASSPHRASE_REQUIRED',
          `The stored passphrase of ${label} was encrypted by the desktop app and cannot be read here. Enter it again.`,
        );
      }
      try {
        return cipher.decrypt(stored.value);
      } catch {
        throw new AppError(
          'PASSPHRASE_REQUIRED',
          `The stored passphrase of ${label} cannot be decrypted any more. Enter it again.`,
        );
      }
    },
  };
}
