// Starts one throw-away PostgreSQL server for the whole test run; test files get their
// own databases on it through test/helpers/postgres.ts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../../electron/core/db/embedded-server.js';
import { isPostgresProcess, isProcessAlive, waitForExit } from '../../electron/core/db/process-utils.js';
import { readPostmasterPid, readState, serverPaths } from '../../electron/core/db/server-files.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's server, database `postgres`. */
    pgAdminUrl: string;
  }
}

// Also used by makeTempDataDir() in postgres.ts, so abandoned folders of tests are found too.
const TEST_DIR_PREFIX = 'alphapulse-test-pg-';

const quiet = { debug() {}, info() {}, warn(msg: string) { process.stderr.write(`[test postgres] ${msg}\n`); } };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await reapAbandoned();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), TEST_DIR_PREFIX));
  // fsync off: this server's data is thrown away at the end of the run.
  const server = await startEmbeddedServer({ dataDir: dir, log: quiet, durability: 'none' });
  project.provide('pgAdminUrl', `postgres://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/postgres`);
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}

// Servers of runs that were killed before their teardown (Ctrl+C twice, a CI timeout)
// keep running detached. Stop those whose owner is gone and remove their folders;
// only old folders, never those of a run going on beside this one.
async function reapAbandoned(): Promise<void> {
  const tmp = os.tmpdir();
  const names = (await fs.readdir(tmp)).filter((n) => n.startsWith(TEST_DIR_PREFIX));
  for (const name of names) {
    const paths = serverPaths(path.join(tmp, name));
    const st = await fs.stat(paths.dataDir).catch(() => undefined);
    if (!st || Date.now() - st.mtimeMs < 30 * 60_000) continue;
    const state = await readState(paths.stateFile);
    if (state?.ownerPid && isProcessAlive(state.ownerPid)) continue;
    const info = await readPostmasterPid(paths.pgData);
    if (info && isProcessAlive(info.pid) && isPostgresProcess(info.pid) !== false) {
      process.kill(info.pid, 'SIGINT');
      await waitForExit(info.pid, 10_000);
    }
    await fs.rm(paths.dataDir, { recursive: true, force: true });
  }
}
