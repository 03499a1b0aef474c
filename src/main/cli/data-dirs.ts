import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE, defaultDataDir } from '../core/data-dir';

/** Electron's userData folders of the desktop app: "Sortie" when packaged, "sortie" from a clone. */
function desktopDataDirs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string[] {
  const configRoot =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : env.XDG_CONFIG_HOME?.trim() || join(home, '.config');
  return [join(configRoot, 'Sortie'), join(configRoot, 'sortie')];
}

function databaseTime(dir: string): number {
  const file = join(dir, DATABASE_FILE);
  return existsSync(file) ? statSync(file).mtimeMs : -1;
}

/**
 * Where a command looks for a running Sortie (`search`, in order) and which data directory it
 * runs its own core on when none runs (`main`): the one asked for (--data-dir, else SORTIE_HOME)
 * and nothing else; otherwise ~/.sortie (the headless host's) and the desktop app's folders,
 * `main` being the one whose database was used last (~/.sortie when none has one yet), so a
 * task added while the app is closed is there when it opens.
 */
export function dataDirsToSearch(
  asked: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): { main: string; search: string[] } {
  if (asked !== undefined || env.SORTIE_HOME?.trim()) {
    const main = asked ?? defaultDataDir(env);
    return { main, search: [main] };
  }
  // SORTIE_HOME is not set here: the headless host's default is ~/.sortie.
  const search = [join(home, '.sortie'), ...desktopDataDirs(env, platform, home)];
  const used = search
    .filter((dir) => databaseTime(dir) >= 0)
    .sort((a, b) => databaseTime(b) - databaseTime(a));
  return { main: used[0] ?? search[0]!, search };
}
