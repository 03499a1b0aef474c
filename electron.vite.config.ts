import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The dev server injects an inline Fast Refresh script that the page's CSP would block; only
 * while serving, inline scripts are allowed. Builds keep the strict policy.
 */
const relaxCspWhileServing: Plugin = {
  name: 'sortie-relax-csp-while-serving',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

/**
 * `npm run bench` builds with `--mode bench`; only that build defines the flag true, so the
 * renderer's benchmark hook (features/queue/bench-flag.d.ts) is left out of every other build.
 */
const benchBuildFlag: Plugin = {
  name: 'sortie-bench-build-flag',
  config: (_config, { mode }) => ({ define: { __SORTIE_BENCH_BUILD__: JSON.stringify(mode === 'bench') } }),
};

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@renderer': resolve(__dirname, 'src/renderer/src'),
};

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          // The desktop shell and the headless host share one build of the core.
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          server: resolve(__dirname, 'src/main/server/cli.ts'),
          // The `sortie` command line (bin/sortie.cjs loads it).
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload can require nothing but 'electron': bundle every dependency into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preload scripts must be CommonJS.
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react(), relaxCspWhileServing, benchBuildFlag],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
