import type { StoreApi } from 'zustand';
import { LIST_ORDERS, type CountedPage, type ListOrder, type Page } from '@shared/contract';
import { applyChanges, beginLoad, failLoad, finishLoad, type Collection, type Entity } from './collection';

/** Lets the window paint and handle input between two pages. */
function yieldToWindow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The pages of one paged list, first to last (or until `maxItems` items came): each call to
 * `fetchPage` gets the cursor the page before answered, and how many items came before it. The
 * next page is asked for as soon as its cursor is known, before this one is shown, so the host
 * reads it while the window draws.
 */
export async function* pagesOf<T>(
  fetchPage: (cursor: string | undefined, itemsBefore: number) => Promise<Page<T>>,
  maxItems = Infinity,
): AsyncGenerator<T[]> {
  let next: Promise<Page<T>> | null = fetchPage(undefined, 0);
  let count = 0;
  while (next) {
    const page: Page<T> = await next;
    count += page.items.length;
    const cursor = page.nextCursor ?? undefined;
    next = cursor !== undefined && count < maxItems ? fetchPage(cursor, count) : null;
    // A load given up (a newer one began) never awaits it: its failure is nobody's to report.
    next?.catch(() => undefined);
    yield page.items;
    if (next) await yieldToWindow();
  }
}

/** One end a list is read from, and where it stands. */
interface ListEnd<T> {
  order: ListOrder;
  /** The page on its way from this end, if one was asked for. */
  next: Promise<{ end: ListEnd<T>; page: CountedPage<T> }> | null;
  /** How many items that page was asked for (1: a probe whether the ends meet). */
  asked: number;
  cursor: string | undefined;
}

/**
 * The pages of a list read from both ends at once, newest first from the top and oldest first
 * from the bottom, until the two meet: a list of up to two pages takes one round trip of full
 * pages instead of two, a longer one half as many one after another (a keyset cursor cannot be
 * guessed ahead). Each item is given once.
 *
 * The load ends when the ends meet: a page reaches what the other end gave, or the list's far
 * end. The list's `total` decides how many pages to ask for ahead; it also ends the load once
 * the pages hold that many items, if every page was read as of the same moment (`asOf`: nothing
 * changed in between). Otherwise items changed while the load is out may keep the count while
 * leaving a gap, so the newest end asks for one item more to see whether the ends meet, and a
 * fresh item there means a gap, read on with full pages. (The window's events bring the items
 * that changed meanwhile; the unchanged ones all come from here.)
 */
export async function* pagesFromBothEnds<T extends { id: string }>(
  fetchPage: (order: ListOrder, cursor: string | undefined, limit: number) => Promise<CountedPage<T>>,
  pageSize: number,
): AsyncGenerator<T[]> {
  const seen = new Set<string>();
  let total = 0;
  /** The moment every page so far was read as of; null once two differ. */
  let asOf: string | null | undefined;
  /** A probe found an item the count said was not there: the count is no guide any more. */
  let gap = false;
  const ask = (end: ListEnd<T>, limit: number) => {
    end.asked = limit;
    end.next = fetchPage(end.order, end.cursor, limit).then((page) => ({ end, page }));
    // A load given up never awaits it: its failure is nobody's to report.
    end.next.catch(() => undefined);
  };
  const ends: ListEnd<T>[] = LIST_ORDERS.map((order) => ({ order, next: null, asked: 0, cursor: undefined }));
  for (const end of ends) ask(end, pageSize);
  for (;;) {
    const coming = ends.filter((end) => end.next !== null);
    const { end, page } = await Promise.race(coming.map((e) => e.next!));
    end.next = null;
    total = Math.max(total, page.total);
    asOf = asOf === undefined || asOf === page.asOf ? page.asOf : null;
    const fresh = page.items.filter((item) => !seen.has(item.id));
    for (const item of fresh) seen.add(item.id);
    end.cursor = page.nextCursor ?? undefined;
    const onTheirWay = ends.filter((e) => e.next !== null).length;
    const met =
      fresh.length < page.items.length ||
      page.nextCursor === null ||
      // The same data throughout, and all of it here.
      (onTheirWay === 0 && !gap && asOf !== null && seen.size >= total);
    if (!met) {
      if (end.asked < pageSize) gap = true;
      let short = total - seen.size - pageSize * onTheirWay;
      for (const idle of ends) {
        if (!gap && short <= 0) break;
        if (idle.next === null) {
          ask(idle, pageSize);
          short -= pageSize;
        }
      }
      // Nothing on its way, yet the ends have not met: one item from the top says whether they do.
      if (ends.every((e) => e.next === null)) ask(ends[0]!, 1);
    }
    if (fresh.length > 0) yield fresh;
    if (met) return;
    await yieldToWindow();
  }
}

/**
 * The pages of several lists read at the same time, each page as soon as it comes: the lists'
 * round trips overlap instead of following each other. Leaving early stops every list.
 */
export async function* concurrentPages<T>(...lists: AsyncIterable<T[]>[]): AsyncGenerator<T[]> {
  const iterators = lists.map((list) => list[Symbol.asyncIterator]());
  const next = (index: number) => iterators[index]!.next().then((result) => ({ index, result }));
  const pending = new Map(iterators.map((_, index) => [index, next(index)] as const));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pending.set(index, next(index));
      yield result.value;
    }
  } finally {
    for (const index of pending.keys()) void iterators[index]!.return?.(undefined);
  }
}

/** How many items the pages hold together. */
export async function countPages(pages: AsyncIterable<readonly unknown[]>): Promise<number> {
  let count = 0;
  for await (const items of pages) count += items.length;
  return count;
}

export interface PagedLoadOptions<T extends Entity> {
  /** Puts one page into the collection; by default each item unless a newer one is held. */
  applyPage?(c: Collection<T>, items: readonly T[]): Collection<T>;
  /** The collection's whole content once every page came (default: the items of every page). */
  settle?(items: T[]): T[];
}

/**
 * Pages are shown together at most this often, the first ones this long after the load began
 * (or when the last page came, if sooner). Showing a big board costs the window a render of
 * 50-70 ms on a small machine, during which it can neither ask for nor read the next page, and
 * a long list's pages come every 10-20 ms: a list of 5,000 is whole within this time (the
 * window's goal for a first render), and a slow link still shows what came, every 300 ms.
 */
const SHOW_EVERY_MS = 300;

/**
 * Loads a collection a page at a time: pages are shown as they arrive, gathered at most every
 * SHOW_EVERY_MS, and once the last one came the collection holds exactly what the pages held
 * (plus what events changed meanwhile), as a load of the whole list would. A newer load
 * supersedes this one, which then stops asking.
 */
export async function loadPages<T extends Entity>(
  store: StoreApi<Collection<T>>,
  pages: AsyncIterable<readonly T[]>,
  options: PagedLoadOptions<T> = {},
): Promise<void> {
  const applyPage =
    options.applyPage ??
    ((c, items) =>
      applyChanges(
        c,
        items.map((item) => [item.id, item]),
      ));
  let seq = 0;
  store.setState((c) => {
    const next = beginLoad(c);
    seq = next.loadSeq;
    return next;
  }, true);
  const all: T[] = [];
  let unshown: T[] = [];
  let shownAt = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    clearTimeout(timer);
    timer = undefined;
    const showing = unshown;
    unshown = [];
    shownAt = performance.now();
    if (showing.length > 0) store.setState((c) => (c.loadSeq === seq ? applyPage(c, showing) : c), true);
  };
  try {
    for await (const items of pages) {
      // Superseded: the newer load fills the collection (leaving the loop ends the pages too).
      if (store.getState().loadSeq !== seq) return;
      all.push(...items);
      unshown.push(...items);
      const since = performance.now() - shownAt;
      if (since >= SHOW_EVERY_MS) show();
      else timer ??= setTimeout(show, SHOW_EVERY_MS - since);
    }
    clearTimeout(timer);
    const settled = options.settle ? options.settle(all) : all;
    store.setState((c) => finishLoad(c, seq, settled), true);
  } catch (error) {
    clearTimeout(timer);
    store.setState((c) => failLoad(c, seq), true);
    throw error;
  }
}
