import type { Dispatch, Runner } from '@shared/contract';
import { EVAL_GRACE_MS, EVAL_OUTPUT_CAP_BYTES, EVAL_TIMEOUT_MS } from '@shared/domain/iterate';
import { isoNow, type Clock } from '../../clock';
import { notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { Logger } from '../../logger';
import { readEvals, RefusedPath, startEval, stopEval, type RemotePool } from '../../remote';
import type { Repositories, StoredChain } from '../../repositories';
import type { DispatchRecorder } from '../dispatch/recorder';
import type { DispatchService } from '../dispatch/service';
import { evalFeedback, iterationRequest, mergeEvalOutput } from './feedback';

type OpenEval = ReturnType<Repositories['chains']['listOpenEvals']>[number];

/**
 * Chains of runs that go on until an eval passes (BEHAVIOR item 13). When a run of a chain
 * succeeds, its eval is started on the runner, detached, at most once (the runner keeps a lock
 * and the outcome in the run directory); each tick reads every eval going on a runner in one
 * remote call. The outcome and what the chain becomes are written in one transaction, so a
 * restart resumes where it was: an eval is never run twice for an iteration, and the count is
 * never lost. An eval that cannot start, is lost on the runner or overruns its time ends its
 * chain, saying why.
 */
export function createChains(deps: {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  clock: Clock;
  logger: Logger;
  recorder: DispatchRecorder;
  dispatches: Pick<DispatchService, 'continueChain'>;
  intervalMs: number;
}) {
  const { repos, bus, recorder, clock, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let running = false;

  function publish(chainId: string): void {
    const chain = repos.chains.getFull(chainId);
    if (chain) bus.publish('chain.updated', { chain });
  }

  function end(
    chain: StoredChain,
    status: 'passed' | 'gave-up' | 'failed' | 'canceled',
    verdict: string,
  ): void {
    repos.chains.update(chain.id, { status, verdict, finishedAt: isoNow(clock) });
    if (status === 'failed' || status === 'canceled') repos.chains.cancelEvals(chain.id);
    publish(chain.id);
  }

  const label = (iteration: number, chain: StoredChain) => `Iteration ${iteration}/${chain.maxIterations}`;

  /** A run of a chain ended: its eval is due, or the chain ends with it. */
  function onRunEnded(run: Dispatch): void {
    // Called once per run reaching its final state.
    if (!run.chainId || run.iteration === null) return;
    const chain = repos.chains.get(run.chainId);
    if (!chain || chain.status !== 'running' || chain.iteration !== run.iteration) return;
    const name = label(run.iteration, chain);
    if (run.status === 'succeeded') {
      repos.chains.addEval(chain.id, run.id, run.iteration, chain.evalCommand);
      repos.chains.update(chain.id, { status: 'evaluating' });
      recorder.note(run.id, 'iteration', {
        iteration: run.iteration,
        maxIterations: chain.maxIterations,
        status: 'evaluating',
        text: `${name}: the run succeeded; running the eval \`${chain.evalCommand}\`.`,
      });
      publish(chain.id);
      kick();
    } else if (run.status === 'canceled') {
      end(chain, 'canceled', `${name}: canceled.`);
    } else {
      const why = run.status === 'blocked' ? 'was blocked' : 'failed';
      end(chain, 'failed', `${name}: the run ${why}. ${run.summary}`.trim());
    }
  }

  /** When an eval that has not ended is given up: its timeout, and some grace, after it began. */
  function overdue(open: OpenEval, chain: StoredChain): boolean {
    const since = Date.parse(open.startedAt ?? chain.updatedAt);
    return clock.now().getTime() > since + EVAL_TIMEOUT_MS + EVAL_GRACE_MS;
  }

  /** Starts waiting evals and reads those going: each on its own, the reads one call per runner. */
  async function tick(): Promise<void> {
    const byRunner = new Map<string, { run: Dispatch; open: OpenEval }[]>();
    for (const open of repos.chains.listOpenEvals()) {
      const run = repos.dispatches.get(open.dispatchId);
      const runner = run?.runnerId ? repos.runners.get(run.runnerId) : null;
      const chain = repos.chains.get(open.chainId)!;
      if (!run || !runner) {
        end(
          chain,
          'failed',
          `${label(open.iteration, chain)}: its runner was removed, so the eval could not run.`,
        );
        continue;
      }
      byRunner.set(runner.id, [...(byRunner.get(runner.id) ?? []), { run, open }]);
    }
    await Promise.all(
      [...byRunner].map(([runnerId, evals]) => tickRunner(repos.runners.get(runnerId)!, evals)),
    );
  }

  async function tickRunner(runner: Runner, evals: { run: Dispatch; open: OpenEval }[]): Promise<void> {
    const host = deps.pool.host(runner);
    for (const { run, open } of evals.filter((e) => e.open.status === 'pending')) {
      const chain = repos.chains.get(open.chainId)!;
      try {
        await startEval(host, {
          workspaceRoot: runner.workspaceRoot,
          runDir: run.runDir,
          worktree: run.worktreePath,
          command: open.command,
          prelude: runner.shellPrelude,
          timeoutMs: EVAL_TIMEOUT_MS,
        });
        repos.chains.markEvalStarted(run.id);
        // Canceled while it was being started: it is stopped at once.
        if (repos.chains.get(chain.id)?.status !== 'evaluating') {
          await stopEval(host, runner.workspaceRoot, run.runDir).catch(() => undefined);
          continue;
        }
        publish(chain.id);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // A refused path never becomes acceptable; anything else is tried again until overdue.
        if (error instanceof RefusedPath || overdue(open, chain)) {
          end(chain, 'failed', `${label(open.iteration, chain)}: the eval could not be started: ${reason}`);
        } else {
          logger.warn('eval not started yet', { runId: run.id, error: reason });
        }
      }
    }
    const started = evals.filter((e) => repos.chains.getEval(e.run.id)?.status === 'running');
    if (started.length === 0) return;
    let states;
    try {
      states = await readEvals(
        host,
        runner.workspaceRoot,
        started.map((e) => e.run.runDir),
        EVAL_OUTPUT_CAP_BYTES,
      );
    } catch (error) {
      // The runner did not answer: the evals wait and are read next time, unless overdue.
      logger.warn('evals not read', {
        runnerId: runner.id,
        error: error instanceof Error ? error.message : String(error),
      });
      for (const { open } of started) {
        const chain = repos.chains.get(open.chainId)!;
        if (overdue(open, chain))
          end(
            chain,
            'failed',
            `${label(open.iteration, chain)}: the eval's outcome could not be read from ${runner.name}.`,
          );
      }
      return;
    }
    for (const { run, open } of started) {
      const state = states.get(run.runDir);
      const chain = repos.chains.get(open.chainId)!;
      if (chain.status !== 'evaluating') continue;
      if (state?.state === 'done') {
        await finish(open, state.exitCode, mergeEvalOutput(state.stdout, state.stderr));
      } else if (state?.state === 'lost') {
        const said = state.log.trim() ? ` It said: ${state.log.trim().split('\n').slice(-3).join(' ')}` : '';
        end(
          chain,
          'failed',
          `${label(open.iteration, chain)}: the eval stopped without an exit code (killed, or the runner restarted).${said}`,
        );
      } else if (overdue(open, chain)) {
        await stopEval(host, runner.workspaceRoot, run.runDir).catch(() => undefined);
        await finish(
          open,
          124,
          `The eval did not end within ${EVAL_TIMEOUT_MS / 60_000} minutes and was stopped.`,
        );
      }
    }
  }

  /** Records an eval's outcome with what the chain becomes (once), then starts the next iteration. */
  async function finish(open: OpenEval, code: number, output: string): Promise<void> {
    const chain = repos.chains.get(open.chainId);
    if (!chain || chain.status !== 'evaluating') return;
    const passed = code === 0;
    const name = label(open.iteration, chain);
    const last = open.iteration >= chain.maxIterations;
    const now = isoNow(clock);
    const next = passed
      ? { status: 'passed' as const, verdict: `${name}: eval passed`, finishedAt: now }
      : last
        ? {
            status: 'gave-up' as const,
            verdict: `${name}: eval failed (exit ${code}), max iterations reached`,
            finishedAt: now,
          }
        : { status: 'running' as const, iteration: open.iteration + 1 };
    const outcome = { status: passed ? ('passed' as const) : ('failed' as const), exitCode: code, output };
    if (!repos.chains.finishEval(open.dispatchId, outcome, chain.id, next)) return;
    recorder.note(open.dispatchId, 'iteration', {
      iteration: open.iteration,
      maxIterations: chain.maxIterations,
      status: passed ? 'passed' : last ? 'gave-up' : 'retrying',
      exitCode: code,
      text: passed
        ? `${name}: eval passed.`
        : `${name}: eval failed (exit ${code})${last ? ', max iterations reached.' : '; the next iteration gets its output.'}`,
    });
    publish(chain.id);
    if (!passed && !last) await continueChain(repos.chains.get(chain.id)!, output);
  }

  /** Queues the chain's current iteration as a follow-up with the last eval's output. */
  async function continueChain(chain: StoredChain, output: string): Promise<void> {
    const task = repos.tasks.get(chain.taskId);
    const name = label(chain.iteration, chain);
    if (!task || task.status !== 'open') {
      end(chain, 'canceled', `${name}: not started, the task was closed.`);
      return;
    }
    const feedback = evalFeedback(chain.feedbackTemplate, chain.iteration, chain.maxIterations, output);
    try {
      await deps.dispatches.continueChain(task.id, iterationRequest(feedback, task), {
        id: chain.id,
        iteration: chain.iteration,
      });
      publish(chain.id);
    } catch (error) {
      end(
        chain,
        'failed',
        `${name} could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * After a restart: a chain whose run ended while Sortie was away gets its eval, one whose next
   * iteration was decided but not yet queued gets it queued (with the eval output kept), and one
   * left with no run at all (stopped while it was being created) ends.
   */
  async function resume(): Promise<void> {
    for (const chain of repos.chains.listActive()) {
      if (chain.status !== 'running') continue;
      const runs = repos.dispatches.listForTask(chain.taskId).filter((run) => run.chainId === chain.id);
      const current = runs.find((run) => run.iteration === chain.iteration);
      if (current) {
        onRunEnded(current);
        continue;
      }
      const previous = repos.chains.getFull(chain.id)!.evals.find((e) => e.iteration === chain.iteration - 1);
      if (previous && previous.status === 'failed') await continueChain(chain, previous.output);
      else end(chain, 'failed', `${label(chain.iteration, chain)}: its run was never created.`);
    }
  }

  /**
   * Ends the task's chains still going (a cancel, or the task closed or deleted) and stops their
   * evals on the runner. Answers the run of the chain it ended, or null when none was going.
   */
  function endForTask(taskId: string, why: string): Dispatch | null {
    let last: Dispatch | null = null;
    for (const chain of repos.chains.listActive().filter((c) => c.taskId === taskId)) {
      end(chain, 'canceled', `${label(chain.iteration, chain)}: ${why}.`);
      const run = repos.dispatches.listForTask(taskId).find((r) => r.chainId === chain.id) ?? null;
      const runner = run?.runnerId ? repos.runners.get(run.runnerId) : null;
      if (run && runner && run.runDir) {
        // Best effort: an eval left going is given up by its own timeout, and its outcome ignored.
        stopEval(deps.pool.host(runner), runner.workspaceRoot, run.runDir).catch((error: unknown) =>
          logger.warn('eval not stopped', { runId: run.id, error: String(error) }),
        );
      }
      last = run ?? last;
    }
    return last;
  }

  function kick(): void {
    if (!running || ticking) return;
    ticking = tick()
      .catch((error: unknown) => logger.error('chain tick failed', { error: String(error) }))
      .finally(() => {
        ticking = null;
      });
  }

  function loop(): void {
    if (!running) return;
    if (repos.chains.listOpenEvals().length > 0) kick();
    timer = setTimeout(loop, deps.intervalMs);
    timer.unref?.();
  }

  recorder.onFinal(onRunEnded);

  return {
    publish,
    tick,
    endForTask,
    /** Whether a chain of the task is going (nothing else may be queued for it then). */
    activeFor: (taskId: string): StoredChain | null =>
      repos.chains.listActive().find((c) => c.taskId === taskId) ?? null,
    list(taskId: string) {
      if (!repos.tasks.get(taskId)) throw notFound('Task', taskId);
      return repos.chains.listForTask(taskId);
    },
    start(): void {
      if (running) return;
      running = true;
      void resume().catch((error: unknown) => logger.error('chain resume failed', { error: String(error) }));
      loop();
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      await ticking;
    },
  };
}

export type Chains = ReturnType<typeof createChains>;
