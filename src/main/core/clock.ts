/** Injected everywhere time matters so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC with milliseconds: the only timestamp format stored or sent. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/**
 * Whether `ms` have passed from `since` to `now` (epoch ms of one clock). A clock set back since
 * then counts as passed: nothing waits for the clock to catch up with where it was.
 */
export function hasElapsed(now: number, since: number, ms: number): boolean {
  return now < since || now - since >= ms;
}
