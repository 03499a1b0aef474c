import type { Dispatch } from '@shared/contract';
import { isActiveDispatch, LAUNCH_PHASE_LABELS, type LaunchPhase } from '@shared/domain/dispatch';
import { adapterFor } from '../../agents';
import { isoNow, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import { buildTaskPrompt } from '../../prompts/task-prompt';
import { TASK_RESULT_SCHEMA } from '../../prompts/task-result-schema';
import type { RemoteHost, RemotePool } from '../../remote';
import { composeLauncher } from '../../remote/compose-script';
import { LAUNCHER_SCRIPT } from '../../remote/scripts';
import type { Repositories } from '../../repositories';
import { loadRunContext } from './prerequisites';
import type { DispatchRecorder } from './recorder';
import { parseRegistry, serializeRegistry } from './registry';
import { defaultCheckoutPath, RUN_FILES } from './remote-paths';
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

const LONG_STEP_MS = 15 * 60_000;

/** Thrown inside a phase when the run stopped being active (canceled meanwhile): stop quietly. */
class Stopped extends Error {}

/**
 * Takes a queued run through the launch phases (BEHAVIOR item 4). Before each phase the run is
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
    const context = loadRunContext(repos, dispatch.taskId, dispatch.runnerId);
    const { task, project, runner, repository } = context;
    const remote: RemoteHost = pool.host(runner);

    dispatch = await deps.workspaceGate.run(runner.id, async () => {
      enter('load-registry');
      const registry = parseRegistry(await remote.readFile(runner.registryPath), runner.registryPath);
      const checkoutPath =
        registry.projects[project.name]?.checkoutPath ?? defaultCheckoutPath(runner, project);

      enter('check-github');
      const login = (await remote.runOk('github-login', [])).toString('utf8').trim();

      enter('ensure-checkout');
      const fork = (
        await remote.runOk(
          'ensure-checkout',
          [project.repoUrl, repository.name, project.gitUrl, project.baseBranch, checkoutPath, login],
          { timeoutMs: LONG_STEP_MS },
        )
      )
        .toString('utf8')
        .trim()
        .split('\n')
        .pop()!;

      enter('save-registry');
      registry.projects[project.name] = {
        checkoutPath,
        forkGitUrl: fork,
        repoUrl: project.repoUrl,
        gitUrl: project.gitUrl,
        baseBranch: project.baseBranch,
        updatedAt: isoNow(clock),
      };
      await remote.upload(runner.registryPath, serializeRegistry(registry), { mode: 0o600 });

      const current = enter('prepare-worktree');
      if (current.followUpRequest) {
        await remote.runOk('restore-worktree', [checkoutPath, current.branch, current.worktreePath], {
          timeoutMs: LONG_STEP_MS,
        });
      } else {
        await remote.runOk(
          'prepare-worktree',
          [checkoutPath, project.baseBranch, current.branch, current.worktreePath],
          { timeoutMs: LONG_STEP_MS },
        );
      }
      return current;
    });

    dispatch = enter('upload-prompt');
    const detail = repos.tasks.getDetail(task.id)!;
    const prompt = buildTaskPrompt({
      project: {
        name: project.name,
        repoUrl: project.repoUrl,
        gitUrl: project.gitUrl,
        baseBranch: project.baseBranch,
      },
      task: { title: task.title, summary: task.summary, note: task.note },
      branch: dispatch.branch,
      worktreePath: dispatch.worktreePath,
      pullRequestUrl: dispatch.pullRequestUrl,
      followUps: earlierFollowUps(detail.followUps, dispatch),
      currentFollowUp: dispatch.followUpRequest || null,
    });
    repos.dispatches.setPrompt(dispatchId, prompt, TASK_RESULT_SCHEMA);
    const adapter = adapterFor(dispatch.agent);
    const launcher = composeLauncher(runner.shellPrelude, adapter.launchFragment, LAUNCHER_SCRIPT);
    await Promise.all([
      remote.upload(`${dispatch.runDir}/${RUN_FILES.prompt}`, prompt, { mode: 0o600 }),
      remote.upload(`${dispatch.runDir}/${RUN_FILES.schema}`, TASK_RESULT_SCHEMA, { mode: 0o600 }),
      remote.upload(`${dispatch.runDir}/${RUN_FILES.launcher}`, launcher, { mode: 0o700 }),
    ]);

    enter('launch');
    let started;
    try {
      started = await remote.run('launch-run', [dispatch.runDir, dispatch.worktreePath]);
    } catch (error) {
      // The launcher may have started before the connection broke: leave the run preparing, so
      // reconciliation finds out what happened (running, or abandoned after 30 minutes).
      recorder.note(dispatchId, 'note', {
        level: 'warning',
        text: `The launch answer was lost (${error instanceof Error ? error.message : String(error)}); the run's state is read from the runner once it answers.`,
      });
      return;
    }
    if (started.exitCode !== 0) {
      throw new AppError(
        'REMOTE_FAILED',
        started.stderr.toString('utf8').trim() || `launch-run exited with ${started.exitCode}`,
      );
    }

    const after = repos.dispatches.get(dispatchId);
    if (!after || !isActiveDispatch(after.status)) {
      // Canceled while the launch command was on its way: stop what it started.
      await remote.run('cancel-run', [dispatch.runDir]).catch(() => undefined);
      return;
    }
    if (after.status === 'preparing') {
      recorder.update(dispatchId, { status: 'running', summary: 'The agent is working.' });
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

/** Follow-ups asked before this run; the one this run answers is shown separately. */
function earlierFollowUps(
  all: readonly { request: string; createdAt: string }[],
  dispatch: Dispatch,
): { request: string; createdAt: string }[] {
  const before = all.filter((f) => f.createdAt <= dispatch.createdAt).map((f) => ({ ...f }));
  if (dispatch.followUpRequest && before.at(-1)?.request === dispatch.followUpRequest) before.pop();
  return before;
}
