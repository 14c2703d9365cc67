// Bundles the Electron main process and the preload into dist/shell/ (package.json
// `main` points at dist/shell/main.js). Like the CLI build, dependencies stay external:
// ccxt keeps its file layout so only the exchanges in use are loaded, and keytar and the
// PostgreSQL binaries load from node_modules (unpacked from the asar in a package).
// The preload runs sandboxed, where only `electron` can be required: everything else is
// bundled into it, and it must be CommonJS.
//
// --ensure-electron (used by `npm start`): the Electron binary is downloaded on first run.
// Its npm install script is not allowed to run at install time (installing needs nothing
// but the npm registry), so `npm start` fetches it here when it is missing.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from './build-renderer.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

if (process.argv.includes('--ensure-electron')) {
  const electronDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(electronDir, 'path.txt'))) {
    console.log('Downloading the Electron binary (first start only)…');
    const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
    if (r.status !== 0) {
      console.error('Could not download Electron. Check the internet connection (or set ELECTRON_MIRROR) and run `npm start` again.');
      process.exit(1);
    }
  }
}

await Promise.all([
  build({
    absWorkingDir: root,
    entryPoints: { main: 'electron/shell/main.ts' },
    outdir: 'dist/shell',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Electron 45 runs Node 22.
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  }),
  build({
    absWorkingDir: root,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/shell/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    sourcemap: 'inline',
    logLevel: 'warning',
  }),
  // The window loads renderer/dist from app://alphapulse/ (electron/shell/app-protocol.ts).
  buildRenderer({ ifStale: true }),
]);
