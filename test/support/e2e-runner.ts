import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Dispatch, Project, Runner } from '@shared/contract';
import { launchBrowser, type LaunchedBrowser } from './browser';
import {
  createUpstreamRepo,
  fakeHomesPrelude,
  fakeHomesUnder,
  setAgentOutcome,
  type AgentOutcome,
  type FakeHomes,
} from './fake-cli/github-fixture';
import { installFakeClis } from './fake-cli/install';
import { startHeadlessHost, type RunningHost } from './headless-host';
import { startSshd, type Sshd } from './sshd';

export interface E2eRunner {
  sshd: Sshd;
  host: RunningHost;
  browser: LaunchedBrowser;
  /** This file's state directories of the fakes (pass them to the github-fixture helpers). */
  homes: FakeHomes;
  /** Sets what the fake agents do on their next runs. */
  outcome(value: AgentOutcome): void;
  /**
   * Adds, through the host, the default runner: the sshd's user with the fake CLIs, its workspace
   * and registry in this file's folder. `fields` adds to the runner or overrides.
   */
  addRunner(fields: Record<string, unknown>): Promise<Runner>;
  /** Adds, through the host, the project `api` on the upstream repository; `fields` adds or overrides. */
  addProject(fields?: Record<string, unknown>): Promise<Project>;
  /** Closes the browser, stops the host, removes this file's folder on the remote and stops the sshd. */
  close(): Promise<void>;
}

/**
 * What the browser tests that run tasks need: a real sshd with the fake agent CLIs, a real upstream
 * repository (acme/api) and the built headless host, with Chromium to open it. Test files run in
 * parallel as the same remote user: each one (`name`) keeps the fakes' state, the workspace and
 * the registry in a remote folder of its own.
 */
export async function startE2eRunner(
  name: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<E2eRunner> {
  const [sshd, host, browser] = await Promise.all([
    startSshd({ user: process.getuid?.() === 0 ? 'test-user' : 'self' }),
    startHeadlessHost(),
    launchBrowser(options),
  ]);
  const remoteRoot = join(sshd.home, `e2e-${name}-${randomBytes(4).toString('hex')}`);
  async function close(): Promise<void> {
    await browser.close();
    await host.stop();
    sshd.runAsUser(['rm', '-rf', remoteRoot]);
    await sshd.dispose();
  }
  try {
    const homes = fakeHomesUnder(remoteRoot);
    const prelude = `${installFakeClis(sshd, { dir: join(remoteRoot, 'bin') })}\n${fakeHomesPrelude(homes)}`;
    const upstream = createUpstreamRepo(sshd, { owner: 'acme', name: 'api', baseBranch: 'main' }, homes);
    return {
      sshd,
      host,
      browser,
      homes,
      outcome: (value) => setAgentOutcome(sshd, value, homes),
      addRunner: (fields) =>
        host.rpc<Runner>('runners.upsert', {
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
      addProject: (fields = {}) =>
        host.rpc<Project>('projects.upsert', {
          name: 'api',
          repoUrl: upstream.repoUrl,
          gitUrl: upstream.gitUrl,
          ...fields,
        }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits, outside a test (in a beforeAll), until the run reaches one of `statuses`; answers it. */
export async function waitForRun(
  e2e: Pick<E2eRunner, 'host'>,
  id: string,
  statuses: readonly Dispatch['status'][],
  timeoutMs = 60_000,
): Promise<Dispatch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await e2e.host.rpc<Dispatch>('dispatches.get', { id });
    if (statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
