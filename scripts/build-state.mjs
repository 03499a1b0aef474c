// Whether out/ holds a build at least as new as everything it is built from, so `npm start`
// without Electron can skip a build that would change nothing.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What electron-vite writes; the oldest of them dates the build. */
const OUTPUTS = [
  'out/main/index.js',
  'out/main/server.js',
  'out/preload/index.js',
  'out/renderer/index.html',
];

/** What a build reads: the sources, the build configuration and the installed dependencies. */
const INPUTS = [
  'src',
  'resources',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];

/** @returns {'missing' | 'stale' | 'current'} */
export function buildState(root) {
  let builtAt = Infinity;
  for (const output of OUTPUTS) {
    const time = modifiedAt(join(root, output));
    if (time === undefined) return 'missing';
    builtAt = Math.min(builtAt, time);
  }
  for (const input of INPUTS) {
    if (newestUnder(join(root, input)) > builtAt) return 'stale';
  }
  return 'current';
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of a file, or of any file in a folder; 0 when absent. */
function newestUnder(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, entry)));
  return newest;
}
