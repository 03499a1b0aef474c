import type { ChannelInput, Dispatch } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import { invoke } from '@renderer/api';
import { removeWhere } from './collection';
import { applyDispatch, useDispatchesStore } from './dispatches';

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

/** Cancels the task's active run (there is at most one). */
export async function cancelTaskRun(taskId: string): Promise<Dispatch> {
  const run = await invoke('dispatches.cancel', { taskId });
  applyDispatch(run.id, run);
  return run;
}

/** Queues a new run of the review at the pull request's current head. */
export async function rerunReview(reviewId: string, request: string): Promise<Dispatch> {
  const run = await invoke('reviews.rerun', request === '' ? { reviewId } : { reviewId, request });
  applyDispatch(run.id, run);
  return run;
}

/** Cancels the review's active run (there is at most one). */
export async function cancelReviewRun(reviewId: string): Promise<Dispatch> {
  const run = await invoke('reviews.cancel', { reviewId });
  applyDispatch(run.id, run);
  return run;
}

/** Cancels a run of either kind, through its task or its review. */
export function cancelRun(run: Pick<Dispatch, 'kind' | 'taskId' | 'reviewId'>): Promise<Dispatch> {
  if (run.kind === 'review' && run.reviewId !== null) return cancelReviewRun(run.reviewId);
  if (run.taskId !== null) return cancelTaskRun(run.taskId);
  return Promise.reject(new Error('This run belongs to neither a task nor a review.'));
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
