import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  claimLocalEndpoint,
  endpointIsLive,
  endpointPath,
  EndpointInUse,
  type LocalEndpoint,
} from '../../../src/main/server/local-endpoint';
import { makeTempDir } from '../../support/temp-dir';

// One Sortie per data directory, and its socket its owner's only.
const dirs: ReturnType<typeof makeTempDir>[] = [];
const open: LocalEndpoint[] = [];
afterEach(async () => {
  for (const endpoint of open.splice(0)) await endpoint.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

function dataDir(): string {
  const dir = makeTempDir('sortie-endpoint-');
  dirs.push(dir);
  return dir.path;
}

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ socketPath: path, path: '/api/rpc/queue.get', method: 'POST' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end('{}');
  });
}

it('is a socket only its owner may open, answering once it serves, gone when it closes', async () => {
  const dir = dataDir();
  const endpoint = await claimLocalEndpoint(dir);
  expect(endpoint.path).toBe(join(dir, 'sortie.sock'));
  expect(statSync(endpoint.path).mode & 0o777).toBe(0o600);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  // Until routes are served, callers are told to try again.
  expect(await get(endpoint.path)).toBe(503);
  endpoint.serve((_req, res) => res.writeHead(200).end('{"ok":true,"value":{}}'));
  expect(await get(endpoint.path)).toBe(200);
  await endpoint.close();
  expect(await endpointIsLive(endpoint.path)).toBe(false);
});

it('refuses a second claim on the same directory, from this process or another, until the first lets go', async () => {
  const dir = dataDir();
  open.push(await claimLocalEndpoint(dir));
  await expect(claimLocalEndpoint(dir)).rejects.toBeInstanceOf(EndpointInUse);
  // Another process, trying at the same time: refused by the directory's lock.
  const other = spawnSync(
    process.execPath,
    [
      '-e',
      `const Database = require('better-sqlite3');
       const db = new Database(${JSON.stringify(join(dir, 'sortie.lock'))}, { timeout: 0 });
       try { db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); console.log('took it'); }
       catch (e) { console.log(e.code); }`,
    ],
    { encoding: 'utf8', cwd: join(__dirname, '../../..') },
  );
  expect(other.stdout.trim()).toBe('SQLITE_BUSY');
  await open.pop()!.close();
  open.push(await claimLocalEndpoint(dir));
});

it("replaces a crashed Sortie's socket file", async () => {
  const dir = dataDir();
  writeFileSync(endpointPath(dir), 'left by a crash');
  const endpoint = await claimLocalEndpoint(dir);
  open.push(endpoint);
  expect(statSync(endpoint.path).isSocket()).toBe(true);
});
