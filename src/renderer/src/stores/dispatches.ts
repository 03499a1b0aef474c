import { useMemo } from 'react';
import type { Dispatch } from '@shared/contract';
import { invoke } from '@renderer/api';
import { applyChange, changedIdsSince, type Collection } from './collection';
import { createCollectionStore } from './collection-store';
import { PAGE_LIMIT_MAX } from '@shared/contract/paging';
import { concurrentPages, loadPages, pagesOf } from './paged-load';
import {
  applyRunUpdate,
  applyRunUpdates,
  latestRunByTask,
  mergeRunLists,
  patchLatestRuns,
  removeRuns,
  runsOf,
} from './dispatch-state';
import { newestFirst } from './selectors';

/**
 * Runs ("dispatches") of both kinds, task runs and review runs: the active ones, the most recent
 * 5,000, and beyond those each task's newest run (which decides where the task stands on the
 * board), kept current by `dispatch.updated`, and `dispatch.removed` for the runs the core
 * deleted (with a task, a review, a project, or a discarded history).
 */
const runs = createCollectionStore<Dispatch>();

export const useDispatchesStore = runs.useStore;

/** How many of the most recent runs a load reads (active ones come whatever their age). */
export const RECENT_RUNS_HELD = 5000;
/** Runs per `dispatches.list` call: each call is short for the host, and each page shows at once. */
const RUN_PAGE_SIZE = PAGE_LIMIT_MAX;

type Runs = Collection<Dispatch>;
type ById = Runs['byId'];

function update(change: (c: Runs) => Runs): void {
  useDispatchesStore.setState(change, true);
}

/**
 * Applies a run from an event or a reply; `null` forgets it. Older versions than the one held
 * are ignored, so events may arrive in any order.
 */
export function applyDispatch(id: string, dispatch: Dispatch | null): void {
  if (dispatch === null) update((c) => applyChange(c, id, null));
  else update((c) => applyRunUpdate(c, dispatch));
}

/**
 * Applies several runs, in order, in one store update (one render): a task's history, or the
 * `dispatch.updated` events of one animation frame.
 */
export function applyDispatches(list: readonly Dispatch[]): void {
  if (list.length === 0) return;
  update((c) => applyRunUpdates(c, list));
}

/** Forgets the runs the core deleted (`dispatch.removed`). */
export function removeDispatches(dispatchIds: readonly string[]): void {
  update((c) => removeRuns(c, dispatchIds));
}

/**
 * Every active run, however old; the most recent runs up to RECENT_RUNS_HELD; and past those,
 * each task's newest run: the same walk newest first, from where the recent ones stop.
 */
export function loadDispatches(): Promise<void> {
  const active = (cursor: string | undefined) =>
    invoke('dispatches.list', { activeOnly: true, limit: RUN_PAGE_SIZE, cursor });
  const recent = (cursor: string | undefined, before: number) =>
    invoke('dispatches.list', {
      newestOfEachTask: before >= RECENT_RUNS_HELD,
      limit: RUN_PAGE_SIZE,
      cursor,
    });
  // Both lists at once (a run in both is merged by `settle`); runs removed while the load was
  // out are left out of it (the collection remembers them).
  return loadPages(useDispatchesStore, concurrentPages(pagesOf(active), pagesOf(recent)), {
    applyPage: (c, items) => applyRunUpdates(c, items),
    settle: mergeRunLists,
  });
}

// ---- Reads ----

const latestCache = new WeakMap<ById, ReadonlyMap<string, Dispatch>>();
/** The last answer, which the next version of the runs patches with what changed. */
let lastLatest: { readonly byId: ById; readonly latest: ReadonlyMap<string, Dispatch> } | null = null;

/**
 * Each task's latest run, computed once per store version however many components ask, and from
 * the version before when only some runs changed (a frame of events, a page of a load).
 */
export function latestRuns(byId: ById): ReadonlyMap<string, Dispatch> {
  let latest = latestCache.get(byId);
  if (!latest) {
    const changed = lastLatest ? changedIdsSince(byId, lastLatest.byId) : null;
    latest =
      (lastLatest && changed && patchLatestRuns(lastLatest.latest, lastLatest.byId, byId, changed)) ||
      latestRunByTask(byId);
    latestCache.set(byId, latest);
  }
  lastLatest = { byId, latest };
  return latest;
}

export function useLatestRuns(): ReadonlyMap<string, Dispatch> {
  return latestRuns(useDispatchesStore((c) => c.byId));
}

export function useLatestRun(taskId: string): Dispatch | undefined {
  return useDispatchesStore((c) => latestRuns(c.byId).get(taskId));
}

export function useRun(id: string): Dispatch | undefined {
  return useDispatchesStore((c) => c.byId[id]);
}

/** The runs of one task or review held here, newest first (their pages read the whole history). */
export function useRunsOf(ownerId: string): Dispatch[] {
  const byId = useDispatchesStore((c) => c.byId);
  return useMemo(() => runsOf(byId, ownerId), [byId, ownerId]);
}

/** Every run held here, newest first. */
export function useRecentDispatches(): Dispatch[] {
  const byId = useDispatchesStore((c) => c.byId);
  return useMemo(() => newestFirst(byId), [byId]);
}
