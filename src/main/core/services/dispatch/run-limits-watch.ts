import type { Dispatch, Project, Runner } from '@shared/contract';
import { adapterFor } from '../../agents';
import { hasElapsed, type Clock } from '../../clock';
import type { Logger } from '../../logger';
import { stopRuns, type PolledRun, type RemotePool, type StopStatus } from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchPatch } from '../../repositories/dispatches';
import type { DispatchRecorder } from './recorder';
import { describeDuration, maxRunMs, runDeadline } from './run-limits';

/** A stop that failed (runner unreachable) is asked for again after this long. */
const RETRY_STOP_MS = 30_000;

/**
 * Runs that cannot hang for ever. A running run gets a deadline (its project's maximum run
 * time) and, once a valid result has been written, a grace period for its agent to exit; when
 * either is up its processes are stopped on the runner, which records `timed_out` or
 * `completed`, and the next poll reconciles that. Both moments are stored on the run, so the
 * window can count them down and a restart keeps them.
 */
export function createRunLimits(deps: {
  repos: Repositories;
  recorder: DispatchRecorder;
  pool: RemotePool;
  clock: Clock;
  logger: Logger;
  resultGraceMs: number;
}) {
  const { repos, recorder, clock } = deps;
  /** Runs whose stop is on its way to the runner, so a poll does not ask twice. */
  const stopping = new Set<string>();
  /** When a run's last stop was asked for: a stop that failed is asked again only after a while. */
  const lastAsked = new Map<string, number>();

  function hasValidResult(run: Dispatch, raw: string | null): boolean {
    if (raw === null) return false;
    try {
      adapterFor(run.agent).parseResult(raw, run.kind);
      return true;
    } catch {
      return false;
    }
  }

  /** Asks the runner to stop the run; says why once, and asks again at most every 30 s. */
  function stop(runner: Runner, run: Dispatch, final: StopStatus, why: string | null) {
    const now = clock.now().getTime();
    const asked = lastAsked.get(run.id);
    if (stopping.has(run.id) || (asked !== undefined && !hasElapsed(now, asked, RETRY_STOP_MS))) return;
    stopping.add(run.id);
    lastAsked.set(run.id, now);
    if (why && asked === undefined) recorder.note(run.id, 'note', { level: 'warning', text: why });
    void stopRuns(deps.pool.host(runner), runner.workspaceRoot, [run.runDir], final)
      .catch((error: unknown) =>
        deps.logger.warn('stopping a run failed', { dispatchId: run.id, error: String(error) }),
      )
      .finally(() => stopping.delete(run.id));
  }

  return {
    /**
     * Takes the launch lock of a run Sortie gave up on before its launcher started, so a launch
     * still on its way never starts it afterwards.
     */
    lockOut(runner: Runner, run: Dispatch): void {
      stop(runner, run, 'canceled', null);
    },
    /** Called for each run a poll found going on its runner, with the run's project. */
    check(
      runner: Runner,
      project: Pick<Project, 'maxRunMinutes'> | null,
      run: Dispatch,
      snapshot: Pick<PolledRun, 'result'>,
    ): void {
      if (run.status !== 'running') return;
      const now = clock.now();
      const patch: DispatchPatch = {};
      if (!run.deadlineAt && project) patch.deadlineAt = runDeadline(project, now);
      if (!run.graceEndsAt) {
        const written = snapshot.result !== null && hasValidResult(run, snapshot.result);
        if (written) repos.dispatches.setAgentResult(run.id, snapshot.result!);
        if (written || hasValidResult(run, repos.dispatches.getAgentResult(run.id)))
          patch.graceEndsAt = new Date(now.getTime() + deps.resultGraceMs).toISOString();
      }
      const current = Object.keys(patch).length > 0 ? recorder.update(run.id, patch) : run;
      if (current.graceEndsAt && now.getTime() >= Date.parse(current.graceEndsAt)) {
        stop(
          runner,
          current,
          'completed',
          `The agent wrote its result but had not exited ${describeDuration(deps.resultGraceMs)} later (a child process keeping it alive?): Sortie stopped it and kept the result.`,
        );
      } else if (current.deadlineAt && now.getTime() >= Date.parse(current.deadlineAt) && project) {
        stop(
          runner,
          current,
          'timed_out',
          `The run reached its maximum run time (${describeDuration(maxRunMs(project))}): Sortie is stopping it.`,
        );
      }
    },
  };
}
