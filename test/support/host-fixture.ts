import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/main/core/logger';
import { startHeadlessHost, type HeadlessHost, type StartOptions } from '../../src/main/server/start';
import { makeTempDir } from './temp-dir';

/** A folder for a headless host: its data directory and a one-page renderer build. */
export function makeHostDir(): ReturnType<typeof makeTempDir> {
  const dir = makeTempDir();
  mkdirSync(join(dir.path, 'renderer'));
  writeFileSync(join(dir.path, 'renderer/index.html'), '<!doctype html><title>Sortie</title>');
  return dir;
}

/** Starts the headless host on 127.0.0.1 (a free port) over a folder made by makeHostDir. */
export function startHostIn(dir: string, options: Partial<StartOptions> = {}): Promise<HeadlessHost> {
  return startHeadlessHost({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: join(dir, 'renderer'),
    logger: silentLogger,
    ...options,
  });
}
