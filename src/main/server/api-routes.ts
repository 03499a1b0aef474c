import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope, ErrorCode } from '@shared/contract';
import { formatEventsPosition } from '@shared/contract/events-position';
import { EVENTS_HEADER } from '@shared/contract/http-headers';
import type { Router } from '../api/router';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/logger';
import { DEFAULT_SSE_LIMITS, serveEventStream, type SseLimits } from './sse-stream';

export interface ApiRoutesOptions {
  router: Router;
  bus: EventBus;
  logger: Logger;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** Limits of each server-sent-events client (keepalive, bounded send buffer). */
  sse?: Partial<SseLimits>;
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
 * The API over HTTP, for whoever was let in (the headless host checks its token first; the
 * local endpoint's socket is open to its owner only): JSON-RPC at `POST /api/rpc/<channel>`
 * and the events as server-sent events at `GET /api/events`. Anything else is UNKNOWN_CHANNEL.
 */
export function createApiRoutes(
  options: ApiRoutesOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const { router, bus, logger } = options;
  const maxBody = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const sseLimits: SseLimits = { ...DEFAULT_SSE_LIMITS, ...options.sse };

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
    // Read before the handler runs: what it reads is at least as new as this position.
    const position = formatEventsPosition(bus.position());
    const envelope = await router.call(channel, input);
    sendEnvelope(res, envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code], envelope, {
      [EVENTS_HEADER]: position,
    });
  }

  return (req, res, url) => {
    if (url.pathname === '/api/events' && req.method === 'GET')
      return serveEventStream(res, bus, sseLimits, logger);
    const rpc = /^\/api\/rpc\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
    if (rpc && req.method === 'POST') return void handleRpc(rpc[1]!, req, res);
    sendEnvelope(res, 404, failure('UNKNOWN_CHANNEL', `no API at ${req.method} ${url.pathname}`));
  };
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

export function failure(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

export function sendEnvelope(
  res: ServerResponse,
  status: number,
  envelope: Envelope<unknown>,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
