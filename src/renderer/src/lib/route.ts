import { useSyncExternalStore } from 'react';

export const PAGES = ['queue', 'runs', 'reviews', 'runners', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'queue';
}

export function hrefFor(page: Page): string {
  return `#/${page}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page lives in the hash so reloads and Back keep it, in the browser and in Electron. */
export function usePage(): Page {
  return useSyncExternalStore(subscribe, () => pageFromHash(window.location.hash));
}
