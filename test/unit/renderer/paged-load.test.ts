import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountedPage, ListOrder } from '@shared/contract';
import { pagesFromBothEnds } from '../../../src/renderer/src/stores/paged-load';

type Item = { id: string };

/**
 * A list as the core pages it: newest first or oldest first, the cursor naming the last item
 * given (here its index in the list, newest first), with the list's total on every page. Each
 * answer waits the turns `delays` gives, so the two ends answer in every order.
 */
function fakeList(size: number, delays: () => number) {
  // Newest first, as a list of tasks is sorted.
  let list: Item[] = Array.from({ length: size }, (_, i) => ({
    id: `t${String(size - i).padStart(6, '0')}`,
  }));
  const calls: { order: ListOrder; cursor: string | undefined }[] = [];
  async function fetchPage(
    order: ListOrder,
    cursor: string | undefined,
    limit: number,
  ): Promise<CountedPage<Item>> {
    calls.push({ order, cursor });
    for (let turn = delays(); turn > 0; turn--) await Promise.resolve();
    const view = order === 'newest' ? list : [...list].reverse();
    const start = cursor === undefined ? 0 : view.findIndex((item) => item.id === cursor) + 1;
    const items = view.slice(start, start + limit);
    const more = start + limit < view.length;
    return { items, nextCursor: more ? items.at(-1)!.id : null, total: list.length };
  }
  return {
    calls,
    fetchPage,
    /** A task added at the top (newer than any), as one created while the load is out. */
    add: (id: string) => (list = [{ id }, ...list]),
    ids: () => list.map((item) => item.id),
  };
}

async function readAll(pages: AsyncIterable<Item[]>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) ids.push(...page.map((item) => item.id));
  return ids;
}

describe('reading a list from both ends', () => {
  it('gives every item once, in as few calls as the list needs, whatever order the ends answer in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 4 })),
        async (size, pageSize, delayStream) => {
          const delays = delayStream[Symbol.iterator]();
          const list = fakeList(size, () => delays.next().value as number);
          const ids = await readAll(
            pagesFromBothEnds((order, cursor) => list.fetchPage(order, cursor, pageSize), pageSize),
          );
          expect([...ids].sort()).toEqual([...list.ids()].sort());
          expect(new Set(ids).size).toBe(ids.length);
          // One call more than the pages the list fills at most (the two ends may overlap once).
          expect(list.calls.length).toBeLessThanOrEqual(Math.max(2, Math.ceil(size / pageSize) + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a list of two full pages in one round trip: one call from each end, none after', async () => {
    const list = fakeList(5000, () => 0);
    const ids = await readAll(
      pagesFromBothEnds((order, cursor) => list.fetchPage(order, cursor, 2500), 2500),
    );
    expect(ids).toHaveLength(5000);
    expect(list.calls).toEqual([
      { order: 'newest', cursor: undefined },
      { order: 'oldest', cursor: undefined },
    ]);
  });

  it('asks on when the list grew while it was read, and still gives every item', async () => {
    const list = fakeList(10, () => 0);
    let added = false;
    const ids = await readAll(
      pagesFromBothEnds(async (order, cursor) => {
        const page = await list.fetchPage(order, cursor, 5);
        // A task created between the two first reads: the oldest end sees a total of 11.
        if (!added) {
          added = true;
          list.add('t999999');
        }
        return page;
      }, 5),
    );
    // The new task itself comes as an event; every task the list had is here once.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id !== 't999999').sort()).toEqual(
      list
        .ids()
        .filter((id) => id !== 't999999')
        .sort(),
    );
  });
});
