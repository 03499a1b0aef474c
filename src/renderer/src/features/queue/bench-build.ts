/**
 * `?bench=all-rows` renders every card of a lane instead of the ones in view, for comparison.
 * Only a bench build reads the parameter (bench-flag.d.ts); in any other it is false.
 */
export const RENDER_ALL_ROWS: boolean =
  typeof __SORTIE_BENCH_BUILD__ !== 'undefined' &&
  __SORTIE_BENCH_BUILD__ &&
  new URLSearchParams(window.location.search).get('bench') === 'all-rows';
