import { useMemo, useSyncExternalStore } from 'react';

export const PAGES = ['queue', 'runs', 'reviews', 'runners', 'settings'] as const;
export type Page = (typeof PAGES)[number];

/** Where the window is: a top-level page, one task or run, or the tray's quick-dispatch window. */
export type Route =
  { page: Page } | { page: 'task'; taskId: string } | { page: 'run'; dispatchId: string } | { page: 'quick' };

const ID = /^[a-z]{3}_[0-9a-z]{20}$/;

export function routeFromHash(hash: string): Route {
  const [name = '', id = ''] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'task' && ID.test(id)) return { page: 'task', taskId: id };
  if (name === 'run' && ID.test(id)) return { page: 'run', dispatchId: id };
  if (name === 'quick') return { page: 'quick' };
  return { page: (PAGES as readonly string[]).includes(name) ? (name as Page) : 'queue' };
}

export function pageFromHash(hash: string): Page {
  return navPage(routeFromHash(hash));
}

/** The navigation entry a route belongs to: a task to the queue, a run to the runs. */
export function navPage(route: Route): Page {
  if (route.page === 'task') return 'queue';
  if (route.page === 'run') return 'runs';
  if (route.page === 'quick') return 'queue';
  return route.page;
}

export function hrefFor(page: Page): string {
  return `#/${page}`;
}

export function hrefForTask(taskId: string): string {
  return `#/task/${taskId}`;
}

export function hrefForRun(dispatchId: string): string {
  return `#/run/${dispatchId}`;
}

export function navigate(href: string): void {
  window.location.hash = href;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The route lives in the hash so reloads and Back keep it, in the browser and in Electron. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => routeFromHash(hash), [hash]);
}

export function usePage(): Page {
  return navPage(useRoute());
}
