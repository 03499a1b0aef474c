import type { Dispatch } from '@shared/contract';
import { isActiveDispatch, LAUNCH_PHASE_LABELS, type LaunchPhase } from '@shared/domain/dispatch';
import { adapterFor } from '../../agents';
import { isoNow, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import {
  composeLauncher,
  ensureCheckout,
  githubLogin,
  LAUNCHER_SCRIPT,
  launchRun,
  makeRunDir,
  readRegistry,
  RUN_FILES,
  stopRuns,
  writeRegistry,
  type RemoteHost,
  type RemotePool,
} from '../../remote';
import type { Repositories } from '../../repositories';
import { planLaunch } from './launch-plan';
import type { DispatchRecorder } from './recorder';
import { DEFAULT_LIMITS, runDeadline } from './run-limits';
import type { StartGate } from './start-gate';

export interface LaunchDeps {
  repos: Repositories;
  recorder: DispatchRecorder;
  pool: RemotePool;
  clock: Clock;
  logger: Logger;
  /**
   * Per runner: the registry and each project's checkout are shared by every run on it, so the
   * steps that read and change them never overlap.
   */
  workspaceGate: StartGate;
}

/** Thrown inside a phase when the run stopped being active (canceled meanwhile): stop quietly. */
class Stopped extends Error {}

/**
 * Takes a queued run (a task run or a review run: planLaunch says what differs) through the
 * launch phases (BEHAVIOR items 4 and 11). Before each phase the run is
 * re-read and the launch stops quietly if it was canceled; any error fails the run with the
 * phase it happened in. Resolves when the agent has been started (or the launch ended).
 */
export async function launchDispatch(deps: LaunchDeps, dispatchId: string): Promise<void> {
  const { repos, recorder, pool, clock } = deps;
  let phase: LaunchPhase = 'check-prerequisites';

  const enter = (next: LaunchPhase): Dispatch => {
    const current = repos.dispatches.get(dispatchId);
    if (!current || !isActiveDispatch(current.status)) throw new Stopped();
    phase = next;
    const now = isoNow(clock);
    const updated = recorder.update(dispatchId, {
      status: 'preparing',
      phase: next,
      phaseStartedAt: now,
      startedAt: current.startedAt ?? now,
      summary: `${LAUNCH_PHASE_LABELS[next]}…`,
      errorText: '',
    });
    recorder.note(dispatchId, 'phase', { phase: next, label: LAUNCH_PHASE_LABELS[next] });
    return updated;
  };

  try {
    let dispatch = enter('check-prerequisites');
    const plan = planLaunch(repos, dispatch);
    const { runner, checkout } = plan;
    const remote: RemoteHost = pool.host(runner);
    const root = runner.workspaceRoot;

    dispatch = await deps.workspaceGate.run(runner.id, async () => {
      enter('load-registry');
      const registry = await readRegistry(remote, runner.registryPath);

      enter('check-github');
      const login = await githubLogin(remote);

      enter('ensure-checkout');
      const fork = await ensureCheckout(remote, { workspaceRoot: root, ...plan.source, checkout, login });

      // A review workspace (a repository no project has) is Sortie's own: it is not registered.
      if (plan.registryName !== null) {
        enter('save-registry');
        registry.projects[plan.registryName] = {
          checkoutPath: checkout,
          forkGitUrl: fork,
          repoUrl: plan.source.repoUrl,
          gitUrl: plan.source.gitUrl,
          baseBranch: plan.source.baseBranch,
          updatedAt: isoNow(clock),
        };
        await writeRegistry(remote, runner.registryPath, registry);
      }

      const current = enter('prepare-worktree');
      await plan.prepareWorktree(remote, root);
      return current;
    });

    dispatch = enter('upload-prompt');
    const prompt = plan.prompt();
    repos.dispatches.setPrompt(dispatchId, prompt, plan.resultSchema);
    const adapter = adapterFor(dispatch.agent);
    const launcher = composeLauncher(
      runner.shellPrelude,
      adapter.launchFragment,
      LAUNCHER_SCRIPT,
      dispatch.kind,
    );
    await makeRunDir(remote, root, dispatch.runDir);
    await Promise.all([
      remote.upload(`${dispatch.runDir}/${RUN_FILES.prompt}`, prompt, { mode: 0o600 }),
      remote.upload(`${dispatch.runDir}/${RUN_FILES.schema}`, plan.resultSchema, { mode: 0o600 }),
      remote.upload(`${dispatch.runDir}/${RUN_FILES.launcher}`, launcher, { mode: 0o700 }),
    ]);

    enter('launch');
    let launched;
    try {
      launched = await launchRun(remote, root, dispatch.runDir, dispatch.worktreePath);
    } catch (error) {
      // The launcher may have started before the connection broke: leave the run preparing, so
      // reconciliation finds out what happened (running, or abandoned after 30 minutes).
      recorder.note(dispatchId, 'note', {
        level: 'warning',
        text: `The launch answer was lost (${error instanceof Error ? error.message : String(error)}); the run's state is read from the runner once it answers.`,
      });
      return;
    }
    if (!launched.started) throw launched.error;

    const after = repos.dispatches.get(dispatchId);
    if (!after || !isActiveDispatch(after.status)) {
      // Canceled while the launch command was on its way: stop what it started.
      await stopRuns(remote, root, [dispatch.runDir], 'canceled').catch(() => undefined);
      return;
    }
    if (after.status === 'preparing') {
      recorder.update(dispatchId, {
        status: 'running',
        summary: 'The agent is working.',
        deadlineAt: runDeadline(plan.project ?? DEFAULT_LIMITS, clock.now()),
      });
    }
    // Closes the launch timeline: what follows is the agent's own time.
    recorder.note(dispatchId, 'phase', { phase: 'running', label: 'Agent started' });
  } catch (error) {
    if (error instanceof Stopped) return;
    const current = repos.dispatches.get(dispatchId);
    if (!current || !isActiveDispatch(current.status)) return;
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn('launch failed', { dispatchId, phase, error: message });
    recorder.update(dispatchId, {
      status: 'failed',
      summary: `Failed while ${LAUNCH_PHASE_LABELS[phase].toLowerCase()}.`,
      errorText: message,
      finishedAt: isoNow(clock),
    });
    recorder.note(dispatchId, 'note', {
      level: 'error',
      phase,
      text: error instanceof AppError ? `${error.code}: ${message}` : message,
    });
  }
}
