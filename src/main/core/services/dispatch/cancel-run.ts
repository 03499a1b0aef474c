import type { Dispatch } from '@shared/contract';
import { isCancellableDispatch } from '@shared/domain/dispatch';
import { isoNow, type Clock } from '../../clock';
import { stopRuns, type RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchRecorder } from './recorder';

/**
 * Cancels an active (or released) run of any kind: its remote processes are stopped first, so
 * a run is called canceled only once they are really gone. A released run is canceled even when
 * its runner still cannot be reached (that is why it was released); `stopsLater` says what
 * stops it then ("closing the task", "deleting the review").
 */
export async function cancelRun(
  deps: {
    repos: Repositories;
    recorder: DispatchRecorder;
    pool: RemotePool;
    clock: Clock;
  },
  active: Dispatch,
  stopsLater: string,
): Promise<Dispatch> {
  const { repos, recorder } = deps;
  let unreachable: string | null = null;
  const runner = active.runnerId ? repos.runners.get(active.runnerId) : null;
  if (active.status !== 'queued' && runner && active.runDir) {
    try {
      await stopRuns(deps.pool.host(runner), runner.workspaceRoot, [active.runDir], 'canceled');
    } catch (error) {
      if (!active.released) throw error;
      unreachable = error instanceof Error ? error.message : String(error);
    }
  }
  // The monitor may have recorded the remote outcome already.
  const latest = repos.dispatches.get(active.id)!;
  const canceled = isCancellableDispatch(latest)
    ? recorder.update(active.id, {
        status: 'canceled',
        released: false,
        summary: 'Canceled.',
        errorText: unreachable
          ? `The runner could not be reached to stop the agent; ${stopsLater} stops it once the runner answers. (${unreachable})`
          : '',
        finishedAt: isoNow(deps.clock),
      })
    : latest;
  recorder.note(active.id, 'note', { text: 'Canceled by the user.' });
  // The freed slot goes to the next queued run through the recorder's final-run signal.
  return canceled;
}
