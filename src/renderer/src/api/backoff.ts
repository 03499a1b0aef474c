/** Delay before reconnect attempt `attempt` (0-based): doubling from 500 ms, capped, jittered. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}
