import { existsSync, readFileSync } from 'node:fs';
import { utils } from 'ssh2';
import type { Runner } from '@shared/contract';
import { AppError } from '../errors';
import { expandLocalHome } from './ssh-target';

/** What ssh2 needs to authenticate, read fresh for each connection attempt. */
export interface Credentials {
  privateKey?: Buffer;
  passphrase?: string;
  agent?: string;
  /** Extra keys from ~/.ssh/config IdentityFile, tried when no key is configured on the runner. */
  identityFiles: string[];
}

export interface SecretSource {
  passphrase(runnerId: string): string | null;
  importedKeyFile(runnerId: string): string;
}

/**
 * Loads the runner's key and checks it can be decrypted before anything is sent, so a missing
 * or wrong passphrase is reported as such (PASSPHRASE_REQUIRED) rather than as a refused login.
 */
export function loadCredentials(
  runner: Runner,
  secrets: SecretSource,
  identityFiles: string[],
  env: NodeJS.ProcessEnv = process.env,
): Credentials {
  const agent = env.SSH_AUTH_SOCK || undefined;
  if (runner.auth.kind === 'agent') {
    if (!agent && identityFiles.length === 0) {
      throw new AppError(
        'RUNNER_NOT_CONFIGURED',
        `${runner.name} authenticates with ssh-agent, but SSH_AUTH_SOCK is not set. Start an agent ` +
          `and add your key (ssh-add), or give the runner a key file.`,
      );
    }
    return { agent, identityFiles };
  }
  const keyPath =
    runner.auth.kind === 'keyFile'
      ? expandLocalHome(runner.auth.keyPath)
      : secrets.importedKeyFile(runner.id);
  if (!existsSync(keyPath)) {
    throw new AppError(
      'RUNNER_NOT_CONFIGURED',
      runner.auth.kind === 'keyFile'
        ? `The key file ${keyPath} of ${runner.name} does not exist. Fix the path on the Runners page.`
        : `${runner.name} has no imported key any more. Import the key again on the Runners page.`,
    );
  }
  const privateKey = readFileSync(keyPath);
  const passphrase = secrets.passphrase(runner.id) ?? undefined;
  assertKeyOpens(privateKey, passphrase, runner.name, 'auth');
  return { privateKey, passphrase, identityFiles: [] };
}

/**
 * Throws PASSPHRASE_REQUIRED for a key that needs a (different) passphrase, or VALIDATION_FAILED
 * naming `field` (the input the key came from) for one that cannot be read at all.
 */
export function assertKeyOpens(
  privateKey: Buffer | string,
  passphrase: string | undefined,
  label: string,
  field: string,
): void {
  const parsed = utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    const message = parsed.message;
    if (/encrypted|passphrase|bad decrypt/i.test(message)) {
      throw new AppError(
        'PASSPHRASE_REQUIRED',
        passphrase
          ? `The passphrase stored for ${label}'s key is wrong. Enter it again.`
          : `${label}'s key is protected by a passphrase. Enter it to connect.`,
      );
    }
    throw new AppError('VALIDATION_FAILED', `${label}'s key cannot be read: ${message}`, field);
  }
}
