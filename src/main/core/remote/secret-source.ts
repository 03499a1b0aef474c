import { join } from 'node:path';
import type { Repositories } from '../repositories';
import { runnerSecretNames } from '../runner-secrets';
import type { SecretSource } from './credentials';
import type { SecretBox } from '../secret-cipher';

/** Imported keys live as 0600 files in the data directory; passphrases in the secrets table. */
export function importedKeyPath(dataDir: string, runnerId: string): string {
  return join(dataDir, 'keys', `${runnerId}.key`);
}

export function createSecretSource(
  secrets: Repositories['secrets'],
  dataDir: string,
  box: SecretBox,
): SecretSource {
  return {
    passphrase(runnerId) {
      const stored = secrets.get(runnerSecretNames(runnerId).passphrase);
      return stored ? box.open(stored, 'this runner') : null;
    },
    importedKeyFile: (runnerId) => importedKeyPath(dataDir, runnerId),
  };
}
