// vitest globalSetup: the e2e tests run the built CLI (dist/cli.js) and serve the built
// dashboard (renderer/dist). Both are brought up to date once, before any test file
// starts, so no two test files build at the same time. Quick when nothing changed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the CLI and the dashboard failed (scripts/build-core.mjs):\n${r.stderr}${r.stdout}`);
}
