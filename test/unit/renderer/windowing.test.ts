import { describe, expect, it } from 'vitest';
import { computeWindow, rowsPerPage, sameWindow, scrollTopToReveal } from '@renderer/stores/windowing';

const base = { count: 5000, rowHeight: 100, viewportHeight: 450, scrollTop: 0, overscan: 2 };

describe('windowing', () => {
  it('renders the rows in view plus the overscan, and sizes the list for all of them', () => {
    expect(computeWindow(base)).toEqual({ start: 0, end: 7, offsetTop: 0, totalHeight: 500_000 });
    // Pixels 1250 to 1700: rows 12 to 16 in view, 10 to 18 with the overscan.
    expect(computeWindow({ ...base, scrollTop: 1250 })).toEqual({
      start: 10,
      end: 19,
      offsetTop: 1000,
      totalHeight: 500_000,
    });
  });

  it('stops at the ends of the list', () => {
    const end = computeWindow({ ...base, scrollTop: 500_000 - 450 });
    expect(end.end).toBe(5000);
    expect(end.start).toBe(5000 - 5 - 2);
    // A list that shrank under a scrolled viewport shows its last rows, not nothing.
    const shrunk = computeWindow({ ...base, count: 10, scrollTop: 400_000 });
    expect(shrunk).toEqual({ start: 3, end: 10, offsetTop: 300, totalHeight: 1000 });
  });

  it('handles empty lists, lists shorter than the viewport and an unmeasured viewport', () => {
    expect(computeWindow({ ...base, count: 0 })).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(computeWindow({ ...base, count: 3 })).toMatchObject({ start: 0, end: 3 });
    expect(computeWindow({ ...base, viewportHeight: 0 })).toMatchObject({ start: 0, end: 3 });
  });

  it('renders a bounded number of rows however long the list', () => {
    for (const count of [10, 1000, 100_000]) {
      const { start, end } = computeWindow({ ...base, count, scrollTop: 777_777 });
      expect(end - start).toBeLessThanOrEqual(Math.ceil(450 / 100) + 1 + 2 * 2);
    }
  });

  it('compares windows by what they render', () => {
    expect(sameWindow(computeWindow(base), computeWindow({ ...base, scrollTop: 20 }))).toBe(true);
    expect(sameWindow(computeWindow(base), computeWindow({ ...base, scrollTop: 120 }))).toBe(false);
  });

  it('scrolls as little as possible to reveal a row', () => {
    expect(scrollTopToReveal(3, 100, 450, 0)).toBe(0);
    expect(scrollTopToReveal(4, 100, 450, 0)).toBe(50);
    expect(scrollTopToReveal(2, 100, 450, 500)).toBe(200);
    expect(scrollTopToReveal(6, 100, 450, 500)).toBe(500);
  });

  it('pages by whole rows, at least one', () => {
    expect(rowsPerPage(100, 450)).toBe(4);
    expect(rowsPerPage(100, 50)).toBe(1);
    expect(rowsPerPage(0, 450)).toBe(1);
  });
});
