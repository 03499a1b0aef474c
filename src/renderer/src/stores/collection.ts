/** Anything the core sends with an id and a last-change time (ISO-8601 UTC, sortable as text). */
export interface Entity {
  readonly id: string;
  readonly updatedAt: string;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The first read has answered, with the items or a failure: nothing is on its way any more. */
export function isSettled(status: LoadStatus): boolean {
  return status === 'ready' || status === 'error';
}

/**
 * A keyed set of entities kept current by a list load plus change events. Pure data: every
 * function below returns a new value (or the same one when nothing changed).
 */
export interface Collection<T extends Entity> {
  readonly byId: Readonly<Record<string, T>>;
  readonly status: LoadStatus;
  /** Bumped by each load; a reply from a superseded load is dropped. */
  readonly loadSeq: number;
  /** A load is in flight. */
  readonly pending: boolean;
  /**
   * Ids changed by events while the current load was in flight. The list reply may predate
   * those events, so for these ids the newer of the two versions wins.
   */
  readonly touched: ReadonlySet<string>;
  /** Ids deleted by an event. Ids are never reused, so a late or stale event must not revive one. */
  readonly removed: ReadonlySet<string>;
}

export function emptyCollection<T extends Entity>(): Collection<T> {
  return {
    byId: {},
    status: 'idle',
    loadSeq: 0,
    pending: false,
    touched: new Set(),
    removed: new Set(),
  };
}

export function beginLoad<T extends Entity>(c: Collection<T>): Collection<T> {
  return {
    ...c,
    status: c.status === 'ready' ? 'ready' : 'loading',
    loadSeq: c.loadSeq + 1,
    pending: true,
    touched: new Set(),
  };
}

export function finishLoad<T extends Entity>(
  c: Collection<T>,
  seq: number,
  list: readonly T[],
): Collection<T> {
  if (seq !== c.loadSeq) return c;
  const byId: Record<string, T> = {};
  for (const item of list) {
    if (c.removed.has(item.id)) continue;
    const kept = c.touched.has(item.id) ? c.byId[item.id] : undefined;
    byId[item.id] = kept && kept.updatedAt > item.updatedAt ? kept : item;
  }
  for (const id of c.touched) {
    const kept = c.byId[id];
    if (kept && !(id in byId)) byId[id] = kept;
  }
  recordChanges(byId, c.byId, differingIds(c.byId, byId));
  return { ...c, byId, status: 'ready', pending: false, touched: new Set() };
}

export function failLoad<T extends Entity>(c: Collection<T>, seq: number): Collection<T> {
  if (seq !== c.loadSeq) return c;
  return {
    ...c,
    status: c.status === 'ready' ? 'ready' : 'error',
    pending: false,
    touched: new Set(),
  };
}

/** True when `incoming` is older news than the `current` version held. */
export type IsStale<T> = (current: T, incoming: T) => boolean;

const olderByUpdatedAt = <T extends Entity>(current: T, incoming: T): boolean =>
  current.updatedAt > incoming.updatedAt;

/** Applies one change: `entity` null means `id` was deleted. Older versions are ignored. */
export function applyChange<T extends Entity>(c: Collection<T>, id: string, entity: T | null): Collection<T> {
  return applyChanges(c, [[id, entity]]);
}

/**
 * Applies changes in order, as applyChange would one by one, but copies the map once: a frame's
 * worth of events costs one copy of thousands of entities, not one per event. Returns `c` itself
 * when no change took effect.
 */
export function applyChanges<T extends Entity>(
  c: Collection<T>,
  changes: Iterable<readonly [id: string, entity: T | null]>,
  isStale: IsStale<T> = olderByUpdatedAt,
): Collection<T> {
  // Each copied on the first change that needs it.
  let byId: Record<string, T> | null = null;
  let touched: Set<string> | null = null;
  let removed: Set<string> | null = null;
  const changed: string[] = [];
  for (const [id, entity] of changes) {
    if (entity === null) {
      byId ??= { ...c.byId };
      delete byId[id];
      (removed ??= new Set(c.removed)).add(id);
    } else {
      if ((removed ?? c.removed).has(id)) continue;
      const existing = (byId ?? c.byId)[id];
      if (existing && isStale(existing, entity)) continue;
      byId ??= { ...c.byId };
      byId[id] = entity;
    }
    if (c.pending) (touched ??= new Set(c.touched)).add(id);
    changed.push(id);
  }
  if (byId === null) return c;
  recordChanges(byId, c.byId, changed);
  return { ...c, byId, touched: touched ?? c.touched, removed: removed ?? c.removed };
}

/** Drops every entity matching `predicate` (e.g. the tasks of a deleted project). */
export function removeWhere<T extends Entity>(
  c: Collection<T>,
  predicate: (item: T) => boolean,
): Collection<T> {
  const byId: Record<string, T> = {};
  const removed = new Set(c.removed);
  let changed = false;
  for (const [id, item] of Object.entries(c.byId)) {
    if (predicate(item)) {
      removed.add(id);
      changed = true;
    } else {
      byId[id] = item;
    }
  }
  if (!changed) return c;
  recordChanges(
    byId,
    c.byId,
    [...removed].filter((id) => !c.removed.has(id)),
  );
  return { ...c, byId, removed };
}

// ---- What changed between two versions of a map ----

type ById = Readonly<Record<string, Entity>>;

/**
 * For each map made by a change above: the map it was made from and the ids that differ. The
 * older map is held weakly: a chain of versions must not keep every old map alive.
 */
const changeLog = new WeakMap<ById, { readonly base: WeakRef<ById>; readonly ids: readonly string[] }>();

/** Past this many ids, finding and patching the changes costs about as much as starting over. */
const MAX_LOGGED_IDS = 2000;

function recordChanges(next: ById, base: ById, ids: readonly string[] | null): void {
  if (ids !== null && ids.length <= MAX_LOGGED_IDS) changeLog.set(next, { base: new WeakRef(base), ids });
}

/** The ids whose entity differs between two maps (added, removed or replaced); null past the limit. */
function differingIds(before: ById, after: ById): string[] | null {
  const ids: string[] = [];
  for (const id in after) {
    if (before[id] !== after[id] && ids.push(id) > MAX_LOGGED_IDS) return null;
  }
  for (const id in before) {
    if (!(id in after) && ids.push(id) > MAX_LOGGED_IDS) return null;
  }
  return ids;
}

/**
 * The ids whose entity may differ between `base` and `next`, two versions of one collection's
 * map, when `next` was made from `base` by the changes above (a few steps at most). Null when
 * that is not known (too many steps or ids, or an unrelated map): then compare everything. Lets
 * what is derived from a collection (lanes, counts) be patched rather than computed again.
 */
export function changedIdsSince(next: ById, base: ById, maxSteps = 32): ReadonlySet<string> | null {
  const ids = new Set<string>();
  let at = next;
  for (let step = 0; at !== base; step++) {
    const entry = changeLog.get(at);
    const from = entry?.base.deref();
    if (!entry || !from || step === maxSteps) return null;
    for (const id of entry.ids) ids.add(id);
    if (ids.size > MAX_LOGGED_IDS) return null;
    at = from;
  }
  return ids;
}
