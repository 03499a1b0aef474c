import type { EventBus } from '../events';
import type { Repositories, RunOwnerRef } from '../repositories';

/**
 * Runs `remove`, which deletes `owner` (a task, a review, a project's tasks) or its runs, and
 * tells every window which runs went with it, so none has to work out the cascade itself. The
 * ids are read just before, in the same turn: nothing can add a run in between.
 */
export function removeWithRuns<T>(
  deps: { repos: Pick<Repositories, 'dispatches'>; bus: EventBus },
  owner: RunOwnerRef,
  remove: () => T,
): T {
  const dispatchIds = deps.repos.dispatches.idsDeletedWith(owner);
  const result = remove();
  if (dispatchIds.length > 0) deps.bus.publish('dispatch.removed', { dispatchIds });
  return result;
}
