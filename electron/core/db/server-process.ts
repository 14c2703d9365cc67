import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { AppError } from '../errors.js';
import type { DbLog } from './db-log.js';
import { serverEnv } from './init-cluster.js';
import { fileSize, readLogTail } from './log-tail.js';
import { isProcessAlive, waitForExit } from './process-utils.js';
import type { RunAs } from './run-as-user.js';
import type { AuthRecord, ServerPaths } from './server-files.js';
import { waitUntilReady } from './wait-ready.js';
import type pg from 'pg';

export interface SpawnOptions {
  postgres: string;
  paths: ServerPaths;
  auth: AuthRecord;
  port: number;
  runAs: RunAs | undefined;
  durable: boolean;
  timeoutMs: number;
  log: DbLog;
}

export type SpawnResult =
  | { ok: true; pid: number; client: pg.Client }
  | { ok: false; retry: boolean; error: AppError };

const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

// Lines after which another attempt can succeed: the port was taken between our check
// and the bind, or the previous server's processes are still letting go of its memory.
const RETRYABLE = /could not bind|Address already in use|pre-existing shared memory block|lock file "postmaster\.pid" already exists/i;

/**
 * Starts the postmaster detached from our stdio and process group, so it outlives us if
 * we are killed (the next start adopts it), and waits until it accepts connections.
 */
export async function spawnServer(opts: SpawnOptions): Promise<SpawnResult> {
  const { paths } = opts;
  await rotateLog(paths.logFile);
  const logOffset = await fileSize(paths.logFile);
  const args = ['-D', paths.pgData, '-p', String(opts.port),
    '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    ...(opts.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])];
  // The log file is opened by us and inherited, so it may stay owned by us when the
  // server runs as the postgres user.
  const fd = fs.openSync(paths.logFile, 'a', 0o600);
  let spawnError: Error | undefined;
  let exited = false;
  const child = spawn(opts.postgres, args, { cwd: '/', env: serverEnv(), detached: true, stdio: ['ignore', fd, fd], ...opts.runAs });
  fs.closeSync(fd);
  child.on('error', (e) => { spawnError = e; });
  child.on('exit', () => { exited = true; });
  child.unref();

  const ready = await waitUntilReady({
    port: opts.port, user: opts.auth.user, password: opts.auth.password,
    isAlive: () => !exited && spawnError === undefined, deadline: Date.now() + opts.timeoutMs,
  });
  if (ready.ok && child.pid !== undefined) return { ok: true, pid: child.pid, client: ready.client };
  if (ready.ok) await ready.client.end();

  // Not ready: make sure no half-started server is left behind.
  if (child.pid !== undefined && isProcessAlive(child.pid)) {
    child.kill('SIGINT');
    if (!(await waitForExit(child.pid, 10_000))) child.kill('SIGKILL');
  }
  const tail = await readLogTail(paths.logFile, logOffset);
  opts.log.warn('The built-in database server did not start', { port: opts.port, logTail: tail });
  const why = spawnError ? `could not be run (${spawnError.message})`
    : !ready.ok && ready.reason === 'timeout' ? `did not accept connections within ${Math.round(opts.timeoutMs / 1000)} s` : 'stopped during start-up';
  const lastLines = tail.split('\n').slice(-4).join(' | ') || (ready.ok ? '' : ready.lastError);
  return {
    ok: false,
    retry: RETRYABLE.test(tail),
    error: new AppError('database', `The built-in database server ${why}. Server log: ${lastLines}`,
      `See ${paths.logFile} for details. Check free disk space and that nothing else uses the folder ${paths.pgData}; or set DATABASE_URL to use another PostgreSQL server.`,
      { cause: spawnError }),
  };
}

// Only before we start a server: the log file is not in use by a running one then.
async function rotateLog(file: string): Promise<void> {
  if ((await fileSize(file)) > LOG_ROTATE_BYTES) await fs.promises.rename(file, `${file}.1`).catch(() => undefined);
}
