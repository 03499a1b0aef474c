import { useMemo } from 'react';
import type { Dispatch, PullRequestStatus } from '@shared/contract';
import { pullRequestKey } from '@shared/domain/review';
import { changedIdsSince } from './collection';
import { isNewerRun } from '@shared/domain/lane';
import { useDispatchesStore } from './dispatches';
import { statusOf, type StatusesByUrl } from './pull-request-status';

type ById = Readonly<Record<string, Dispatch>>;

/** The distinct pull requests of some runs, in the order given (newest first for run lists). */
export function pullRequestUrlsOf(runs: readonly Pick<Dispatch, 'pullRequestUrl'>[]): string[] {
  const urls: string[] = [];
  const keys = new Set<string>();
  for (const run of runs) {
    if (!run.pullRequestUrl || keys.has(pullRequestKey(run.pullRequestUrl))) continue;
    keys.add(pullRequestKey(run.pullRequestUrl));
    urls.push(run.pullRequestUrl);
  }
  return urls;
}

/**
 * Each task's pull requests, the latest run's first: runs may have opened more than one. With
 * `onlyTasks`, the lists of those tasks alone.
 */
export function pullRequestsByTask(byId: ById, onlyTasks?: ReadonlySet<string>): Map<string, string[]> {
  const runsByTask = new Map<string, Dispatch[]>();
  for (const run of Object.values(byId)) {
    if (run.taskId === null || !run.pullRequestUrl) continue;
    if (onlyTasks && !onlyTasks.has(run.taskId)) continue;
    const list = runsByTask.get(run.taskId);
    if (list) list.push(run);
    else runsByTask.set(run.taskId, [run]);
  }
  const byTask = new Map<string, string[]>();
  for (const [taskId, runs] of runsByTask) {
    runs.sort((a, b) => (isNewerRun(a, b) ? -1 : isNewerRun(b, a) ? 1 : 0));
    byTask.set(taskId, pullRequestUrlsOf(runs));
  }
  return byTask;
}

type ByTask = ReadonlyMap<string, readonly string[]>;

/**
 * pullRequestsByTask of `byId` from `previous` (its answer for `base`) when only the runs in
 * `changed` differ: only the tasks of runs whose pull request changed are listed again. A run
 * keeps its task and creation time, so a run whose address did not change moves nothing.
 */
export function patchPullRequestsByTask(
  previous: ByTask,
  base: ById,
  byId: ById,
  changed: Iterable<string>,
): ByTask {
  const tasks = new Set<string>();
  for (const id of changed) {
    const before = base[id];
    const after = byId[id];
    if ((before?.pullRequestUrl ?? null) === (after?.pullRequestUrl ?? null)) continue;
    const taskId = (after ?? before)?.taskId;
    if (taskId) tasks.add(taskId);
  }
  if (tasks.size === 0) return previous;
  const next = new Map(previous);
  const lists = pullRequestsByTask(byId, tasks);
  for (const taskId of tasks) {
    const urls = lists.get(taskId);
    if (urls) next.set(taskId, urls);
    else next.delete(taskId);
  }
  return next;
}

const cache = new WeakMap<ById, ByTask>();
/** The last answer, which the next version of the runs patches with what changed. */
let lastByTask: { readonly byId: ById; readonly byTask: ByTask } | null = null;

function cachedPullRequestsByTask(byId: ById): ByTask {
  let byTask = cache.get(byId);
  if (!byTask) {
    const changed = lastByTask ? changedIdsSince(byId, lastByTask.byId) : null;
    byTask =
      lastByTask && changed
        ? patchPullRequestsByTask(lastByTask.byTask, lastByTask.byId, byId, changed)
        : pullRequestsByTask(byId);
    cache.set(byId, byTask);
  }
  lastByTask = { byId, byTask };
  return byTask;
}

/** Merged or closed: nothing more happens on it. */
export function isFinishedPullRequest(status: Pick<PullRequestStatus, 'state'> | undefined): boolean {
  return status?.state === 'merged' || status?.state === 'closed';
}

/**
 * The pull requests a task's card shows: the latest one whatever its state, and the older ones
 * unless they are known to be merged or closed (the automation reads every one not known to be,
 * but an older one not read yet may still be open).
 */
export function shownPullRequests(urls: readonly string[], statuses: StatusesByUrl): string[] {
  return urls.filter((url, index) => index === 0 || !isFinishedPullRequest(statusOf(statuses, url)));
}

/**
 * The task's pull requests as the runs store knows them, the latest first. The selector answers
 * a string, so a card renders again only when its own list changes.
 */
export function useTaskPullRequestUrls(taskId: string): readonly string[] {
  const key = useDispatchesStore((c) => cachedPullRequestsByTask(c.byId).get(taskId)?.join('\n') ?? '');
  return useMemo(() => (key === '' ? [] : key.split('\n')), [key]);
}
