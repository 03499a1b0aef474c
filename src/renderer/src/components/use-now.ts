import { useSyncExternalStore } from 'react';

/**
 * One clock for every ticking elapsed time in the window: a single timer runs while at least
 * one component listens, and each listener re-renders once a second.
 */
const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function snapshot(): number {
  // With no timer running the value may be old: refresh it, at most once a second so that
  // every read within one render agrees.
  if (timer === null && Date.now() - now >= TICK_MS) now = Date.now();
  return now;
}

const still = () => () => {};

/** Date.now(), updated every second while `ticking`; a fixed value otherwise. */
export function useNow(ticking = true): number {
  return useSyncExternalStore(ticking ? subscribe : still, snapshot);
}
