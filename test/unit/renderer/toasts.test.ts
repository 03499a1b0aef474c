import { describe, expect, it } from 'vitest';
import { MAX_TOASTS, addToast, removeToast, type Toast } from '@renderer/stores/toasts';
import { backoffDelay } from '@renderer/api/backoff';

describe('toasts', () => {
  const toast = (id: number, message = `m${id}`): Toast => ({ id, kind: 'error', message });

  it('keeps only the newest few', () => {
    let list: Toast[] = [];
    for (let i = 1; i <= MAX_TOASTS + 2; i += 1) list = addToast(list, toast(i));
    expect(list.map((t) => t.id)).toEqual([3, 4, 5, 6]);
  });

  it('replaces a repeated message instead of stacking it', () => {
    const list = addToast(addToast([toast(1, 'same')], toast(2)), toast(3, 'same'));
    expect(list.map((t) => t.id)).toEqual([2, 3]);
  });

  it('removes by id', () => {
    expect(removeToast([toast(1), toast(2)], 1).map((t) => t.id)).toEqual([2]);
  });
});

describe('reconnect backoff', () => {
  it('doubles from half a second up to a cap, within ±25 %', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, mid))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(50, mid)).toBe(15_000);
    expect(backoffDelay(0, () => 0)).toBe(375);
    expect(backoffDelay(0, () => 1)).toBe(625);
  });
});
