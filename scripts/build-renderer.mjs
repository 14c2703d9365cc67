// Builds the dashboard (renderer/, React + Vite) into renderer/dist, which the Electron
// window loads from app://alphapulse/ and `alphapulse-sync serve` serves over HTTP.
//
//   node scripts/build-renderer.mjs              build now
//   node scripts/build-renderer.mjs --if-stale   only when a source is newer than the build
//
// Vite is a development dependency: where it is missing (an install without dev
// dependencies) this says so and exits 0; `serve` then shows a "not built" page.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const builtEntry = path.join(root, 'renderer', 'dist', 'index.html');
// What the bundle is made of: the renderer and the few files it imports from outside it.
const sources = ['renderer', 'shared', 'electron/preload', 'package-lock.json'];

function newestMtime(file) {
  if (!existsSync(file)) return 0;
  const st = statSync(file);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(file)) {
    // The build itself, and a build in progress beside it, are outputs, not sources.
    if (name === 'dist' || name === 'node_modules' || name.startsWith('.dist-')) continue;
    newest = Math.max(newest, newestMtime(path.join(file, name)));
  }
  return newest;
}

/** Whether renderer/dist is missing or older than any of its sources. */
export function rendererIsStale() {
  if (!existsSync(builtEntry)) return true;
  const built = statSync(builtEntry).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Builds renderer/dist; returns false when Vite is not installed. */
export async function buildRenderer({ ifStale = false } = {}) {
  if (ifStale && !rendererIsStale()) return true;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.error('build-renderer: Vite is not installed (development dependency); the dashboard is not built.');
    return false;
  }
  // Built beside and swapped in, so a running `serve` never sends a half-written build.
  const dist = path.join(root, 'renderer', 'dist');
  const fresh = path.join(root, 'renderer', `.dist-${process.pid}`);
  const old = `${fresh}-old`;
  try {
    await vite.build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(fresh, dist);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildRenderer({ ifStale: process.argv.includes('--if-stale') });
}
