import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ChannelInput } from '@shared/contract';
import {
  createUpstreamRepo,
  fakeHomesPrelude,
  fakeHomesUnder,
  type FakeHomes,
} from './fake-cli/github-fixture';
import { installFakeClis } from './fake-cli/install';
import type { Sshd } from './sshd';

type RunnerInput = ChannelInput<'runners.upsert'>;
type ProjectInput = ChannelInput<'projects.upsert'>;

/** A fixture's own remote folder on the sshd: the fakes' state, the workspace and the registry. */
export interface RemoteSetup {
  remoteRoot: string;
  homes: FakeHomes;
  /** The runner to add: the sshd's user with the fake CLIs, the default; `fields` add or override. */
  runnerInput(fields: Partial<RunnerInput> & Pick<RunnerInput, 'name'>): RunnerInput;
  /** The project `api` on the upstream repository; `fields` add or override. */
  projectInput(fields?: Partial<ProjectInput>): ProjectInput;
}

/**
 * Installs the fake agent CLIs and an upstream repository (acme/api) in a remote folder of the
 * fixture's own, named `<prefix>-<random>`: test files run in parallel as the same remote user.
 */
export function prepareRemote(sshd: Sshd, prefix: string): RemoteSetup {
  const remoteRoot = join(sshd.home, `${prefix}-${randomBytes(4).toString('hex')}`);
  const homes = fakeHomesUnder(remoteRoot);
  const prelude = `${installFakeClis(sshd, { dir: join(remoteRoot, 'bin') })}\n${fakeHomesPrelude(homes)}`;
  const upstream = createUpstreamRepo(sshd, { owner: 'acme', name: 'api', baseBranch: 'main' }, homes);
  return {
    remoteRoot,
    homes,
    runnerInput: (fields) => ({
      host: sshd.host,
      port: sshd.port,
      user: sshd.username,
      auth: { kind: 'keyFile', keyPath: sshd.userKey.privateKeyPath },
      shellPrelude: prelude,
      workspaceRoot: join(remoteRoot, 'sortie'),
      registryPath: join(remoteRoot, 'sortie', 'registry.json'),
      isDefault: true,
      ...fields,
    }),
    projectInput: (fields = {}) => ({
      name: 'api',
      repoUrl: upstream.repoUrl,
      gitUrl: upstream.gitUrl,
      ...fields,
    }),
  };
}
