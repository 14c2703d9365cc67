// Bundles the headless entry points (CLI, fake Bybit server) into dist/ so that
// `npx alphapulse-sync` starts fast without a TypeScript loader. Dependencies stay
// external: node_modules is always beside dist/, and ccxt must keep its file layout
// so that only the exchanges in use are loaded (see electron/core/exchange/ccxt-loader.ts).
//
// Files are written only when their content changed, each through a rename: a test or a
// `serve` starting while this runs never loads a half-written bundle. The dashboard
// (renderer/dist) is built too when it is missing or older than its sources, so
// `npx alphapulse-sync serve` works right after `npm install`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { buildRenderer } from './build-renderer.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const entries = {
  cli: 'electron/cli/main.ts',
  // The fake exchange ships with the test tree; a production install may leave test/ out.
  'fake-bybit': 'test/fake-bybit/main.ts',
  'fake-okx': 'test/fake-okx/main.ts',
};

const result = await build({
  absWorkingDir: root,
  write: false,
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(path.join(root, file)))),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const file of result.outputFiles) {
  if (existsSync(file.path) && readFileSync(file.path).equals(file.contents)) continue;
  mkdirSync(path.dirname(file.path), { recursive: true });
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}

await buildRenderer({ ifStale: true });
