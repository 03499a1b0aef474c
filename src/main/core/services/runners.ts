import { testedSettings } from './runner-test-scope';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Runner, runnerImportKeyInput, runnerUpsertInput } from '@shared/contract';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';
import { AppError, notFound, validationFailed, type FieldProblem } from '../errors';
import { runnerSecretNames } from '../runner-secrets';
import type { SecretBox } from '../secret-cipher';
import { keyFileProblem } from './key-file-check';
import { assertKeyOpens, registryClashesWithLayout, type KnownHostsStore, type RemotePool } from '../remote';

export interface RunnerServiceDeps {
  repos: Pick<Repositories, 'runners' | 'secrets' | 'dispatches'>;
  bus: EventBus;
  /** Where an imported key of a runner is kept (a 0600 file in the data directory). */
  importedKeyPath(runnerId: string): string;
  knownHosts: KnownHostsStore;
  pool: RemotePool;
  secretBox: SecretBox;
}

export type RunnerService = ReturnType<typeof createRunnerService>;

export function createRunnerService({
  repos,
  bus,
  importedKeyPath,
  knownHosts,
  pool,
  secretBox,
}: RunnerServiceDeps) {
  const storePassphrase = (name: string, passphrase: string) => {
    const sealed = secretBox.seal(passphrase);
    repos.secrets.set(name, sealed.value, sealed.encrypted);
  };
  return {
    list: (): Runner[] => repos.runners.list(),

    upsert(input: z.output<typeof runnerUpsertInput>): Runner {
      const { id, auth, ...fields } = input;
      const existing = id === undefined ? null : repos.runners.get(id);
      if (id !== undefined && !existing) throw notFound('Runner', id);
      if (existing && existing.workspaceRoot !== fields.workspaceRoot && hasRunsOn(existing.id)) {
        // Runs keep their paths under the root they started in; cancel and cleanup need it.
        throw new AppError(
          'CONFLICT',
          `workspaceRoot: ${existing.name} has runs that are queued, going or released; change its workspace root once they end.`,
          'workspaceRoot',
        );
      }
      const problems = inputProblems(input, existing);
      if (problems.length > 0) throw validationFailed(problems);

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
        // inputProblems refused an imported key to a runner that has none, so `existing` is set.
        storedAuth = {
          kind: 'importedKey',
          hasPassphrase: existing !== null && existing.auth.kind !== 'agent' && existing.auth.hasPassphrase,
        };
      } else {
        storedAuth = { kind: 'agent' };
      }

      const write = { ...fields, auth: storedAuth };
      const runner = existing ? repos.runners.update(existing.id, write) : repos.runners.create(write);
      // The last test describes how the runner connected then; after such a change it is stale.
      if (existing && (passphraseChange !== undefined || connectsDifferently(existing, runner))) {
        repos.runners.clearTest(runner.id);
      }
      const names = runnerSecretNames(runner.id);
      if (passphraseChange !== undefined) {
        if (passphraseChange === '') repos.secrets.remove(names.passphrase);
        else storePassphrase(names.passphrase, passphraseChange);
      }
      // A refused passphrase or login may be what the user just fixed.
      pool.clearFailure(runner.id);
      publishAll(repos.runners.list());
      return runner;
    },

    importKey(input: z.output<typeof runnerImportKeyInput>): Runner {
      const runner = repos.runners.get(input.id);
      if (!runner) throw notFound('Runner', input.id);
      const passphrase = input.passphrase || undefined;
      // Refuses a key that needs a passphrase it was not given, before anything is stored.
      assertKeyOpens(input.privateKey, passphrase, runner.name, 'privateKey');
      const file = importedKeyPath(runner.id);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, input.privateKey.endsWith('\n') ? input.privateKey : input.privateKey + '\n', {
        mode: 0o600,
      });
      chmodSync(file, 0o600);
      const names = runnerSecretNames(runner.id);
      repos.secrets.set(names.importedKey, Buffer.from(file, 'utf8'), false);
      if (passphrase) storePassphrase(names.passphrase, passphrase);
      else repos.secrets.remove(names.passphrase);
      const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = runner;
      const updated = repos.runners.update(runner.id, {
        ...fields,
        auth: { kind: 'importedKey', hasPassphrase: passphrase !== undefined },
      });
      repos.runners.clearTest(runner.id);
      publishAll(repos.runners.list());
      return updated;
    },

    forgetHostKey(id: string): { removedEntries: number } {
      const runner = repos.runners.get(id);
      if (!runner) throw notFound('Runner', id);
      const target = pool.targetOf(runner);
      pool.forget(id);
      return { removedEntries: knownHosts.forget(target.hostName, target.port) };
    },

    remove(id: string): { removed: true } {
      if (!repos.runners.get(id)) throw notFound('Runner', id);
      repos.runners.remove(id);
      repos.secrets.removePrefix(`runner:${id}:`);
      rmSync(importedKeyPath(id), { force: true });
      pool.forget(id);
      bus.publish('runner.changed', { runnerId: id, runner: null });
      // Removing the default runner may have promoted another one.
      publishAll(repos.runners.list());
      return { removed: true };
    },
  };

  /**
   * What is wrong with an input the contract accepted, all of it at once: what only the core can
   * see (this computer's files, the stored key) or what takes two fields to tell.
   */
  function inputProblems(input: z.output<typeof runnerUpsertInput>, existing: Runner | null): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (registryClashesWithLayout(input.workspaceRoot, input.registryPath)) {
      problems.push({
        field: 'registryPath',
        message: `${input.registryPath} lies in a folder Sortie keeps projects or reviews in; put the registry elsewhere (e.g. ${input.workspaceRoot}/registry.json).`,
      });
    }
    if (input.auth.kind === 'keyFile') {
      const problem = keyFileProblem(input.auth.keyPath);
      if (problem !== null) problems.push({ field: 'auth.keyPath', message: `${problem}.` });
    }
    if (
      input.auth.kind === 'importedKey' &&
      (!existing || !repos.secrets.get(runnerSecretNames(existing.id).importedKey))
    ) {
      problems.push({
        field: 'auth',
        message: 'import a private key for this runner before choosing the imported key',
      });
    }
    return problems;
  }

  /** Whether a test of `before` says nothing about `after`: what it reaches or runs there changed. */
  function connectsDifferently(before: Runner, after: Runner): boolean {
    return testedSettings(before) !== testedSettings(after);
  }

  function hasRunsOn(runnerId: string): boolean {
    return (
      repos.dispatches.countBusy(runnerId) > 0 ||
      repos.dispatches.listQueued().some((run) => run.runnerId === runnerId)
    );
  }

  // Default-runner changes touch several rows, so every runner is re-sent; there are few.
  function publishAll(runners: Runner[]) {
    for (const runner of runners) bus.publish('runner.changed', { runnerId: runner.id, runner });
  }
}
