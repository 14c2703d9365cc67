#!/usr/bin/env node
// Thin launcher: runs the bundled CLI, building it first when a checkout has not been
// built yet (npm install runs the build through `prepare`; this covers the rest).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.join(root, 'dist', 'cli.js');
if (!existsSync(entry)) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('alphapulse-sync: could not build the CLI (run `npm install` in the project folder)\n');
    process.exit(2);
  }
}
await import(pathToFileURL(entry).href);
