import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.txt': 'text/plain; charset=utf-8',
};

/** A file to send, or why not. */
export type StaticLookup =
  | { kind: 'file'; body: Buffer; type: string; immutable: boolean }
  | { kind: 'not-found' }
  | { kind: 'not-built' };

/**
 * The dashboard's build folder, and nothing outside it. The path is decoded once, must
 * not hold a NUL or a backslash, and must resolve (symbolic links followed) to a regular
 * file inside the folder; "/" is index.html. Vite names assets by content hash, so those
 * may be cached for good; index.html never is.
 */
export function createStaticFiles(root: string): (urlPath: string) => Promise<StaticLookup> {
  const base = path.resolve(root);
  return async (urlPath) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { kind: 'not-found' };
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'not-found' };
    const relative = decoded.replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(base, relative);
    if (!file.startsWith(base + path.sep)) return { kind: 'not-found' };
    let realBase: string;
    try {
      realBase = await fs.realpath(base);
    } catch {
      return { kind: 'not-built' };
    }
    try {
      const real = await fs.realpath(file);
      if (!real.startsWith(realBase + path.sep) || !(await fs.stat(real)).isFile()) return { kind: 'not-found' };
      return { kind: 'file', body: await fs.readFile(real), type: TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream', immutable: relative.startsWith('assets/') };
    } catch {
      return relative === 'index.html' ? { kind: 'not-built' } : { kind: 'not-found' };
    }
  };
}

/** Shown when renderer/dist is missing; plain HTML, so the strict CSP holds. */
export const NOT_BUILT_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>AlphaPulse Sync</title></head><body>'
  + '<h1>AlphaPulse Sync</h1><p>The dashboard is not built in this copy of the app. Run <code>npm run build:renderer</code> '
  + '(or <code>npm install</code>) in the project folder and reload. Syncing on the schedule goes on meanwhile.</p></body></html>';
