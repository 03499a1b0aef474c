import { encodeCursor, type Page, type PagePosition } from '@shared/contract/paging';

/** One page of a newest-first list, and the position after its last item (null: no more). */
export interface RepositoryPage<T> {
  items: T[];
  next: PagePosition | null;
}

/** Where a page starts (null: at the newest) and how many items it holds at most. */
export interface PageRequest {
  limit: number;
  after: PagePosition | null;
}

/**
 * Cuts the rows of a query that asked for `limit + 1` (the one past the page says that another
 * page follows) into a page of items.
 */
export function cutPage<Row, Item extends { createdAt: string; id: string }>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): RepositoryPage<Item> {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(toItem);
  const last = items.at(-1);
  return { items, next: more && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/**
 * The named parameters of a page query: its keyset condition `(created_at, id) < (…)` (unused
 * on a first page) and its LIMIT, one past the page.
 */
export function afterParams(request: PageRequest): {
  afterCreatedAt: string | null;
  afterId: string | null;
  limit: number;
} {
  return {
    afterCreatedAt: request.after?.createdAt ?? null,
    afterId: request.after?.id ?? null,
    limit: request.limit + 1,
  };
}

/** The page as a list channel answers it, with its next position as an opaque cursor. */
export function toListPage<T>(page: RepositoryPage<T>): Page<T> {
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
}
