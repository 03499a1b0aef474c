import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

const ROOT = join(__dirname, '../..');
const SERVER = join(ROOT, 'out/main/server.js');

export interface RunningHost {
  /** http://127.0.0.1:PORT/?token=… — what a user opens. */
  appUrl: string;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** The host's process id (e.g. to read its memory use). */
  pid: number;
  /** Calls a channel over HTTP with the token, as the app in a browser does; throws the error it answers. */
  rpc<T = unknown>(channel: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the built headless host (`out/main/server.js`, as `npm run serve` does) on a free port
 * with its own data directory, and waits for the URL line it prints.
 */
export async function startHeadlessHost(options: { dataDir?: string } = {}): Promise<RunningHost> {
  if (!existsSync(SERVER)) {
    throw new Error(`${SERVER} is missing: run \`npx electron-vite build\` before the end-to-end tests`);
  }
  const temp = options.dataDir ? null : makeTempDir('sortie-e2e-');
  const dataDir = options.dataDir ?? temp!.path;
  const child = spawn(process.execPath, [SERVER, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SORTIE_HOME: dataDir },
  });
  const appUrl = await waitForUrl(child);
  const url = new URL(appUrl);
  const baseUrl = url.origin;
  const token = url.searchParams.get('token') ?? '';
  return {
    appUrl,
    baseUrl,
    token,
    dataDir,
    pid: child.pid!,
    async rpc<T>(channel: string, input: unknown): Promise<T> {
      const response = await fetch(`${baseUrl}/api/rpc/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
      return envelope.value;
    },
    async stop() {
      await stopChild(child);
      temp?.remove();
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error('the headless host did not print its URL within 20 s')),
      20_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\nstdout: ${out}\nstderr: ${err}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    // 'close', not 'exit': what it said on stderr has been read by then.
    child.once('close', (code) => fail(new Error(`the headless host exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
