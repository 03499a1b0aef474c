import type { Dispatch, Project, Runner } from '@shared/contract';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { setAgentOutcome, type AgentOutcome, type FakeHomes } from './fake-cli/github-fixture';
import { startHeadlessHost, type RunningHost } from './headless-host';
import { prepareRemote } from './remote-setup';
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
 * repository (acme/api) and the built headless host, with Chromium to open it.
 */
export async function startE2eRunner(
  name: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<E2eRunner> {
  const [sshd, host, browser] = await Promise.all([startSshd(), startHeadlessHost(), launchBrowser(options)]);
  let remoteRoot: string | null = null;
  async function close(): Promise<void> {
    await browser.close();
    await host.stop();
    if (remoteRoot) sshd.runAsUser(['rm', '-rf', remoteRoot]);
    await sshd.dispose();
  }
  try {
    const remote = prepareRemote(sshd, `e2e-${name}`);
    remoteRoot = remote.remoteRoot;
    return {
      sshd,
      host,
      browser,
      homes: remote.homes,
      outcome: (value) => setAgentOutcome(sshd, value, remote.homes),
      addRunner: (fields) =>
        host.rpc<Runner>(
          'runners.upsert',
          remote.runnerInput(fields as Parameters<typeof remote.runnerInput>[0]),
        ),
      addProject: (fields = {}) => host.rpc<Project>('projects.upsert', remote.projectInput(fields)),
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

/** Cancels the runs still going (of one task, when named) so none outlives a test; failures are ignored. */
export async function cancelActiveRuns(host: Pick<RunningHost, 'rpc'>, taskId?: string): Promise<void> {
  const active = await host
    .rpc<{ items: Dispatch[] }>('dispatches.list', { activeOnly: true, limit: 1000 })
    .then((page) => page.items)
    .catch(() => [] as Dispatch[]);
  for (const run of active) {
    if (taskId === undefined || run.taskId === taskId)
      await host.rpc('dispatches.cancel', { dispatchId: run.id }).catch(() => null);
  }
}
