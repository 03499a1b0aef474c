import type { Dispatch } from '@shared/contract';
import type { RunEventKind } from '@shared/domain/run-event';
import type { EventBus } from '../../events';
import type { DispatchPatch } from '../../repositories/dispatches';
import type { Repositories } from '../../repositories';

/** Every change to a run goes through here, so every window hears about it. */
export interface DispatchRecorder {
  update(id: string, patch: DispatchPatch): Dispatch;
  note(id: string, kind: RunEventKind, data: Record<string, unknown>): void;
  /** Tells every window about a run written without the recorder (a new one). */
  announce(dispatch: Dispatch): void;
}

export function createDispatchRecorder(
  repos: Pick<Repositories, 'dispatches' | 'runEvents'>,
  bus: EventBus,
): DispatchRecorder {
  return {
    update(id, patch) {
      const dispatch = repos.dispatches.update(id, patch);
      bus.publish('dispatch.updated', { dispatch });
      return dispatch;
    },
    announce(dispatch) {
      bus.publish('dispatch.updated', { dispatch });
    },
    note(id, kind, data) {
      const event = repos.runEvents.append(id, kind, data);
      bus.publish('run.output', { dispatchId: id, entries: [event] });
    },
  };
}
