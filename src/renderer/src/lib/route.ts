import { useMemo, useSyncExternalStore } from 'react';
import { markReplacement } from './history-depth';

export const PAGES = ['queue', 'runs', 'reviews', 'runners', 'settings'] as const;
export type Page = (typeof PAGES)[number];

/**
 * Where the window is: a top-level page, one task, run or review, the tray's quick-dispatch
 * window, or the Reviews page asked for with its URL field focused ('new-review', from the tray).
 */
export type Route =
  | { page: Page }
  | { page: 'task'; taskId: string }
  | { page: 'run'; dispatchId: string }
  | { page: 'review'; reviewId: string }
  | { page: 'new-review' }
  | { page: 'automation' }
  | { page: 'quick' };

const ID = /^[a-z]{3}_[0-9a-z]{20}$/;

/**
 * The Reviews page with its URL field focused. One word: the desktop shell's `ui.navigate`
 * accepts only `#/word` or `#/word/<id>`.
 */
export const NEW_REVIEW_HREF = '#/newreview';

export function routeFromHash(hash: string): Route {
  const [name = '', id = ''] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'task' && ID.test(id)) return { page: 'task', taskId: id };
  if (name === 'run' && ID.test(id)) return { page: 'run', dispatchId: id };
  if (name === 'reviews' && ID.test(id)) return { page: 'review', reviewId: id };
  if (`#/${name}` === NEW_REVIEW_HREF) return { page: 'new-review' };
  if (name === 'quick') return { page: 'quick' };
  if (name === 'automation') return { page: 'automation' };
  return { page: (PAGES as readonly string[]).includes(name) ? (name as Page) : 'queue' };
}

export function pageFromHash(hash: string): Page {
  return navPage(routeFromHash(hash));
}

/**
 * The navigation entry a route belongs to: a task to the queue, a run and the automation log to
 * the runs, a review to the reviews.
 */
export function navPage(route: Route): Page {
  switch (route.page) {
    case 'task':
    case 'quick':
      return 'queue';
    case 'run':
    case 'automation':
      return 'runs';
    case 'review':
    case 'new-review':
      return 'reviews';
    default:
      return route.page;
  }
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

/** The automation's decisions about every task's pull request (a tab of the Runs page). */
export const AUTOMATION_HREF = '#/automation';

export function hrefForReview(reviewId: string): string {
  return `#/reviews/${reviewId}`;
}

export function navigate(href: string): void {
  window.location.hash = href;
}

/** A click on a table row goes to `href`, unless it was on one of the row's own links or buttons. */
export function navigateFromRow(event: { target: EventTarget }, href: string): void {
  if ((event.target as Element).closest('a, button')) return;
  navigate(href);
}

/** Goes to `href` in place of the current entry, so Back skips the one left. */
export function replaceRoute(href: string): void {
  markReplacement();
  window.location.replace(href);
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
