import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../../src/main/server/args';
import type { HeadlessHost } from '../../../src/main/server/start';
import { makeHostDir, startHostIn } from '../../support/host-fixture';
import type { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let host: HeadlessHost;

async function start(allowedHosts: string[] = []) {
  host = await startHostIn(dir.path, { allowedHosts });
}

beforeEach(async () => {
  dir = makeHostDir();
  mkdirSync(join(dir.path, 'renderer/assets'));
  writeFileSync(join(dir.path, 'renderer/assets/app.js'), 'console.log("app")');
  await start();
});
afterEach(async () => {
  await host.close();
  dir.remove();
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** A request with the Host header chosen by the test (fetch would not let it be set). */
function send(
  path: string,
  options: { hostHeader?: string; method?: string; body?: string; token?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { host: options.hostHeader ?? `127.0.0.1:${host.port}` };
  if (options.token !== false) headers.authorization = `Bearer ${host.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const post = (channel: string, input: unknown, hostHeader?: string) =>
  send(`/api/rpc/${channel}`, { method: 'POST', body: JSON.stringify(input), hostHeader });

describe('Host header', () => {
  it('refuses the API and the page to a name the host does not listen on, running nothing', async () => {
    const evil = `evil.example:${host.port}`;
    const created = await post('projects.upsert', { name: 'api' }, evil);
    expect(created.status).toBe(421);
    expect(JSON.parse(created.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const bare = await post('projects.list', {}, 'evil.example');
    expect(bare.status).toBe(421);
    const events = await send('/api/events', { hostHeader: evil });
    expect(events.status).toBe(421);
    const page = await send('/', { hostHeader: evil, token: false });
    expect(page.status).toBe(421);
    expect(page.type).toContain('text/plain');
    expect(page.body).not.toContain('<title>Sortie</title>');
    const listed = await post('projects.list', {});
    expect(JSON.parse(listed.body)).toEqual({ ok: true, value: [] });
  });

  it('answers at the loopback names with the port it listens on, and only that port', async () => {
    for (const name of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `LOCALHOST:${host.port}`]) {
      const listed = await post('projects.list', {}, name);
      expect(listed.status, name).toBe(200);
      const page = await send('/', { hostHeader: name, token: false });
      expect(page.body, name).toContain('<title>Sortie</title>');
    }
    const otherPort = host.port === 65535 ? 1 : host.port + 1;
    expect((await post('projects.list', {}, `127.0.0.1:${otherPort}`)).status).toBe(421);
  });

  it('answers at a name given with --allow-host', async () => {
    await host.close();
    await start(
      parseHostArgs(['--allow-host', 'sortie.lan,Box.local', '--allow-host', 'other']).allowedHosts,
    );
    for (const name of ['sortie.lan', 'box.local', 'other']) {
      expect((await post('projects.list', {}, `${name}:${host.port}`)).status, name).toBe(200);
    }
    expect((await post('projects.list', {}, `evil.example:${host.port}`)).status).toBe(421);
  });
});

describe('static files', () => {
  it('does not follow a symlink out of the build folder', async () => {
    symlinkSync('/etc/passwd', join(dir.path, 'renderer/passwd'));
    symlinkSync('/etc', join(dir.path, 'renderer/assets/etc'));
    for (const path of ['/passwd', '/assets/etc/passwd', '/assets/etc/hostname']) {
      const answer = await send(path, { token: false });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('root:');
    }
  });

  it('serves files and symlinks that stay inside the build folder', async () => {
    symlinkSync('app.js', join(dir.path, 'renderer/assets/alias.js'));
    const script = await send('/assets/alias.js', { token: false });
    expect(script.status).toBe(200);
    expect(script.type).toContain('text/javascript');
    expect(script.body).toBe('console.log("app")');
    // A folder or an unknown path is a client-side route: the app itself answers.
    for (const path of ['/', '/assets', '/queue/some-task']) {
      const page = await send(path, { token: false });
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain('<title>Sortie</title>');
    }
  });
});
