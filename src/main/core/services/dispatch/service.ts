import type {
  Dispatch,
  DispatchDetail,
  IterateInput,
  Page,
  PagePosition,
  RunEventPage,
} from '@shared/contract';
import {
  dispatchBranchName,
  isActiveDispatch,
  isCancellableDispatch,
  isReleasedRun,
  type AgentKind,
} from '@shared/domain/dispatch';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { IdSource } from '../../ids';
import type { RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import { toListPage } from '../../repositories/page';
import { firstLine } from '../../prompts/follow-up';
import { cancelRun } from './cancel-run';
import type { RunMonitor } from './monitor';
import { loadRunContext } from './prerequisites';
import { removeWithRuns } from '../removed-runs';
import type { DispatchRecorder } from './recorder';
import { newRunPaths, trustedWorktree } from './run-paths';
import type { Scheduler } from './scheduler';
import type { StartGate } from './start-gate';

export interface DispatchServiceDeps {
  repos: Repositories;
  recorder: DispatchRecorder;
  /** Tells every window which runs a discarded history took. */
  bus: EventBus;
  pool: RemotePool;
  gate: StartGate;
  scheduler: Scheduler;
  monitor: RunMonitor;
  /** A chain changed here (one started): every window hears of it. */
  onChainChanged(chainId: string): void;
  /** The task's chains (iterate until an eval passes), bound once both exist. */
  chains: {
    activeFor(
      taskId: string,
    ): { id: string; evalCommand: string; iteration: number; maxIterations: number } | null;
    endForTask(taskId: string, why: string): Dispatch | null;
  };
  clock: Clock;
  ids: IdSource;
}

export type DispatchService = ReturnType<typeof createDispatchService>;

/** Queue, follow up, cancel and read task runs (BEHAVIOR items 3, 7, 8, 9). */
export function createDispatchService(deps: DispatchServiceDeps) {
  const { repos, recorder, gate, scheduler, monitor } = deps;

  /**
   * Refuses a new run while one of the task is active, or while a chain of it goes on (between
   * two iterations no run is active, but the chain decides what comes next) — except the chain's
   * own next iteration.
   */
  async function refuseIfActive(taskId: string, chainId: string | null = null): Promise<void> {
    // The local record may be stale (the run may have finished remotely): look first.
    await monitor.refreshActive(repos.dispatches.listForTask(taskId));
    const active = repos.dispatches.listForTask(taskId).find(isCancellableDispatch);
    if (active && isReleasedRun(active)) {
      throw new AppError(
        'CONFLICT',
        `The runner of this task's run ${active.id} cannot be reached, and its agent may still be working there. Wait for the runner to answer, or give up on that run (cancel it) first.`,
      );
    }
    if (active) {
      throw new AppError(
        'CONFLICT',
        `This task already has an active run (${active.id}, ${active.status}). Cancel it or wait for it to finish.`,
      );
    }
    const chain = deps.chains.activeFor(taskId);
    if (chain && chain.id !== chainId) {
      throw new AppError(
        'CONFLICT',
        `This task runs until \`${chain.evalCommand}\` passes (iteration ${chain.iteration}/${chain.maxIterations}). Cancel it or wait for it to end.`,
      );
    }
  }

  /** A follow-up of the task's last finished run (BEHAVIOR item 8), for the user or a chain. */
  async function queueFollowUp(
    taskId: string,
    request: string,
    chain: { id: string; iteration: number } | null,
  ): Promise<Dispatch> {
    if (!repos.tasks.get(taskId)) throw notFound('Task', taskId);
    // Refreshed first, so a run that just finished remotely can be the base.
    await refuseIfActive(taskId, chain?.id ?? null);
    const history = repos.dispatches.listForTask(taskId);
    const base = history.find((d) => !isActiveDispatch(d.status) && d.branch !== '' && d.worktreePath !== '');
    if (!base) {
      throw new AppError(
        'CONFLICT',
        'There is no finished run with a branch and worktree to follow up on. Start a run first.',
      );
    }
    if (!base.runnerId) {
      throw new AppError(
        'CONFLICT',
        'The runner of the previous run was removed, so its worktree cannot be continued. Start a new run instead.',
      );
    }
    const { runner, project } = loadRunContext(repos, taskId, base.runnerId);
    if (!trustedWorktree(runner, project, base, history)) {
      throw new AppError(
        'CONFLICT',
        `The previous run's worktree ${base.worktreePath} is not one Sortie laid out on ${runner.name}, so it cannot be continued. Start a new run instead.`,
      );
    }
    const pullRequestUrl =
      history.find((d) => d.branch === base.branch && d.pullRequestUrl)?.pullRequestUrl ??
      base.pullRequestUrl;
    // A chain's iterations keep their request on the run only: later prompts do not replay them.
    if (!chain) repos.tasks.addFollowUp(taskId, request);
    const id = deps.ids.next('dispatch');
    const dispatch = repos.dispatches.create({
      id,
      taskId: taskId,
      runnerId: runner.id,
      agent: base.agent,
      followUpRequest: request,
      baseDispatchId: base.id,
      branch: base.branch,
      worktreePath: base.worktreePath,
      // A follow-up works in its base run's worktree, with a run directory of its own.
      runDir: newRunPaths(runner, project, id).runDir,
      ...(chain ? { chain } : {}),
    });
    return created(
      repos.dispatches.update(dispatch.id, {
        pullRequestUrl,
        summary: `Follow-up: ${firstLine(request)}`,
      }),
    );
  }

  function created(dispatch: Dispatch): Dispatch {
    recorder.announce(dispatch);
    recorder.note(dispatch.id, 'note', {
      text: dispatch.followUpRequest ? 'Follow-up queued.' : 'Run queued.',
    });
    scheduler.kick();
    return dispatch;
  }

  return {
    list: (input: {
      activeOnly: boolean;
      newestOfEachTask: boolean;
      limit: number;
      cursor?: PagePosition;
    }): Page<Dispatch> =>
      toListPage(
        repos.dispatches.list(
          { activeOnly: input.activeOnly, newestOfTask: input.newestOfEachTask },
          { limit: input.limit, after: input.cursor ?? null },
        ),
      ),

    history(taskId: string): Dispatch[] {
      if (!repos.tasks.get(taskId)) throw notFound('Task', taskId);
      return repos.dispatches.listForTask(taskId);
    },

    /** The review a run belongs to; null for a task run (NOT_FOUND when there is no such run). */
    reviewOf(id: string): string | null {
      const dispatch = repos.dispatches.get(id);
      if (!dispatch) throw notFound('Run', id);
      return dispatch.kind === 'review' ? dispatch.reviewId : null;
    },

    get(id: string): DispatchDetail {
      const dispatch = repos.dispatches.get(id);
      if (!dispatch) throw notFound('Run', id);
      const prompt = repos.dispatches.getPrompt(id);
      return { ...dispatch, prompt: prompt?.prompt ?? '', resultSchema: prompt?.resultSchema ?? '' };
    },

    events(input: { dispatchId: string; afterSeq: number; limit: number }): RunEventPage {
      if (!repos.dispatches.get(input.dispatchId)) throw notFound('Run', input.dispatchId);
      const events = repos.runEvents.list(input.dispatchId, input.afterSeq, input.limit);
      return {
        events,
        nextAfterSeq: events.length > 0 ? events.at(-1)!.seq : null,
        trimmed: repos.dispatches.outputTrimmed(input.dispatchId),
      };
    },

    watch(dispatchId: string, watching: boolean): { ok: true } {
      if (!repos.dispatches.get(dispatchId)) throw notFound('Run', dispatchId);
      monitor.watch(dispatchId, watching);
      return { ok: true };
    },

    queue(input: {
      taskId: string;
      runnerId?: string;
      agent?: AgentKind;
      iterate?: IterateInput;
    }): Promise<Dispatch> {
      return gate.run(input.taskId, async () => {
        const { runner, project } = loadRunContext(repos, input.taskId, input.runnerId);
        await refuseIfActive(input.taskId);
        const id = deps.ids.next('dispatch');
        // A chain (iterate until an eval passes) starts with this run as its first iteration.
        const chain = input.iterate ? repos.chains.create(input.taskId, input.iterate) : null;
        const dispatch = repos.dispatches.create({
          id,
          taskId: input.taskId,
          runnerId: runner.id,
          agent: input.agent ?? runner.defaultAgent,
          branch: dispatchBranchName(id),
          ...newRunPaths(runner, project, id),
          ...(chain ? { chain: { id: chain.id, iteration: 1 } } : {}),
        });
        if (chain) deps.onChainChanged(chain.id);
        return created(dispatch);
      });
    },

    followUp(input: { taskId: string; request: string }): Promise<Dispatch> {
      return gate.run(input.taskId, () => queueFollowUp(input.taskId, input.request, null));
    },

    /**
     * The next iteration of a chain: a follow-up on the same branch, worktree and PR, queued once
     * an eval failed; refused like any follow-up while a run of the task is active.
     */
    continueChain(
      taskId: string,
      request: string,
      chain: { id: string; iteration: number },
    ): Promise<Dispatch> {
      return gate.run(taskId, () => queueFollowUp(taskId, request, chain));
    },

    /**
     * Cancels this task run: the one the user sees, never another run of the task, except that
     * an ended iteration of a chain still going ends the chain (its current run or eval).
     */
    cancel(dispatchId: string): Promise<Dispatch> {
      const taskId = repos.dispatches.get(dispatchId)?.taskId;
      if (!taskId) throw notFound('Run', dispatchId);
      return gate.run(taskId, async () => {
        const run = repos.dispatches.get(dispatchId);
        if (!run) throw notFound('Run', dispatchId);
        if (isCancellableDispatch(run)) return cancelRun(deps, run, 'closing the task');
        // Ended, but its chain goes on (its eval runs, or its next iteration has begun): the
        // cancel ends the chain, the one thing still going on this run's behalf.
        const chain = deps.chains.activeFor(taskId);
        if (run.chainId !== null && chain?.id === run.chainId) {
          const current = repos.dispatches
            .listForTask(taskId)
            .find((r) => r.chainId === chain.id && isCancellableDispatch(r));
          if (current) return cancelRun(deps, current, 'closing the task');
          const chainRun = deps.chains.endForTask(taskId, 'canceled by the user');
          if (chainRun) return chainRun;
        }
        throw new AppError('CONFLICT', `This run has ended (${run.status}): there is nothing to cancel.`);
      });
    },

    discardHistory(taskId: string): Promise<{ removed: number }> {
      return gate.run(taskId, async () => {
        if (!repos.tasks.get(taskId)) throw notFound('Task', taskId);
        if (
          repos.dispatches.listForTask(taskId).some(isCancellableDispatch) ||
          deps.chains.activeFor(taskId)
        ) {
          // A released run is kept too: its agent may still be working, and its outcome is to come.
          throw new AppError(
            'CONFLICT',
            'Cancel the active run (or give up on the one whose runner cannot be reached) before discarding the run history.',
          );
        }
        return { removed: removeWithRuns(deps, { taskId }, () => repos.dispatches.removeForTask(taskId)) };
      });
    },
  };
}
