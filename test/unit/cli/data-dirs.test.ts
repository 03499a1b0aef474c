import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { dataDirsToSearch } from '../../../src/main/cli/data-dirs';
import { makeTempDir } from '../../support/temp-dir';

const homes: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => homes.splice(0).forEach((home) => home.remove()));

function home(): string {
  const dir = makeTempDir('sortie-home-');
  homes.push(dir);
  return dir.path;
}

function database(dir: string, ageSeconds: number): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sortie.db');
  writeFileSync(file, '');
  const at = Date.now() / 1000 - ageSeconds;
  utimesSync(file, at, at);
}

it('takes the directory asked for, or SORTIE_HOME, and looks nowhere else', () => {
  const h = home();
  expect(dataDirsToSearch('/data/here', {}, 'linux', h)).toEqual({
    main: '/data/here',
    search: ['/data/here'],
  });
  expect(dataDirsToSearch(undefined, { SORTIE_HOME: '/srv/sortie' }, 'linux', h)).toEqual({
    main: '/srv/sortie',
    search: ['/srv/sortie'],
  });
});

it("otherwise looks in ~/.sortie and the desktop app's folders, and runs on the one used last", () => {
  const h = home();
  const headless = join(h, '.sortie');
  const desktop = join(h, '.config', 'Sortie');
  const search = [headless, desktop, join(h, '.config', 'sortie')];
  // Nothing yet: ~/.sortie.
  expect(dataDirsToSearch(undefined, {}, 'linux', h)).toEqual({ main: headless, search });
  // Only the app has been used: a task added now is there when the app opens.
  database(desktop, 60);
  expect(dataDirsToSearch(undefined, {}, 'linux', h).main).toBe(desktop);
  // Both: the one used last.
  database(headless, 10);
  expect(dataDirsToSearch(undefined, {}, 'linux', h).main).toBe(headless);
  expect(dataDirsToSearch(undefined, {}, 'darwin', h).search[1]).toBe(
    join(h, 'Library', 'Application Support', 'Sortie'),
  );
});
