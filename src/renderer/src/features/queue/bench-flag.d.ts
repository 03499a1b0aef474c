/**
 * Replaced at build time (electron.vite.config.ts): true only in the build `npm run bench` makes
 * (`--mode bench`), so the benchmark's code never ships in any other build. Test it in place as
 * `typeof __SORTIE_BENCH_BUILD__ !== 'undefined' && __SORTIE_BENCH_BUILD__`: the bundler drops a
 * branch (and a dynamic import in it) only when the constant is in the same expression, and
 * outside a build (unit tests) nothing defines it.
 */
declare const __SORTIE_BENCH_BUILD__: boolean;
