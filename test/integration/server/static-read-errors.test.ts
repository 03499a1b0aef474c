import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeadlessHost } from '../../../src/main/server/start';
import { makeHostDir, startHostIn } from '../../support/host-fixture';
import type { makeTempDir } from '../../support/temp-dir';

// The static server's reads go through this wrapper, so a test can make one of them fail the
// way a file deleted or replaced during a rebuild would.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, createReadStream: vi.fn(actual.createReadStream) };
});
const realCreateReadStream = (await vi.importActual<typeof fs>('node:fs')).createReadStream;

let dir: ReturnType<typeof makeTempDir>;
let host: HeadlessHost;
let base: string;

beforeEach(async () => {
  dir = makeHostDir();
  host = await startHostIn(dir.path);
  base = `http://127.0.0.1:${host.port}`;
});
afterEach(async () => {
  await host.close();
  dir.remove();
});

describe('static file read errors', () => {
  it('answers 500 when the file is gone by the time it is opened, and keeps serving', async () => {
    vi.mocked(fs.createReadStream).mockImplementationOnce(() =>
      realCreateReadStream(join(dir.path, 'renderer/vanished.html')),
    );
    const failed = await fetch(`${base}/`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toContain('could not read');
    const next = await fetch(`${base}/`);
    expect(await next.text()).toContain('<title>Sortie</title>');
  });

  it('cuts the connection when reading fails after the answer started, and keeps serving', async () => {
    // Opening a folder succeeds; reading it fails (EISDIR) once the headers are out.
    vi.mocked(fs.createReadStream).mockImplementationOnce(() => realCreateReadStream(dir.path));
    // The browser must not take a partial file for a whole one: the request fails outright.
    const outcome = await fetch(`${base}/`)
      .then((answer) => answer.text())
      .then(
        () => 'complete',
        () => 'cut',
      );
    expect(outcome).toBe('cut');
    const next = await fetch(`${base}/`);
    expect(await next.text()).toContain('<title>Sortie</title>');
  });
});
