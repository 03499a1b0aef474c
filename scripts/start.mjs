// `npm start`: the desktop app when the Electron binary is there or can be downloaded now
// (`electron-vite preview`, which builds and opens the window); otherwise one line saying so and
// the headless host, built first when out/ is missing or older than the sources, so the app
// still runs in a browser.
// package.json runs scripts/check-node.cjs before this file, so Node is new enough here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildState } from './build-state.mjs';
import { downloadElectronBinary, findElectronBinary } from './electron-binary.mjs';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

const electronViteDir = join(root, 'node_modules', 'electron-vite');
if (!existsSync(join(electronViteDir, 'package.json'))) {
  console.error('sortie: the dependencies are not installed: run `npm install` first.');
  process.exit(1);
}
const electronViteBin = join(
  electronViteDir,
  JSON.parse(readFileSync(join(electronViteDir, 'package.json'), 'utf8')).bin['electron-vite'],
);

let electron = findElectronBinary(root);
if (!electron.present && electron.downloadable) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    electron = { ...electron, reason: 'not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  } else {
    console.log('sortie: downloading the Electron binary (once; ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips this)');
    const failure = downloadElectronBinary(root);
    electron = findElectronBinary(root);
    if (!electron.present && failure) electron = { ...electron, reason: failure };
  }
}
if (electron.present) {
  openWindow();
} else {
  console.log(
    `sortie: the Electron binary is missing (${electron.reason}), so this starts the headless host instead; open the URL it prints in a browser.`,
  );
  serveHeadless();
}

function openWindow() {
  // electron-vite finds the binary only through path.txt or ELECTRON_EXEC_PATH: name the one found.
  const child = spawn(process.execPath, [electronViteBin, 'preview', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: electron.path },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function serveHeadless() {
  const state = buildState(root);
  if (state !== 'current') {
    console.log(
      `sortie: building the app into out/ (${state === 'missing' ? 'no build yet' : 'older than the sources'})`,
    );
    const build = spawnSync(process.execPath, [electronViteBin, 'build', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) {
      console.error('sortie: the build failed (see above).');
      process.exit(1);
    }
  }
  // The host runs in this process: it reads the arguments after `npm start --` as its own
  // (process.argv.slice(2)) and stops itself on SIGINT and SIGTERM.
  createRequire(import.meta.url)(join(root, 'out', 'main', 'server.js'));
}
