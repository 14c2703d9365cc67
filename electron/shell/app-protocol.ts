import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';

/**
 * The window loads the renderer from app://alphapulse/, not file://: a real origin for
 * the IPC sender check and the CSP, and no file-system privileges for the page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'alphapulse';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** "scheme://host" of a URL; WHATWG URL gives custom schemes an opaque "null" origin, so it is built by hand. */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.host ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}

/** The file an app:// URL stands for inside `root`, or null for anything outside it. */
export function resolveAppFile(root: string, raw: string): string | null {
  if (originOf(raw) !== `${APP_SCHEME}://${APP_HOST}`) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(raw).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, pathname.replace(/^\/+/, '') || 'index.html');
  return file.startsWith(base + path.sep) ? file : null;
}

/**
 * The file itself once symbolic links are followed, or null when that lies outside
 * `root` (also resolved) or is not a regular file: a link inside the build must not
 * serve a file from elsewhere on the disk. Rejects when the file does not exist.
 */
export async function realFileInside(root: string, file: string): Promise<string | null> {
  const [realRoot, real] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
  if (!real.startsWith(realRoot + path.sep)) return null;
  return (await fs.stat(real)).isFile() ? real : null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json',
};

// Shown when the dashboard has not been built; plain HTML, so the strict CSP holds.
const NOT_BUILT = '<!doctype html><html><head><meta charset="utf-8"><title>AlphaPulse Sync</title></head><body>'
  + '<h1>AlphaPulse Sync</h1><p>The dashboard is not built in this copy of the app. Syncing works from the tray.</p></body></html>';

/**
 * Serves `root` (the renderer's build) on app://alphapulse/ with the CSP on every
 * response. Paths without a file extension are routes of the single-page app and get index.html.
 */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, opts: { root: string; csp: string }): void {
  const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': opts.csp, 'X-Content-Type-Options': 'nosniff' });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(opts.root, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: headers('text/plain') });
    const ext = path.extname(file);
    const target = ext === '' ? path.join(opts.root, 'index.html') : file;
    try {
      const real = await realFileInside(opts.root, target);
      if (!real) return new Response('Not found', { status: 404, headers: headers('text/plain') });
      const body = await fs.readFile(real);
      return new Response(new Uint8Array(body), { headers: headers(TYPES[path.extname(target)] ?? 'application/octet-stream') });
    } catch {
      if (path.basename(target) === 'index.html') return new Response(NOT_BUILT, { headers: headers(TYPES['.html']!) });
      return new Response('Not found', { status: 404, headers: headers('text/plain') });
    }
  });
}
