import type { Dispatch } from '@shared/contract';
import { isFinalRun } from '@shared/domain/dispatch';
import type { RunEventKind } from '@shared/domain/run-event';
import type { EventBus } from '../../events';
import type { Logger } from '../../logger';
import type { DispatchPatch } from '../../repositories/dispatches';
import type { Repositories } from '../../repositories';

/** Told of a run that reached its final state, as recorded. */
export type FinalRunListener = (dispatch: Dispatch) => void;

/** Every change to a run goes through here, so every window hears about it. */
export interface DispatchRecorder {
  update(id: string, patch: DispatchPatch): Dispatch;
  note(id: string, kind: RunEventKind, data: Record<string, unknown>): void;
  /** Tells every window about a run written without the recorder (a new one). */
  announce(dispatch: Dispatch): void;
  /**
   * Calls `listener` each time a run reaches its final state (isFinalRun), whoever recorded it:
   * the monitor, a cancel, a failed launch, the reconciliation at start. Since every status
   * change is recorded here and a final state is never left, that is once per run.
   */
  onFinal(listener: FinalRunListener): () => void;
}

export function createDispatchRecorder(
  repos: Pick<Repositories, 'dispatches' | 'runEvents'>,
  bus: EventBus,
  logger: Logger,
): DispatchRecorder {
  const finalListeners = new Set<FinalRunListener>();

  function tellFinal(dispatch: Dispatch): void {
    for (const listener of [...finalListeners]) {
      try {
        listener(dispatch);
      } catch (error) {
        // One broken listener must neither keep the others from hearing nor undo the update.
        logger.error('a final run listener failed', { dispatchId: dispatch.id, error: String(error) });
      }
    }
  }

  return {
    update(id, patch) {
      const before = repos.dispatches.get(id);
      const dispatch = repos.dispatches.update(id, patch);
      bus.publish('dispatch.updated', { dispatch });
      if (before && !isFinalRun(before) && isFinalRun(dispatch)) tellFinal(dispatch);
      return dispatch;
    },
    announce(dispatch) {
      bus.publish('dispatch.updated', { dispatch });
    },
    note(id, kind, data) {
      const event = repos.runEvents.append(id, kind, data);
      bus.publish('run.output', { dispatchId: id, entries: [event] });
    },
    onFinal(listener) {
      finalListeners.add(listener);
      return () => finalListeners.delete(listener);
    },
  };
}
