import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHostCheck } from './allowed-hosts';
import { createApiRoutes, failure, sendEnvelope, type ApiRoutesOptions } from './api-routes';
import { bearerToken, tokenMatches } from './token';
import { serveStatic } from './static-files';
import { TERMINAL_STREAM_PATH, type TerminalSockets } from './terminal-socket';

export interface HttpHostOptions extends ApiRoutesOptions {
  token: string;
  staticDir: string;
  /**
   * Names besides the listening address that a request's Host may carry (the `--host` given,
   * `--allow-host` names). See createHostCheck.
   */
  hostNames?: readonly string[];
  /** Terminal streams (`/api/terminals/<id>/stream`), behind the same token (as `?token=`). */
  terminals?: TerminalSockets;
}

/**
 * The headless host: the same router as the desktop app over HTTP JSON-RPC
 * (`POST /api/rpc/<channel>`) and server-sent events (`GET /api/events`), both behind the
 * bearer token, plus the built renderer at `/`. Every request must name this host in its Host
 * header (see createHostCheck), checked before anything else.
 */
export function createHttpHost(options: HttpHostOptions): Server {
  const { token, staticDir } = options;
  const serveApi = createApiRoutes(options);

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
    serveApi(req, res, url);
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

  return server;
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
