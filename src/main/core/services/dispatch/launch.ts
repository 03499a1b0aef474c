import type { Dispatch } from '@shared/contract';
import { isActiveDispatch, LAUNCH_PHASE_LABELS, type LaunchPhase } from '@shared/domain/dispatch';
import { adapterFor } from '../../agents';
import { isoNow, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import {
  composeLauncher,
  LAUNCHER_SCRIPT,
  RUN_FILES,
  startRun,
  stopRuns,
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
  /**
   * The launch's answer was lost once Sortie had said `go`: whether its agent started is for the
   * runner's run directory to tell, at once (the run monitor's launchAnswerLost).
   */
  onAnswerLost(dispatchId: string): void;
}

/** Thrown inside a phase when the run stopped being active (canceled meanwhile): stop quietly. */
class Stopped extends Error {}

/**
 * Takes a queued run (a task run or a review run: planLaunch says what differs) through the
 * launch phases (BEHAVIOR items 4 and 11), all remote ones in one supervised request. As each
 * phase begins on the runner the run is re-read; a run canceled meanwhile, or when `stop` is
 * aborted, stops the launch at once (the request's processes are stopped on the runner). Any
 * error fails the run with the phase it happened in. Resolves when the agent has been started
 * (or the launch ended).
 */
export async function launchDispatch(
  deps: LaunchDeps,
  dispatchId: string,
  /** Aborted when the run stops being active (a cancel): the step in progress stops on the runner. */
  stop?: AbortSignal,
): Promise<void> {
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
    // Built before the launch goes out: the task as it is when its run starts.
    const prompt = plan.prompt();
    repos.dispatches.setPrompt(dispatchId, prompt, plan.resultSchema);
    const adapter = adapterFor(dispatch.agent);
    const launcher = composeLauncher(
      runner.shellPrelude,
      adapter.launchFragment,
      LAUNCHER_SCRIPT,
      dispatch.kind,
    );

    // One request for every remote phase (start-run.sh), each shown as it begins on the runner.
    // The registry and the project's checkout are shared by every run on the runner, so no two
    // launches there overlap.
    const outcome = await deps.workspaceGate.run(runner.id, async () => {
      try {
        return await startRun(
          remote,
          {
            workspaceRoot: root,
            registryPath: plan.registryName === null ? null : runner.registryPath,
            checkoutArgs: [
              root,
              plan.source.repoUrl,
              plan.source.repositoryName,
              plan.source.gitUrl,
              plan.source.baseBranch,
              checkout,
            ],
            worktreeStep: plan.worktreeStep(root),
            runDir: dispatch.runDir,
            worktreePath: dispatch.worktreePath,
            files: [
              { name: RUN_FILES.prompt, mode: 0o600, content: prompt },
              { name: RUN_FILES.schema, mode: 0o600, content: plan.resultSchema },
              { name: RUN_FILES.launcher, mode: 0o700, content: launcher },
            ],
          },
          {
            onPhase: (next) => {
              dispatch = enter(next);
            },
            // A review workspace (a repository no project has) is Sortie's own: not registered.
            registry: (current, forkGitUrl) => ({
              projects: {
                ...current.projects,
                [plan.registryName!]: {
                  checkoutPath: checkout,
                  forkGitUrl,
                  repoUrl: plan.source.repoUrl,
                  gitUrl: plan.source.gitUrl,
                  baseBranch: plan.source.baseBranch,
                  updatedAt: isoNow(clock),
                },
              },
            }),
            confirmLaunch: () => {
              dispatch = enter('launch');
            },
          },
          stop,
        );
      } catch (error) {
        const reached = (error as { phase?: LaunchPhase }).phase ?? phase;
        // Once the launch was confirmed the agent may have started before the connection broke:
        // leave the run preparing, and let the runner's run directory tell (onAnswerLost).
        // Before that the runner starts nothing without an answer.
        if (reached === 'launch') return { lost: error };
        phase = reached;
        throw error;
      }
    });

    if ('lost' in outcome) {
      const error = outcome.lost;
      recorder.note(dispatchId, 'note', {
        level: 'warning',
        text: `The launch answer was lost (${error instanceof Error ? error.message : String(error)}); the run's state is read from the runner once it answers.`,
      });
      deps.onAnswerLost(dispatchId);
      return;
    }
    if (!outcome.started) {
      if (outcome.stopped) return;
      phase = outcome.phase;
      throw outcome.error;
    }

    const after = repos.dispatches.get(dispatchId);
    if (!after || !isActiveDispatch(after.status)) {
      // Canceled while the launch answer was on its way: stop what it started.
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
