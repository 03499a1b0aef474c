import type { RunEvent, RunEventPage } from '@shared/contract';

/**
 * What the window holds of one run's timeline: events in seq order without duplicates, put
 * together from pages of `dispatches.events` and live `run.output` events. Pure data: every
 * function below returns a new value, or the same one when nothing changed.
 */
export interface RunLog {
  readonly events: readonly RunEvent[];
  /**
   * Every event the core stored with seq <= cursor is in `events` (or was trimmed away by the
   * core). The next page is asked for after it.
   */
  readonly cursor: number;
  /** The core dropped older agent output to keep the run under its output cap. */
  readonly trimmed: boolean;
  /** The history has been read up to the end at least once. */
  readonly loaded: boolean;
  /** A page is being fetched. */
  readonly fetching: boolean;
  /** Why the last fetch failed, '' when it did not. */
  readonly error: string;
}

export const EMPTY_RUN_LOG: RunLog = {
  events: [],
  cursor: 0,
  trimmed: false,
  loaded: false,
  fetching: false,
  error: '',
};

function sortedUnique(events: readonly RunEvent[]): RunEvent[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return sorted.filter((event, i) => i === 0 || sorted[i - 1]!.seq !== event.seq);
}

/**
 * `existing` (sorted, unique) with `incoming` (any order, duplicates allowed) merged in by seq.
 * The usual case, newer events after the last one, appends without re-sorting.
 */
export function mergeEvents(
  existing: readonly RunEvent[],
  incoming: readonly RunEvent[],
): readonly RunEvent[] {
  if (incoming.length === 0) return existing;
  const add = sortedUnique(incoming);
  const last = existing.at(-1)?.seq ?? -1;
  if (add[0]!.seq > last) return [...existing, ...add];
  const known = new Set(existing.map((event) => event.seq));
  const fresh = add.filter((event) => !known.has(event.seq));
  if (fresh.length === 0) return existing;
  return sortedUnique([...existing, ...fresh]);
}

/** Moves the cursor over events that follow it without a hole. */
function advance(events: readonly RunEvent[], cursor: number): number {
  let next = cursor;
  // Events are sorted: find the first one past the cursor, then walk while seqs are contiguous.
  let i = firstAfter(events, next);
  while (i < events.length && events[i]!.seq === next + 1) {
    next += 1;
    i += 1;
  }
  return next;
}

/** Index of the first event with seq > `seq` (binary search). */
export function firstAfter(events: readonly RunEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies a page read after `log.cursor`. The core returns every stored event after the
 * cursor, so the cursor moves to the page's last event even over holes (trimmed output); when
 * the page is not full the history is read to its end.
 */
export function applyPage(log: RunLog, page: RunEventPage, limit: number): RunLog {
  const events = mergeEvents(log.events, page.events);
  const pageEnd = page.nextAfterSeq ?? log.cursor;
  const cursor = advance(events, Math.max(log.cursor, pageEnd));
  const complete = page.events.length < limit;
  return {
    ...log,
    events,
    cursor,
    trimmed: log.trimmed || page.trimmed,
    loaded: log.loaded || complete,
    error: '',
  };
}

export interface LiveResult {
  log: RunLog;
  /** Events are missing between the cursor and what arrived: fetch the page after the cursor. */
  gap: boolean;
}

/** Applies events pushed live. Duplicates are dropped; a hole before them asks for a fetch. */
export function applyLive(log: RunLog, entries: readonly RunEvent[]): LiveResult {
  if (entries.length === 0) return { log, gap: false };
  const events = mergeEvents(log.events, entries);
  const cursor = advance(events, log.cursor);
  const gap = hasGap({ events, cursor });
  if (events === log.events && cursor === log.cursor) return { log, gap };
  if (log.trimmed === false && entries.some((e) => e.kind === 'trimmed')) {
    return { log: { ...log, events, cursor, trimmed: true }, gap };
  }
  return { log: { ...log, events, cursor }, gap };
}

/** Events are known past the cursor, so some between may be missing. */
export function hasGap(log: Pick<RunLog, 'events' | 'cursor'>): boolean {
  return (log.events.at(-1)?.seq ?? 0) > log.cursor;
}
