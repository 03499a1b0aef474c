import { describe, expect, it } from 'vitest';
import {
  INITIAL_FOLLOW,
  jumpToLatest,
  onScroll,
  onUserScrollUp,
  unseenCount,
  type FollowState,
} from '@renderer/features/run/follow';

const at = (scrollTop: number, scrollHeight = 2000, clientHeight = 500) => ({
  scrollTop,
  scrollHeight,
  clientHeight,
});

describe('auto-scroll of the live output', () => {
  it('keeps following while the view scrolls itself to the bottom as content grows', () => {
    let state: FollowState = INITIAL_FOLLOW;
    state = onScroll(state, at(1500), 10);
    expect(state.following).toBe(true);
    // Content grew: our own scroll to the new bottom.
    state = onScroll(state, at(2500, 3000), 20);
    expect(state.following).toBe(true);
  });

  it('pauses when the person scrolls up, and counts what arrives meanwhile', () => {
    let state = onScroll(INITIAL_FOLLOW, at(1500), 10);
    state = onScroll(state, at(1200), 10);
    expect(state.following).toBe(false);
    expect(unseenCount(state, 10)).toBe(0);
    expect(unseenCount(state, 14)).toBe(4);
  });

  it('stays paused while content grows below or the person scrolls down but not to the bottom', () => {
    let state = onScroll(onScroll(INITIAL_FOLLOW, at(1500), 10), at(1000), 10);
    state = onScroll(state, at(1100, 2600), 12);
    expect(state.following).toBe(false);
  });

  it('resumes at the bottom, within a little slack', () => {
    let state = onScroll(onScroll(INITIAL_FOLLOW, at(1500), 10), at(1000), 10);
    state = onScroll(state, at(1490), 12);
    expect(state.following).toBe(true);
    expect(unseenCount(state, 12)).toBe(0);
  });

  it('does not count a small shift near the bottom as scrolling up', () => {
    const state = onScroll(onScroll(INITIAL_FOLLOW, at(1500), 10), at(1490), 10);
    expect(state.following).toBe(true);
  });

  it('jumps to the latest on request', () => {
    const paused = onScroll(onScroll(INITIAL_FOLLOW, at(1500), 10), at(100), 10);
    const state = jumpToLatest(paused);
    expect(state.following).toBe(true);
    expect(unseenCount(state, 50)).toBe(0);
  });

  it('pauses on a wheel up only where the box can scroll', () => {
    expect(onUserScrollUp(INITIAL_FOLLOW, at(0, 400, 500), 3)).toBe(INITIAL_FOLLOW);
    expect(onUserScrollUp(INITIAL_FOLLOW, at(1500), 3).following).toBe(false);
  });
});
