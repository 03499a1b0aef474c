import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Envelope, ErrorCode } from '@shared/contract';
import type { Router } from '../api/router';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/logger';
import { createHostCheck } from './allowed-hosts';
import { DEFAULT_SSE_LIMITS, serveEventStream, type SseLimits } from './sse-stream';
import { bearerToken, tokenMatches } from './token';
import { serveStatic } from './static-files';
import { TERMINAL_STREAM_PATH, type TerminalSockets } from './terminal-socket';

export interface HttpHostOptions {
  router: Router;
  bus: EventBus;
  token: string;
  staticDir: string;
  logger: Logger;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** Limits of each server-sent-events client (keepalive, bounded send buffer). */
  sse?: Partial<SseLimits>;
  /**
   * Names besides the listening address that a request's Host may carry (the `--host` given,
   * `--allow-host` names). See createHostCheck.
   */
  hostNames?: readonly string[];
  /** Terminal streams (`/api/terminals/<id>/stream`), behind the same token (as `?token=`). */
  terminals?: TerminalSockets;
}

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  UNKNOWN_CHANNEL: 404,
  CONFLICT: 409,
  RUNNER_NOT_CONFIGURED: 409,
  PASSPHRASE_REQUIRED: 422,
  // The runner, not Sortie, failed or refused: a bad gateway.
  REMOTE_FAILED: 502,
  AUTH_FAILED: 502,
  HOST_KEY_MISMATCH: 502,
  HOST_KEY_UNKNOWN: 502,
  INTERNAL: 500,
};

/**
 * The headless host: the same router as the desktop app over HTTP JSON-RPC
 * (`POST /api/rpc/<channel>`) and server-sent events (`GET /api/events`), both behind the
 * bearer token, plus the built renderer at `/`. Every request must name this host in its Host
 * header (see createHostCheck), checked before anything else.
 */
export function createHttpHost(options: HttpHostOptions): Server {
  const { router, bus, token, staticDir, logger } = options;
  const maxBody = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const sseLimits: SseLimits = { ...DEFAULT_SSE_LIMITS, ...options.sse };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const isApi = url.pathname.startsWith('/api/');
    if (!hostAllowed(req.headers.host)) return refuseHost(res, isApi);
    if (!isApi) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendEnvelope(res, 405, failure('VALIDATION_FAILED', 'only GET is served here'));
      return serveStatic(staticDir, url.pathname, res);
    }
    if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
      return sendEnvelope(
        res,
        401,
        failure('UNAUTHORIZED', 'missing or wrong token: open the URL printed by `npm run serve`'),
      );
    }
    if (url.pathname === '/api/events' && req.method === 'GET')
      return serveEventStream(res, bus, sseLimits, logger);
    const rpc = /^\/api\/rpc\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
    if (rpc && req.method === 'POST') return void handleRpc(rpc[1]!, req, res);
    sendEnvelope(res, 404, failure('UNKNOWN_CHANNEL', `no API at ${req.method} ${url.pathname}`));
  });
  const hostAllowed = createHostCheck(server, options.hostNames ?? []);

  // A browser cannot set headers on a WebSocket: its token comes in the address.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const stream = TERMINAL_STREAM_PATH.exec(url.pathname);
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(req.headers.host)) return refuse('421 Misdirected Request');
    if (!tokenMatches(token, url.searchParams.get('token') ?? undefined)) return refuse('401 Unauthorized');
    if (!stream || !options.terminals) return refuse('404 Not Found');
    options.terminals.handle(req, socket, head, stream[1]!);
  });

  async function handleRpc(channel: string, req: IncomingMessage, res: ServerResponse) {
    let input: unknown;
    try {
      const body = await readBody(req, maxBody);
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const message = error instanceof BodyTooLarge ? error.message : 'the request body is not valid JSON';
      return sendEnvelope(
        res,
        error instanceof BodyTooLarge ? 413 : 400,
        failure('VALIDATION_FAILED', message),
      );
    }
    const envelope = await router.call(channel, input);
    sendEnvelope(res, envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code], envelope);
  }

  return server;
}

class BodyTooLarge extends Error {}

/** Reads the whole body; past the limit it keeps draining (so the 413 answer can still be sent) but stores nothing. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit
        ? reject(new BodyTooLarge(`the request body is larger than ${limit} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/**
 * 421 Misdirected Request: this host does not answer for that name. The API's code is
 * UNAUTHORIZED, not VALIDATION_FAILED: the caller is refused for where it came from, there is
 * nothing in its input to correct, and the app's advice for it (open the printed link again)
 * is what fixes it. The status is not 401, so the app does not take it for a wrong token.
 */
function refuseHost(res: ServerResponse, isApi: boolean) {
  const message =
    'this host answers only at the address it listens on; open the URL printed by `npm run serve`';
  if (isApi) return sendEnvelope(res, 421, failure('UNAUTHORIZED', message));
  res
    .writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    .end(message);
}

function failure(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>) {
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
