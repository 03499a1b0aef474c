import { describe, expect, it } from 'vitest';
import {
  HOST_UNREACHABLE,
  MAX_MESSAGE_LENGTH,
  MAX_TOASTS,
  addToast,
  clearCondition,
  composeToast,
  noticeToast,
  removeToast,
  type Toast,
} from '@renderer/stores/toasts';
import { backoffDelay } from '@renderer/api/backoff';

describe('toasts', () => {
  const toast = (id: number, message = `m${id}`): Toast => composeToast(id, { kind: 'error', text: message });

  it('keeps only the newest few', () => {
    let list: Toast[] = [];
    for (let i = 1; i <= MAX_TOASTS + 2; i += 1) list = addToast(list, toast(i));
    expect(list.map((t) => t.id)).toEqual([3, 4, 5, 6]);
  });

  it('shows a repeated message once, counting the repeats, as the newest', () => {
    let list = addToast(addToast([toast(1, 'same')], toast(2)), toast(3, 'same'));
    list = addToast(list, toast(4, 'same'));
    expect(list.map((t) => [t.id, t.message, t.count])).toEqual([
      [2, 'm2', 1],
      [1, 'same', 3],
    ]);
  });

  it('keeps a long text to one short line with the whole text behind Details', () => {
    const long = `Could not run “Fix login”: ${'the runner said something very long about it '.repeat(6)}`;
    const shown = composeToast(1, { kind: 'error', text: long });
    expect(shown.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH + 1);
    expect(shown.message).toMatch(/…$/);
    expect(shown.details).toBe(long.trim());
    const lines = composeToast(2, { kind: 'error', text: 'First line\nsecond line\nthird' });
    expect([lines.message, lines.details]).toEqual(['First line', 'second line\nthird']);
    expect(composeToast(3, { kind: 'info', text: 'Saved.' }).details).toBeNull();
  });

  it('offers Open runner for a host-key failure', () => {
    const failure = composeToast(1, {
      kind: 'error',
      text: 'Could not run “Fix login”: The host key of box changed (SHA256:abc). Test the runner on the Runners page.',
    });
    expect(failure.action).toEqual({ label: 'Open runner', href: '#/runners' });
    expect(composeToast(2, { kind: 'error', text: 'Something else failed' }).action).toBeNull();
  });

  it('clears the toasts of a condition once it ends, and only those', () => {
    const down = composeToast(1, {
      kind: 'error',
      text: 'Cannot reach the Sortie host. Is `npm run serve` still running?',
    });
    expect(down.condition).toBe(HOST_UNREACHABLE);
    // Every failed call while the host is away says so in its own words: one toast tells it.
    const again = composeToast(3, {
      kind: 'error',
      text: 'Could not load tasks: Cannot reach the Sortie host. Is `npm run serve` still running?',
    });
    const list = addToast(addToast([down], toast(2)), again);
    expect(list.map((t) => [t.id, t.count, t.message])).toEqual([
      [2, 1, 'm2'],
      [1, 2, 'Could not load tasks: Cannot reach the Sortie host. Is `npm run serve` still running?'],
    ]);
    expect(clearCondition(list, HOST_UNREACHABLE).map((t) => t.id)).toEqual([2]);
    const calm = [toast(3)];
    expect(clearCondition(calm, HOST_UNREACHABLE)).toBe(calm);
  });

  it('turns a success notice into its title with a link action, not the URL as text', () => {
    const url = 'https://github.com/acme/api/pull/7';
    const done = noticeToast({
      id: 'n1',
      level: 'success',
      title: 'Done: Fix login',
      body: `Fixed the redirect.\n${url}`,
      dispatchId: 'dsp_00000000000000000001',
      taskId: null,
      reviewId: null,
      url,
    });
    expect(done).toEqual({
      kind: 'info',
      text: 'Done: Fix login',
      details: 'Fixed the redirect.',
      action: { label: 'Open pull request', url },
    });
    const notice = {
      id: 'n2',
      level: 'error' as const,
      title: 'Failed: Fix login',
      body: 'Host key mismatch for box',
      dispatchId: 'dsp_00000000000000000001',
      taskId: null,
      reviewId: null,
      url: null,
    };
    expect(noticeToast(notice).action).toEqual({ label: 'Open runner', href: '#/runners' });
    const blocked = noticeToast({ ...notice, level: 'warning', title: 'Blocked: x', body: 'needs input' });
    expect(blocked.action).toEqual({ label: 'Open run', href: '#/run/dsp_00000000000000000001' });
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
