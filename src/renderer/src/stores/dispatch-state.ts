import type { Dispatch } from '@shared/contract';
import { canTransition } from '@shared/domain/dispatch';
import { isNewerRun } from '@shared/domain/lane';
import { applyChanges, type Collection } from './collection';

type Runs = Collection<Dispatch>;
type ById<T> = Readonly<Record<string, T>>;

/**
 * What a run belongs to: its task (a task run) or its review (a review run). Task and review
 * ids have different prefixes, so one set of ids can name both.
 */
export function runOwner(run: Pick<Dispatch, 'taskId' | 'reviewId'>): string | null {
  return run.taskId ?? run.reviewId;
}

/**
 * True when `incoming` is older news than `current`. Updates carry `updatedAt` (milliseconds);
 * two changes within one millisecond tie, and then the state machine decides: a run never goes
 * back from a status it cannot have come from (e.g. succeeded → running).
 */
export function isStaleRun(current: Dispatch, incoming: Dispatch): boolean {
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt < current.updatedAt;
  if (incoming.status === current.status) return false;
  return !canTransition(current.status, incoming.status) && canTransition(incoming.status, current.status);
}

/**
 * Applies one `dispatch.updated` (or a reply that carries a run): out-of-order updates are
 * dropped, and so are runs the core said it removed (the collection remembers their ids).
 */
export function applyRunUpdate(c: Runs, dispatch: Dispatch): Runs {
  return applyRunUpdates(c, [dispatch]);
}

/** applyRunUpdate for several runs in order, copying the map of runs once. */
export function applyRunUpdates(c: Runs, dispatches: readonly Dispatch[]): Runs {
  return applyChanges(
    c,
    dispatches.map((run) => [run.id, run] as const),
    isStaleRun,
  );
}

/**
 * Forgets the runs a `dispatch.removed` names (with their task or review, or a discarded
 * history): a late update or an older list reply never brings them back.
 */
export function removeRuns(c: Runs, dispatchIds: readonly string[]): Runs {
  return applyChanges(
    c,
    dispatchIds.map((id) => [id, null] as const),
  );
}

/** Each task's latest run: the one that decides its lane. Review runs have no task and no lane. */
export function latestRunByTask(byId: ById<Dispatch>): Map<string, Dispatch> {
  const latest = new Map<string, Dispatch>();
  for (const run of Object.values(byId)) {
    if (run.taskId === null) continue;
    const seen = latest.get(run.taskId);
    if (!seen || isNewerRun(run, seen)) latest.set(run.taskId, run);
  }
  return latest;
}

/**
 * latestRunByTask of `byId` from `previous` (its answer for `base`) when only the runs in `changed`
 * differ between the two maps; null when a task's latest run went away or moved (then the task's
 * other runs would have to be searched: compute it afresh).
 */
export function patchLatestRuns(
  previous: ReadonlyMap<string, Dispatch>,
  base: ById<Dispatch>,
  byId: ById<Dispatch>,
  changed: Iterable<string>,
): Map<string, Dispatch> | null {
  const latest = new Map(previous);
  for (const id of changed) {
    const before = base[id];
    const after = byId[id];
    if (before?.taskId != null && latest.get(before.taskId) === before && after?.taskId !== before.taskId) {
      return null;
    }
    if (!after || after.taskId === null) continue;
    const seen = latest.get(after.taskId);
    if (!seen || seen.id === after.id || isNewerRun(after, seen)) latest.set(after.taskId, after);
  }
  return latest;
}

/** The runs of one task or review, newest first. */
export function runsOf(byId: ById<Dispatch>, ownerId: string): Dispatch[] {
  return Object.values(byId)
    .filter((run) => runOwner(run) === ownerId)
    .sort((a, b) => (isNewerRun(a, b) ? -1 : isNewerRun(b, a) ? 1 : 0));
}

/**
 * The list to load: every active run (however old) plus the most recent ones. The same run can
 * be in both; the fresher copy wins.
 */
export function mergeRunLists(...lists: readonly (readonly Dispatch[])[]): Dispatch[] {
  const byId = new Map<string, Dispatch>();
  for (const list of lists) {
    for (const run of list) {
      const seen = byId.get(run.id);
      if (!seen || !isStaleRun(seen, run)) byId.set(run.id, run);
    }
  }
  return [...byId.values()];
}
