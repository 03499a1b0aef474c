import type { ChannelInput, Dispatch, RunChain } from '@shared/contract';
import { invoke } from '@renderer/api';
import { applyDispatch } from './dispatches';

/**
 * What the Task, Review and Run pages do to runs; replies go into the runs store at once (the
 * review itself follows by its `review.updated`).
 */

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

/** Queues a new run of the review at the pull request's current head. */
export async function rerunReview(reviewId: string, request: string): Promise<Dispatch> {
  const run = await invoke('reviews.rerun', request === '' ? { reviewId } : { reviewId, request });
  applyDispatch(run.id, run);
  return run;
}

/** Cancels this run (a task's or a review's): never another run of the same task. */
export async function cancelRun(run: Pick<Dispatch, 'id'>): Promise<Dispatch> {
  const canceled = await invoke('dispatches.cancel', { dispatchId: run.id });
  applyDispatch(canceled.id, canceled);
  return canceled;
}

/**
 * Ends the chain: its current iteration's run is canceled, or (between runs) its eval stopped,
 * and no iteration follows.
 */
export async function cancelChain(chain: Pick<RunChain, 'id' | 'taskId' | 'iteration'>): Promise<Dispatch> {
  const runs = await invoke('dispatches.history', { taskId: chain.taskId });
  const current = runs.find((run) => run.chainId === chain.id && run.iteration === chain.iteration);
  if (!current) throw new Error('This chain has no run to cancel yet.');
  return cancelRun(current);
}

/** Forgets the task's finished runs; the core's `dispatch.removed` takes them out of every window. */
export async function discardRunHistory(taskId: string): Promise<number> {
  const { removed } = await invoke('dispatches.discardHistory', { taskId });
  return removed;
}
