/** Anything the core sends with an id and a last-change time (ISO-8601 UTC, sortable as text). */
export interface Entity {
  readonly id: string;
  readonly updatedAt: string;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

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

/** Applies one change: `entity` null means `id` was deleted. Older versions are ignored. */
export function applyChange<T extends Entity>(c: Collection<T>, id: string, entity: T | null): Collection<T> {
  const touched = c.pending ? new Set(c.touched).add(id) : c.touched;
  if (entity === null) {
    const byId = { ...c.byId };
    delete byId[id];
    return { ...c, byId, touched, removed: new Set(c.removed).add(id) };
  }
  if (c.removed.has(id)) return c;
  const existing = c.byId[id];
  if (existing && existing.updatedAt > entity.updatedAt) return c;
  return { ...c, byId: { ...c.byId, [id]: entity }, touched };
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
  return changed ? { ...c, byId, removed } : c;
}
