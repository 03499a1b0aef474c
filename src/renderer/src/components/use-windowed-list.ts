import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { computeWindow, sameWindow, scrollTopToReveal, type WindowRange } from '@renderer/stores/windowing';

export interface WindowedListOptions {
  /** Rows rendered beyond each edge (default 4). */
  overscan?: number;
  /** Render every row (for comparison in the benchmark). */
  disabled?: boolean;
  /**
   * The viewport's height when last seen (e.g. before the page was left): the first render then
   * shows the right rows rather than a few, and measuring on mount changes nothing.
   */
  initialHeight?: number;
}

export interface WindowedList<E extends HTMLElement> {
  /** Attach to the scrolling element (fixed height, overflow auto). */
  ref: RefObject<E | null>;
  range: WindowRange;
  /** Scrolls just enough to show row `index` whole; returns at once. */
  scrollToIndex(index: number): void;
  /** Rows that fit in the viewport (at least 1). */
  viewportRows: number;
  /** The viewport's height in pixels as last measured (0 before the first measure). */
  viewportHeight: number;
}

/**
 * Renders only the rows in view of a list whose rows all have one height. Re-renders when the
 * set of rows to render changes, not on every scroll event.
 */
export function useWindowedList<E extends HTMLElement>(
  count: number,
  rowHeight: number,
  { overscan = 4, disabled = false, initialHeight = 0 }: WindowedListOptions = {},
): WindowedList<E> {
  const ref = useRef<E>(null);
  const [view, setView] = useState({ scrollTop: 0, height: initialHeight });
  // What the scroll handler compares with; updated before the browser can scroll again.
  const latest = useRef({ count, rowHeight, overscan });
  useLayoutEffect(() => {
    latest.current = { count, rowHeight, overscan };
  }, [count, rowHeight, overscan]);

  const read = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const next = { scrollTop: element.scrollTop, height: element.clientHeight };
    setView((current) => {
      if (current.height === next.height && current.scrollTop === next.scrollTop) return current;
      const params = latest.current;
      const before = computeWindow({
        ...params,
        viewportHeight: current.height,
        scrollTop: current.scrollTop,
      });
      const after = computeWindow({ ...params, viewportHeight: next.height, scrollTop: next.scrollTop });
      return current.height === next.height && sameWindow(before, after) ? current : next;
    });
  }, []);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    read();
    element.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [read]);

  const range = useMemo(
    () =>
      disabled
        ? { start: 0, end: count, offsetTop: 0, totalHeight: count * rowHeight }
        : computeWindow({
            count,
            rowHeight,
            overscan,
            viewportHeight: view.height,
            scrollTop: view.scrollTop,
          }),
    [disabled, count, rowHeight, overscan, view.height, view.scrollTop],
  );

  const scrollToIndex = useCallback(
    (index: number) => {
      const element = ref.current;
      if (!element) return;
      const top = scrollTopToReveal(index, rowHeight, element.clientHeight, element.scrollTop);
      if (top !== element.scrollTop) {
        element.scrollTop = top;
        read();
      }
    },
    [rowHeight, read],
  );

  return {
    ref,
    range,
    scrollToIndex,
    viewportRows: Math.max(1, Math.floor(view.height / rowHeight)),
    viewportHeight: view.height,
  };
}
