import type { StoreApi } from 'zustand';
import type { Page } from '@shared/contract';
import { applyChanges, beginLoad, failLoad, finishLoad, type Collection, type Entity } from './collection';

/** Lets the window paint and handle input between two pages. */
function yieldToWindow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The pages of one paged list, first to last (or until `maxItems` items came): each call to
 * `fetchPage` gets the cursor the page before answered. The next page is asked for as soon as
 * its cursor is known, before this one is shown, so the host reads it while the window draws.
 */
export async function* pagesOf<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxItems = Infinity,
): AsyncGenerator<T[]> {
  let next: Promise<Page<T>> | null = fetchPage(undefined);
  let count = 0;
  while (next) {
    const page: Page<T> = await next;
    count += page.items.length;
    const cursor = page.nextCursor ?? undefined;
    next = cursor !== undefined && count < maxItems ? fetchPage(cursor) : null;
    // A load given up (a newer one began) never awaits it: its failure is nobody's to report.
    next?.catch(() => undefined);
    yield page.items;
    if (next) await yieldToWindow();
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
