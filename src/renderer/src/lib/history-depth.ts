/**
 * How many of the window's history entries lie before the current one since the app was opened,
 * so "back" can tell whether the previous entry is still Sortie. Each entry keeps its own depth in
 * its history state (which survives reloads); an entry without one was just added by a link.
 */
const KEY = 'sortieDepth';

function storedDepth(): number | null {
  const state: unknown = window.history.state;
  if (state && typeof state === 'object' && KEY in state) {
    const depth = (state as Record<string, unknown>)[KEY];
    if (typeof depth === 'number') return depth;
  }
  return null;
}

let depth = 0;
/** Set while the current entry is being replaced: the new one takes its depth. */
let replacing = false;

/** Says the next hash change replaces the current entry rather than adding one. */
export function markReplacement(): void {
  replacing = true;
}

/** Starts counting; returns the stop. Call once, when the window starts. */
export function trackHistoryDepth(): () => void {
  depth = storedDepth() ?? 0;
  const onHashChange = () => {
    const known = storedDepth();
    if (known !== null && !replacing) {
      depth = known;
      return;
    }
    if (!replacing) depth += 1;
    replacing = false;
    const state: unknown = window.history.state;
    window.history.replaceState({ ...(state && typeof state === 'object' ? state : {}), [KEY]: depth }, '');
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** Back to the previous page when it is Sortie's own, else to `fallback` (the page's parent). */
export function goBack(fallback: string): void {
  if (depth > 0) window.history.back();
  else window.location.hash = fallback;
}
