import { request } from 'node:http';
import { parseEventsPosition } from '@shared/contract/events-position';
import { EVENTS_HEADER } from '@shared/contract/http-headers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../../src/main/server/start';
import { makeHostDir, startHostIn } from '../../support/host-fixture';
import type { makeTempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let host: HeadlessHost;
let base: string;

async function start() {
  host = await startHostIn(dir.path);
  base = `http://127.0.0.1:${host.port}`;
}

beforeEach(async () => {
  dir = makeHostDir();
  await start();
});
afterEach(async () => {
  await host.close();
  dir.remove();
});

const rpc = (channel: string, body: unknown, token: string | null = host.token) =>
  fetch(`${base}/api/rpc/${channel}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Answer {
  ok: boolean;
  value?: { id: string; name: string };
  error?: { code: string };
}
const json = async (res: Response) => (await res.json()) as Answer;

describe('headless host', () => {
  it('answers 401 without a token or with a wrong one, and runs nothing', async () => {
    const missing = await rpc('projects.upsert', { name: 'api' }, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await rpc('projects.upsert', { name: 'api' }, host.token.slice(1) + 'x');
    expect(wrong.status).toBe(401);
    const events = await fetch(`${base}/api/events`);
    expect(events.status).toBe(401);
    const listed = await rpc('projects.list', {});
    expect(await listed.json()).toEqual({ ok: true, value: [] });
  });

  it('serves the router over POST /api/rpc/<channel> with status codes matching the error', async () => {
    const created = await rpc('projects.upsert', { name: 'api' });
    expect(created.status).toBe(200);
    expect((await json(created)).value?.name).toBe('api');
    expect((await rpc('projects.upsert', { name: 'api' })).status).toBe(409);
    expect((await rpc('tasks.create', { projectId: 'x', title: 'y' })).status).toBe(400);
    const unknown = await rpc('nope.nothing', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
    const badJson = await rpc('projects.list', '{not json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('streams contract events as server-sent events', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await reader.read(); // the ': connected' comment
    const project = (await json(await rpc('projects.upsert', { name: 'api' }))).value!;
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: project.changed\n');
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!);
    expect(data).toMatchObject({ projectId: project.id, project: { name: 'api' } });
    controller.abort();
  });

  it('tells where its events stood: as the stream subscribed, and before each call', async () => {
    const position = (res: Response) => parseEventsPosition(res.headers.get(EVENTS_HEADER))!;
    const before = position(await rpc('projects.list', {}));
    expect(before).not.toBeNull();
    // Creating a project publishes an event: a call handled after it counts one more.
    const created = position(await rpc('projects.upsert', { name: 'web' }));
    expect(created).toEqual(before);
    const after = position(await rpc('projects.list', {}));
    expect(after).toEqual({ host: before.host, published: before.published + 1 });
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    });
    // A window whose list answer counts less than this knows it may have missed events.
    expect(position(stream)).toEqual(after);
    controller.abort();
    // A restarted host is another run: its positions say so, whatever its count.
    await host.close();
    await start();
    expect(position(await rpc('projects.list', {})).host).not.toBe(before.host);
  });

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Sortie</title>');
    const deepLink = await fetch(`${base}/queue/some-task`);
    expect(await deepLink.text()).toContain('<title>Sortie</title>');
    // Raw requests: fetch would normalise the dots away before they reach the server.
    for (const path of [
      '/..%2F..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/../../../etc/passwd',
    ]) {
      const body = await rawGet(host.port, path);
      expect(body, path).not.toContain('root:');
    }
  });

  it('keeps its token across restarts, so an open tab keeps working', async () => {
    const token = host.token;
    await host.close();
    await start();
    expect(host.token).toBe(token);
    expect(host.url).toContain(`token=${token}`);
  });
});
