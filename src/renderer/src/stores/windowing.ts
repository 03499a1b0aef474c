/** The arithmetic of a list that renders only the rows in view (every row the same height). */

export interface WindowInput {
  readonly count: number;
  /** Height of one row in pixels, gaps included. */
  readonly rowHeight: number;
  readonly viewportHeight: number;
  readonly scrollTop: number;
  /** Rows rendered beyond each edge, so fast scrolling shows no blank. */
  readonly overscan: number;
}

export interface WindowRange {
  /** First rendered row. */
  readonly start: number;
  /** One past the last rendered row. */
  readonly end: number;
  /** Where the first rendered row sits, in pixels from the top of the list. */
  readonly offsetTop: number;
  /** Height of the whole list, so the scrollbar is true. */
  readonly totalHeight: number;
}

export function computeWindow({
  count,
  rowHeight,
  viewportHeight,
  scrollTop,
  overscan,
}: WindowInput): WindowRange {
  const rows = Math.max(0, Math.floor(count));
  const totalHeight = rows * Math.max(0, rowHeight);
  if (rows === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  const view = Math.max(0, viewportHeight);
  // The browser clamps scrollTop, but the list may just have shrunk under it.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - view));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + view) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(rows, Math.max(last, first + 1) + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

export function sameWindow(a: WindowRange, b: WindowRange): boolean {
  return a.start === b.start && a.end === b.end && a.totalHeight === b.totalHeight;
}

/** The scrollTop that brings row `index` fully into view with the least movement. */
export function scrollTopToReveal(
  index: number,
  rowHeight: number,
  viewportHeight: number,
  scrollTop: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Whole rows in one viewport (at least one): how far Page Up and Page Down move. */
export function rowsPerPage(rowHeight: number, viewportHeight: number): number {
  return rowHeight > 0 ? Math.max(1, Math.floor(viewportHeight / rowHeight)) : 1;
}
