import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

/**
 * Where the next page of a list starts: the sort key (creation time, then id) of the last item
 * of the page before. The next page of a newest-first list holds only items strictly older than
 * it, so items added meanwhile never shift a page (they are newer than every cursor); the next
 * page of an oldest-first list holds only items strictly newer.
 */
export interface PagePosition {
  readonly createdAt: string;
  readonly id: string;
}

/**
 * The most items one page holds: 2,500 list rows take the host ~20 ms to read and send, and
 * bigger pages would hold its event loop too long. Fewer, bigger pages fill a long list sooner
 * (each page is one round trip after the last: a keyset cursor cannot be guessed ahead).
 */
export const PAGE_LIMIT_MAX = 2500;
export const PAGE_LIMIT_DEFAULT = 500;

/**
 * Which end a list is read from. A long list is read from both at once (newest first from the
 * top, oldest first from the bottom) until the two meet: half the round trips one after another.
 */
export const LIST_ORDERS = ['newest', 'oldest'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];
export const listOrderSchema = z.enum(LIST_ORDERS).default('newest');

const SEPARATOR = ' ';

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

/** The opaque text a list answers as `nextCursor`. Ids and timestamps are ASCII, as btoa needs. */
export function encodeCursor(position: PagePosition): string {
  return toBase64Url(`${position.createdAt}${SEPARATOR}${position.id}`);
}

/** The position a cursor names, or null when the text is not a cursor a list gave. */
export function decodeCursor(cursor: string): PagePosition | null {
  const text = fromBase64Url(cursor);
  if (text === null) return null;
  const [createdAt, id, ...rest] = text.split(SEPARATOR);
  if (rest.length > 0 || createdAt === undefined || id === undefined) return null;
  if (!timestampSchema.safeParse(createdAt).success || !idSchema.safeParse(id).success) return null;
  return { createdAt, id };
}

const NOT_A_CURSOR = 'is not a cursor a list gave (pass nextCursor back unchanged)';

/**
 * A `cursor` input: a list's `nextCursor`, passed back unchanged; parsed into its position. Any
 * other text is refused as VALIDATION_FAILED on the field `cursor`.
 */
export const cursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/, NOT_A_CURSOR)
  .transform((cursor, ctx) => {
    const position = decodeCursor(cursor);
    if (position === null) {
      ctx.addIssue({ code: 'custom', message: NOT_A_CURSOR, input: cursor });
      return z.NEVER;
    }
    return position;
  });

export const pageLimitSchema = z.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT);

/** One page of a list, and where the next one starts (null: this was the last). */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page that also says how many items the whole list held when it was read, and when that was
 * (`asOf`, the core's events position, events-position.ts): two pages as of the same position
 * were read from the same data.
 */
export function countedPageSchema<Item extends z.ZodType>(item: Item) {
  return pageSchema(item).extend({ total: z.number().int().nonnegative(), asOf: z.string() });
}

export interface CountedPage<T> extends Page<T> {
  total: number;
  asOf: string;
}
