import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** What a file of the build is sent as (with `nosniff`, a wrong type would not run). */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The page's policy wherever the build is served: the headless host and the desktop window. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** What a path in the build folder turned out to be. */
export type Lookup = { kind: 'file'; path: string } | { kind: 'missing' } | { kind: 'refused' };

/**
 * Serves the built renderer. Unknown paths fall back to index.html so client-side routes
 * survive a reload. Only regular files whose real path lies inside the build folder are sent:
 * a symlink leading out of it (or a device, socket or pipe) answers 404.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const decoded = safeDecode(urlPath);
  let found = decoded === null ? null : findInBuild(root, decoded);
  if (found === null) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  if (found.kind === 'refused') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  if (found.kind === 'missing') found = findInBuild(root, '/index.html')!;
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
      'content-type': contentTypeOf(file),
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

/**
 * Where the decoded URL path `decoded` leads in the build folder `root`; null for a path that
 * names a parent folder. Only a regular file whose real path lies inside the folder is a file:
 * a symlink leading out of it, a device, socket or pipe is refused; a folder is missing.
 */
export function findInBuild(root: string, decoded: string): Lookup | null {
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return null;
  const realRoot = realPath(root);
  return realRoot === null ? { kind: 'missing' } : lookup(realRoot, join(root, relative));
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
