// Bundles the headless entry points (CLI, fake Bybit server) into dist/ so that
// `npx alphapulse-sync` starts fast without a TypeScript loader. Dependencies stay
// external: node_modules is always beside dist/, and ccxt must keep its file layout
// so that only the exchanges in use are loaded (see electron/core/exchange/ccxt-loader.ts).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const entries = {
  cli: 'electron/cli/main.ts',
  // The fake exchange ships with the test tree; a production install may leave test/ out.
  'fake-bybit': 'test/fake-bybit/main.ts',
};

await build({
  absWorkingDir: root,
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
