// Where the Electron binary is, and whether it is there, found the way the `electron` package's
// index.js finds it (path.txt names the executable inside dist/; ELECTRON_OVERRIDE_DIST_PATH
// replaces dist/), after electron-vite's own override, ELECTRON_EXEC_PATH. That index is never
// required: it downloads a missing binary with a stack trace for any failure, and electron-vite
// only throws "Electron uninstall".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A download is ~100 MB; a machine that cannot reach it usually fails at once (DNS, refused). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * @param {string} root the repository root (its node_modules holds `electron`)
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ present: true, path: string } | { present: false, reason: string, downloadable: boolean }}
 *   `downloadable`: the binary belongs in the package's own dist/, where its installer puts it
 */
export function findElectronBinary(root, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) return located(env.ELECTRON_EXEC_PATH, 'ELECTRON_EXEC_PATH', false);
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { present: false, reason: 'the electron package is not installed', downloadable: false };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return located(path, 'ELECTRON_OVERRIDE_DIST_PATH', false);
  }
  if (!executable) {
    return { present: false, reason: 'node_modules/electron/path.txt is missing', downloadable: true };
  }
  return located(join(packageDir, 'dist', executable), 'node_modules/electron', true);
}

/**
 * Runs the electron package's own installer, as its index.js does for a missing binary, and
 * says in a few words why that failed (its first line of error), or nothing when it worked.
 * @returns {string | undefined}
 */
export function downloadElectronBinary(root) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (result.error) return `its download failed: ${result.error.message}`;
  if (result.status === 0) return undefined;
  const said = `${result.stderr}\n${result.stdout}`.split('\n').find((line) => line.trim() !== '');
  return `its download failed: ${said?.trim() ?? `exit ${result.status}`}`;
}

function located(path, source, downloadable) {
  return existsSync(path)
    ? { present: true, path }
    : { present: false, reason: `${path} from ${source} is missing`, downloadable };
}
