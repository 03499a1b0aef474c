import type { Dispatch } from '@shared/contract';
import { boardHeld } from '@renderer/stores/board-first-look';
import { receiveDispatchUpdate } from '@renderer/stores/sync';
import { RENDER_ALL_ROWS } from './bench-build';

/**
 * `npm run bench` opens the page with `?bench=1` (or `?bench=all-rows`, which renders every
 * card instead of the visible ones, for comparison). Nothing here runs without the parameter.
 * Only a bench build loads this module at all (bench-flag.d.ts).
 */
const mode = new URLSearchParams(window.location.search).get('bench');

export interface SortieBench {
  /** Hands a run to the stores as a `dispatch.updated` event from the host does (batched per frame). */
  applyDispatch(dispatch: Dispatch): void;
  /** Cards in the DOM right now. */
  renderedCards(): number;
  /** Every task and run is in the window (the board is no longer the host's first look). */
  listsHeld(): boolean;
  readonly virtualized: boolean;
}

declare global {
  interface Window {
    __sortieBench?: SortieBench;
  }
}

export function installBenchHook(): void {
  if (!mode || window.__sortieBench) return;
  window.__sortieBench = {
    applyDispatch: (dispatch) => receiveDispatchUpdate({ dispatch }),
    renderedCards: () => document.querySelectorAll('.lane-item').length,
    listsHeld: boardHeld,
    virtualized: !RENDER_ALL_ROWS,
  };
}
