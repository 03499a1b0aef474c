import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountedPage, ListOrder } from '@shared/contract';
import { pagesFromBothEnds } from '../../../src/renderer/src/stores/paged-load';

type Item = { id: string };

const idOf = (n: number) => `t${String(n).padStart(6, '0')}`;

/**
 * A list as the core pages it: newest first or oldest first (ids sort as creation times do),
 * the cursor naming the last item given, with the list's total on every page. Each answer waits
 * the turns `delays` gives, so the two ends answer in every order; `onCall` may change the list
 * between calls, as other windows do while a load is out.
 */
function fakeList(size: number, delays: () => number, onCall: (call: number) => void = () => {}) {
  let ids = Array.from({ length: size }, (_, i) => idOf(i + 1));
  /** Moves on with every change, as the core's events position does. */
  let version = 0;
  const calls: { order: ListOrder; cursor: string | undefined; limit: number }[] = [];
  async function fetchPage(
    order: ListOrder,
    cursor: string | undefined,
    limit: number,
  ): Promise<CountedPage<Item>> {
    calls.push({ order, cursor, limit });
    onCall(calls.length);
    for (let turn = delays(); turn > 0; turn--) await Promise.resolve();
    const sorted = [...ids].sort();
    const view = order === 'newest' ? sorted.reverse() : sorted;
    // Strictly past the cursor's position, whether or not its item is still there.
    const after =
      cursor === undefined ? view : view.filter((id) => (order === 'newest' ? id < cursor : id > cursor));
    const items = after.slice(0, limit).map((id) => ({ id }));
    const more = after.length > limit;
    return { items, nextCursor: more ? items.at(-1)!.id : null, total: ids.length, asOf: `v${version}` };
  }
  return {
    calls,
    fetchPage,
    ids: () => [...ids],
    remove: (id: string) => {
      ids = ids.filter((other) => other !== id);
      version++;
    },
    add: (id: string) => {
      ids = [...ids, id];
      version++;
    },
  };
}

async function readAll(pages: AsyncIterable<Item[]>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) ids.push(...page.map((item) => item.id));
  return ids;
}

describe('reading a list from both ends', () => {
  it('gives every item once, in few calls, whatever order the ends answer in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 4 })),
        async (size, pageSize, delayStream) => {
          const delays = delayStream[Symbol.iterator]();
          const list = fakeList(size, () => delays.next().value as number);
          const ids = await readAll(
            pagesFromBothEnds((order, cursor, limit) => list.fetchPage(order, cursor, limit), pageSize),
          );
          expect([...ids].sort()).toEqual(list.ids().sort());
          expect(new Set(ids).size).toBe(ids.length);
          // The pages the list fills, plus at most an overlap and a one-item probe.
          expect(list.calls.length).toBeLessThanOrEqual(Math.max(2, Math.ceil(size / pageSize) + 2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never loses an unchanged item to items that changed while it read, even when the count stays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 4, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 60 })), {
          maxLength: 4,
        }),
        fc.infiniteStream(fc.integer({ min: 0, max: 4 })),
        async (size, pageSize, changes, delayStream) => {
          const delays = delayStream[Symbol.iterator]();
          const changed = new Set<string>();
          const list = fakeList(
            size,
            () => delays.next().value as number,
            (call) => {
              // Before some calls, one task leaves the list (closed) and another joins it in
              // the middle (an old one reopened): the count stays the same.
              for (const [atCall, pick] of changes) {
                if (atCall !== call) continue;
                const current = list.ids();
                const leaving = current[pick % current.length]!;
                const joining = `${idOf(pick % size)}r${call}`;
                list.remove(leaving);
                list.add(joining);
                changed.add(leaving).add(joining);
              }
            },
          );
          const before = list.ids();
          const ids = new Set(
            await readAll(
              pagesFromBothEnds((order, cursor, limit) => list.fetchPage(order, cursor, limit), pageSize),
            ),
          );
          // Changed tasks come as events; every task there all along must come from the load.
          for (const id of before) if (!changed.has(id)) expect(ids.has(id), id).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads two full pages of a list nobody changes in one round trip', async () => {
    const list = fakeList(5000, () => 0);
    const ids = await readAll(
      pagesFromBothEnds((order, cursor, limit) => list.fetchPage(order, cursor, limit), 2500),
    );
    expect(ids).toHaveLength(5000);
    expect(list.calls.map(({ order, limit }) => [order, limit])).toEqual([
      ['newest', 2500],
      ['oldest', 2500],
    ]);
  });

  it('asks for one item more when the list changed between its pages, to see that the ends meet', async () => {
    const list = fakeList(
      5000,
      () => 0,
      (call) => {
        // Between the two reads one task is closed and an old one reopened: the count stays.
        if (call === 2) {
          list.remove(idOf(4000));
          list.add(`${idOf(1)}r`);
        }
      },
    );
    const ids = await readAll(
      pagesFromBothEnds((order, cursor, limit) => list.fetchPage(order, cursor, limit), 2500),
    );
    expect(ids).toContain(idOf(2500));
    expect(list.calls.map(({ order, limit }) => [order, limit]).slice(0, 3)).toEqual([
      ['newest', 2500],
      ['oldest', 2500],
      ['newest', 1],
    ]);
  });
});
