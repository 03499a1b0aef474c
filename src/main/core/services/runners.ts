import type { Runner, runnerUpsertInput } from '@shared/contract';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';
import { AppError, notFound } from '../errors';

export interface RunnerServiceDeps {
  repos: Pick<Repositories, 'runners' | 'secrets'>;
  bus: EventBus;
}

export type RunnerService = ReturnType<typeof createRunnerService>;

/** Secret names are derived from the runner id; the renderer only ever sees `hasPassphrase`. */
export const runnerSecretNames = (runnerId: string) => ({
  passphrase: `runner:${runnerId}:passphrase`,
  importedKey: `runner:${runnerId}:key`,
});

export function createRunnerService({ repos, bus }: RunnerServiceDeps) {
  return {
    list: (): Runner[] => repos.runners.list(),

    upsert(input: z.output<typeof runnerUpsertInput>): Runner {
      const { id, auth, ...fields } = input;
      const existing = id === undefined ? null : repos.runners.get(id);
      if (id !== undefined && !existing) throw notFound('Runner', id);

      let storedAuth: Runner['auth'];
      let passphraseChange: string | undefined;
      if (auth.kind === 'keyFile') {
        passphraseChange = auth.passphrase;
        const keptPassphrase =
          existing?.auth.kind === 'keyFile' || existing?.auth.kind === 'importedKey'
            ? existing.auth.hasPassphrase
            : false;
        storedAuth = {
          kind: 'keyFile',
          keyPath: auth.keyPath,
          hasPassphrase: passphraseChange === undefined ? keptPassphrase : passphraseChange !== '',
        };
      } else if (auth.kind === 'importedKey') {
        if (!existing || !repos.secrets.get(runnerSecretNames(existing.id).importedKey)) {
          throw new AppError(
            'VALIDATION_FAILED',
            'auth: import a private key for this runner before choosing the imported key',
            'auth',
          );
        }
        storedAuth = {
          kind: 'importedKey',
          hasPassphrase: existing.auth.kind !== 'agent' && existing.auth.hasPassphrase,
        };
      } else {
        storedAuth = { kind: 'agent' };
      }

      const write = { ...fields, auth: storedAuth };
      const runner = existing ? repos.runners.update(existing.id, write) : repos.runners.create(write);
      const names = runnerSecretNames(runner.id);
      if (passphraseChange !== undefined) {
        if (passphraseChange === '') repos.secrets.remove(names.passphrase);
        else repos.secrets.set(names.passphrase, Buffer.from(passphraseChange, 'utf8'), false);
      }
      publishAll(repos.runners.list());
      return runner;
    },

    remove(id: string): { removed: true } {
      if (!repos.runners.get(id)) throw notFound('Runner', id);
      repos.runners.remove(id);
      repos.secrets.removePrefix(`runner:${id}:`);
      bus.publish('runner.changed', { runnerId: id, runner: null });
      // Removing the default runner may have promoted another one.
      publishAll(repos.runners.list());
      return { removed: true };
    },
  };

  // Default-runner changes touch several rows, so every runner is re-sent; there are few.
  function publishAll(runners: Runner[]) {
    for (const runner of runners) bus.publish('runner.changed', { runnerId: runner.id, runner });
  }
}
