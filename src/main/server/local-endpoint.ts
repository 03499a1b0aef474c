import { createHash } from 'node:crypto';
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../core/data-dir';
import { failure, sendEnvelope } from './api-routes';
import { lockDataDir } from './data-dir-lock';

/** The local endpoint's socket in a data directory (Unix); Windows has a named pipe instead. */
export const ENDPOINT_FILE = 'sortie.sock';

/** Longest socket path the kernels take (sun_path is 104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 103;

/**
 * Where the Sortie that holds `dataDir` listens for the `sortie` command line: a Unix socket in
 * the data directory (0700, the socket 0600: only its owner may connect), or on Windows a named
 * pipe named after the directory.
 */
export function endpointPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    // One name per directory however it is written (relative, a trailing separator, / or \\).
    const canonical = resolve(dataDir)
      .replace(/[\\/]+$/, '')
      .toLowerCase();
    const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\sortie-${hash}`;
  }
  return join(dataDir, ENDPOINT_FILE);
}

/** Another Sortie answers on this data directory's endpoint. */
export class EndpointInUse extends Error {
  constructor(readonly dataDir: string) {
    super(
      `another Sortie (the desktop app, the headless host or a \`sortie\` command) is running on ${dataDir}; use that one, stop it, or pick another data directory`,
    );
  }
}

/** Whether something answers on the endpoint (a socket file left by a crash does not). */
export function endpointIsLive(path: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (live: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(live);
    };
    // Accepted but silent for this long: a Sortie that is busy, not a dead file.
    const timer = setTimeout(() => done(true), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface LocalEndpoint {
  readonly path: string;
  /** Starts answering with these routes; until then every request is told to retry. */
  serve(routes: (req: IncomingMessage, res: ServerResponse, url: URL) => void): void;
  /** Resolves once no other process is connected (a command following a run through this one). */
  unused(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Takes the data directory and its endpoint for this process, or throws EndpointInUse when
 * another Sortie holds them: one Sortie per data directory, so two cores never drive the same
 * runs. The directory's lock (data-dir-lock.ts) decides; a socket file left by a crash is
 * then replaced.
 */
export async function claimLocalEndpoint(dataDir: string): Promise<LocalEndpoint> {
  ensurePrivateDir(dataDir);
  const path = endpointPath(dataDir);
  const onWindows = process.platform === 'win32';
  if (!onWindows && Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new Error(
      `the data directory's path is too long for a socket (${path}); use a shorter one (SORTIE_HOME or --data-dir)`,
    );
  }
  const lock = lockDataDir(dataDir);
  if (!lock) throw new EndpointInUse(dataDir);
  let routes: ((req: IncomingMessage, res: ServerResponse, url: URL) => void) | null = null;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sortie');
    if (!routes) return sendEnvelope(res, 503, failure('INTERNAL', 'Sortie is starting; try again'));
    routes(req, res, url);
  });
  const connections = new Set<Socket>();
  const unusedWaiters: (() => void)[] = [];
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.once('close', () => {
      connections.delete(socket);
      if (connections.size === 0) for (const wake of unusedWaiters.splice(0)) wake();
    });
  });
  try {
    // Held by this process's lock: a socket file here is a crashed Sortie's.
    if (!onWindows && existsSync(path)) unlinkSync(path);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new EndpointInUse(dataDir) : error),
      );
      server.listen(path, () => resolve());
    });
    // The data directory is 0700 already; the socket itself is its owner's only too.
    if (!onWindows) chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    path,
    serve(next) {
      routes = next;
    },
    unused: () =>
      connections.size === 0 ? Promise.resolve() : new Promise((resolve) => unusedWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        // Node removes a Unix socket's file in this call, so the directory is free at once: a
        // restart right after (the app's own, or a command's) finds it free.
        server.close(() => resolve());
        lock.release();
      }),
  };
}
