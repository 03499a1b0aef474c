import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The same policy the Electron window enforces, so the browser build runs under it too. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** What a path in the build folder turned out to be. */
type Lookup = { kind: 'file'; path: string } | { kind: 'missing' } | { kind: 'refused' };

/**
 * Serves the built renderer. Unknown paths fall back to index.html so client-side routes
 * survive a reload. Only regular files whose real path lies inside the build folder are sent:
 * a symlink leading out of it (or a device, socket or pipe) answers 404.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const decoded = safeDecode(urlPath);
  const relative = decoded === null ? null : normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === null || relative.split(sep).includes('..')) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  const realRoot = realPath(root);
  let found: Lookup = realRoot === null ? { kind: 'missing' } : lookup(realRoot, join(root, relative));
  if (found.kind === 'refused') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  if (found.kind === 'missing' && realRoot !== null) found = lookup(realRoot, join(root, 'index.html'));
  if (found.kind !== 'file') {
    res
      .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The renderer is not built. Run `npm run serve`, which builds it first.');
    return;
  }
  sendFile(found.path, res);
}

/** Headers go out only once the file is open, so a file that cannot be opened still gets a clean 500. */
function sendFile(file: string, res: ServerResponse): void {
  const ext = extname(file);
  const stream = createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=3600',
    });
    stream.pipe(res);
  });
  stream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('could not read the file');
    } else {
      // Part of the body is out: only cutting the connection tells the browser it is incomplete.
      res.destroy();
    }
  });
  // A client that leaves early must not keep the file open.
  res.once('close', () => stream.destroy());
}

function lookup(realRoot: string, path: string): Lookup {
  const real = realPath(path);
  if (real === null) return { kind: 'missing' };
  const inside = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  if (real !== realRoot && !real.startsWith(inside)) return { kind: 'refused' };
  let stats;
  try {
    stats = statSync(real);
  } catch {
    return { kind: 'missing' };
  }
  // A folder is a client-side route (or `/`): the caller falls back to index.html.
  if (stats.isDirectory()) return { kind: 'missing' };
  return stats.isFile() ? { kind: 'file', path: real } : { kind: 'refused' };
}

function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
