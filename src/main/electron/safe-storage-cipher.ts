import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/secret-cipher';

/**
 * Secrets at rest through the OS keychain. On Linux without a keyring Electron falls back to a
 * fixed key ('basic_text'), which protects nothing: then `weak` is true and the user is told.
 */
export function safeStorageCipher(platform: NodeJS.Platform): SecretCipher & { weak: boolean } {
  const available = safeStorage.isEncryptionAvailable();
  const weak =
    !available || (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  return {
    available,
    weak,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
