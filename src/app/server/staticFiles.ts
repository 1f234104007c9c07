/**
 * Serves the built workbench (web/dist): files by path, index.html for any other non-API GET so
 * client-side routes survive a reload, and a plain hint when the build is missing.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const MISSING_BUILD =
  'The natrium workbench has not been built yet: run `npm run build` (or `npm start`, which builds first), then reload.\n';

export function staticHandler(distDir: string) {
  return async (c: Context) => {
    if (!existsSync(join(distDir, 'index.html'))) return c.text(MISSING_BUILD, 503);
    const file = await resolveFile(distDir, c.req.path);
    if (file) return sendFile(c, file);
    // A missing asset is a real 404; anything else is a page the client router may know.
    if (c.req.path.startsWith('/assets/') || extname(c.req.path)) return c.text('Not found.\n', 404);
    return sendFile(c, join(distDir, 'index.html'));
  };
}

async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const full = normalize(join(root, decoded));
  if (!full.startsWith(normalize(root + sep)) && full !== normalize(root)) return undefined;
  const info = await stat(full).catch(() => undefined);
  if (info?.isFile()) return full;
  if (info?.isDirectory()) {
    const index = join(full, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return index;
  }
  return undefined;
}

async function sendFile(c: Context, file: string) {
  const body = await readFile(file);
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Vite puts content hashes in asset names, so those can be cached for good; index.html must not.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  return c.body(body, 200, { 'content-type': type, 'cache-control': cache });
}
