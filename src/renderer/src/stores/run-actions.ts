import type { ChannelInput, Dispatch } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { invoke } from '@renderer/api';
import { removeWhere } from './collection';
import { applyDispatch, useDispatchesStore } from './dispatches';

/** What the Task and Run pages do to a task's runs; replies go into the runs store at once. */

export async function queueRun(input: ChannelInput<'dispatches.queue'>): Promise<Dispatch> {
  const run = await invoke('dispatches.queue', input);
  applyDispatch(run.id, run);
  return run;
}

export async function sendFollowUp(taskId: string, request: string): Promise<Dispatch> {
  const run = await invoke('dispatches.followUp', { taskId, request });
  applyDispatch(run.id, run);
  return run;
}

/** Cancels the task's active run (there is at most one). */
export async function cancelTaskRun(taskId: string): Promise<Dispatch> {
  const run = await invoke('dispatches.cancel', { taskId });
  applyDispatch(run.id, run);
  return run;
}

/**
 * Drops runs of a task from the runs store: the core sends no event when it forgets them
 * (discarded history, deleted task). Ids are never reused, so a late event cannot revive one.
 */
export function dropRunsOfTask(taskId: string, which: 'finished' | 'all'): void {
  useDispatchesStore.setState(
    (c) =>
      removeWhere(c, (run) => run.taskId === taskId && (which === 'all' || !isActiveDispatch(run.status))),
    true,
  );
}

export async function discardRunHistory(taskId: string): Promise<number> {
  const { removed } = await invoke('dispatches.discardHistory', { taskId });
  dropRunsOfTask(taskId, 'finished');
  return removed;
}
