import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/core/logger';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/server/start';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let host: HeadlessHost | null = null;
let savedUmask: number;

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

async function start(): Promise<HeadlessHost> {
  host = await startHeadlessHost({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    staticDir: join(temp.path, 'renderer'),
    logger: silentLogger,
  });
  return host;
}

/** What other local users must not be able to read while the host runs. */
function expectPrivate() {
  expect(mode(dataDir)).toBe('700');
  for (const file of ['sortie.db', 'sortie.db-wal', 'sortie.db-shm', 'server-token']) {
    expect(mode(join(dataDir, file)), file).toBe('600');
  }
}

beforeEach(() => {
  temp = makeTempDir();
  dataDir = join(temp.path, 'data');
  // The most permissive umask: the modes must not depend on the one the user happens to have.
  savedUmask = process.umask(0);
});
afterEach(async () => {
  await host?.close();
  host = null;
  process.umask(savedUmask);
  temp.remove();
});

describe('files of the headless host', () => {
  it('are private on a fresh data directory', async () => {
    await start();
    expectPrivate();
  });

  it('are tightened in a 0755 data directory whose valid token file is 0644, keeping the token', async () => {
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const token = 'k'.repeat(43);
    writeFileSync(join(dataDir, 'server-token'), token + '\n', { mode: 0o644 });
    const started = await start();
    expect(started.token).toBe(token);
    expectPrivate();
  });

  it('writes a new token 0600 over an invalid 0644 token file', async () => {
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'server-token'), 'not a token\n', { mode: 0o644 });
    const started = await start();
    expect(readFileSync(join(dataDir, 'server-token'), 'utf8').trim()).toBe(started.token);
    expect(started.token).not.toBe('not a token');
    expectPrivate();
  });

  it('tightens a database left readable by an older version', async () => {
    await (await start()).close();
    host = null;
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'sortie.db'), 0o644);
    await start();
    expectPrivate();
  });
});
