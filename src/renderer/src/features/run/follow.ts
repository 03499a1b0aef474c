/**
 * Whether the live output follows new entries. It does until the person scrolls up, and again
 * once they scroll back to the bottom (or press "Jump to latest"). Content growing under a
 * paused view does not resume it, and the view's own scroll to the bottom does not pause it.
 */
export interface FollowState {
  readonly following: boolean;
  /** scrollTop at the last scroll event, to tell scrolling up from content changing. */
  readonly lastTop: number;
  /** How many entries there were when following stopped: the rest arrived unseen. */
  readonly seenCount: number;
}

export interface ScrollMetrics {
  readonly scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** How close to the bottom still counts as "at the bottom" (a line's worth, and rounding). */
export const BOTTOM_SLACK_PX = 24;

export const INITIAL_FOLLOW: FollowState = { following: true, lastTop: 0, seenCount: 0 };

export function distanceFromBottom(m: ScrollMetrics): number {
  return Math.max(0, m.scrollHeight - m.scrollTop - m.clientHeight);
}

/** A scroll event happened with these metrics while `count` entries were shown. */
export function onScroll(state: FollowState, m: ScrollMetrics, count: number): FollowState {
  if (distanceFromBottom(m) <= BOTTOM_SLACK_PX) {
    return state.following && state.lastTop === m.scrollTop
      ? state
      : { following: true, lastTop: m.scrollTop, seenCount: 0 };
  }
  if (m.scrollTop < state.lastTop && state.following) {
    return { following: false, lastTop: m.scrollTop, seenCount: count };
  }
  return state.lastTop === m.scrollTop ? state : { ...state, lastTop: m.scrollTop };
}

/** The person asked to go up (wheel up) where the box can scroll: stop following at once. */
export function onUserScrollUp(state: FollowState, m: ScrollMetrics, count: number): FollowState {
  if (!state.following || m.scrollHeight <= m.clientHeight) return state;
  return { following: false, lastTop: m.scrollTop, seenCount: count };
}

/** "Jump to latest". */
export function jumpToLatest(state: FollowState): FollowState {
  return state.following ? state : { ...state, following: true, seenCount: 0 };
}

/** Entries that arrived since following stopped. */
export function unseenCount(state: FollowState, count: number): number {
  return state.following ? 0 : Math.max(0, count - state.seenCount);
}
