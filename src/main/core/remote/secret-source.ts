import { join } from 'node:path';
import type { Repositories } from '../repositories';
import { runnerSecretNames } from '../runner-secrets';
import type { SecretSource } from './credentials';

/** Imported keys live as 0600 files in the data directory; passphrases in the secrets table. */
export function importedKeyPath(dataDir: string, runnerId: string): string {
  return join(dataDir, 'keys', `${runnerId}.key`);
}

export function createSecretSource(secrets: Repositories['secrets'], dataDir: string): SecretSource {
  return {
    passphrase(runnerId) {
      const stored = secrets.get(runnerSecretNames(runnerId).passphrase);
      return stored ? stored.value.toString('utf8') : null;
    },
    importedKeyFile: (runnerId) => importedKeyPath(dataDir, runnerId),
  };
}
