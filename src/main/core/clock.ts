/** Injected everywhere time matters so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC with milliseconds: the only timestamp format stored or sent. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
