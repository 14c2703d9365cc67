import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { AppError, isAppError } from '../errors.js';
import type { DbLog } from './db-log.js';
import { safeCause } from './errors.js';
import { withFileLock } from './file-lock.js';
import { findFreePort, isPortFree } from './free-port.js';
import { initCluster } from './init-cluster.js';
import { loadPgBinaries } from './pg-binaries.js';
import { isPostgresProcess, isProcessAlive, waitForExit } from './process-utils.js';
import { ensureTraversable, resolveRunAs } from './run-as-user.js';
import type { RunAs } from './run-as-user.js';
import { isInitialised, loadOrCreateAuth, readPostmasterPid, readState, serverPaths, writeState } from './server-files.js';
import type { AuthRecord, ServerPaths } from './server-files.js';
import { spawnServer } from './server-process.js';
import { otherConnections } from './server-users.js';
import { waitUntilReady } from './wait-ready.js';

/** The application database created in every embedded cluster. */
export const EMBEDDED_DATABASE = 'alphapulse';

export interface EmbeddedServerOptions {
  /** The app's data folder; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  log: DbLog;
  /** 'none' turns fsync off: only for throw-away servers in tests. Default 'full'. */
  durability?: 'full' | 'none';
  /** How long a start may take before it fails with the server log's last lines. Default 60 s. */
  startTimeoutMs?: number;
}

/** A running embedded server and how to reach it. Do not log it: it carries the password. */
export interface EmbeddedHandle {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  database: typeof EMBEDDED_DATABASE;
  /** True when this process started (or adopted) the server and stops it on stop(). */
  owned: boolean;
  dataDir: string;
  postmasterPid: number;
  /** Fast shutdown when owned; nothing otherwise. Safe to call twice. */
  stop(): Promise<void>;
}

// pgData → postmaster pid of servers this process owns: tells a second start in the
// same process that the owner is alive (its pid in the state file is ours).
const ownedHere = new Map<string, number>();

const LOCK = { timeoutMs: 90_000, staleMs: 120_000 };

/**
 * Starts the private PostgreSQL server of `dataDir`, initialising it on first use, or
 * reuses the one already running there (started by another of our processes). A server
 * left running by a process that died is adopted: this process becomes its owner.
 */
export async function startEmbeddedServer(opts: EmbeddedServerOptions): Promise<EmbeddedHandle> {
  const paths = serverPaths(opts.dataDir);
  const { log } = opts;
  try {
    await fs.mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
    const [bins, runAs] = await Promise.all([loadPgBinaries(), resolveRunAs(log)]);
    return await withFileLock(paths.lockFile, async () => {
      const initialised = await isInitialised(paths.pgData);
      const auth = await loadOrCreateAuth(paths.authFile, initialised);
      const running = await findRunningServer(paths, auth, opts);
      if (running) return adoptOrShare(paths, auth, running, opts);
      if (runAs) {
        // The server runs as another user: it must reach its folder and its programs.
        await ensureTraversable(paths.dataDir, runAs, log);
        await ensureTraversable(path.dirname(bins.postgres), runAs, log);
      }
      if (!initialised) await initCluster({ initdb: bins.initdb, paths, auth, runAs, durable: opts.durability !== 'none', log });
      return startNew(paths, auth, bins.postgres, runAs, opts);
    }, { ...LOCK, onStale: (pid) => log.warn('Took over a stale lock of the built-in database server', { holderPid: pid }) });
  } catch (e) {
    if (isAppError(e)) throw e;
    // File-system trouble (read-only disk, permissions): say where, classified.
    throw new AppError('database', `The built-in database in ${paths.dataDir} could not be prepared: ${(e as Error).message}`,
      'Check that the data folder (DATA_DIR) is writable and on a disk with free space, or set DATABASE_URL to use another PostgreSQL server.', { cause: safeCause(e) });
  }
}

interface Running {
  pid: number;
  port: number;
  client: pg.Client;
}

// A live server on this folder per postmaster.pid that answers with our password.
async function findRunningServer(paths: ServerPaths, auth: AuthRecord, opts: EmbeddedServerOptions): Promise<Running | undefined> {
  const info = await readPostmasterPid(paths.pgData);
  if (!info) return undefined;
  if (!isProcessAlive(info.pid)) {
    // Left by a crash or kill -9; PostgreSQL replaces the file and recovers on start.
    opts.log.info('Found the lock file of a server that is no longer running; starting it again (PostgreSQL recovers on its own)', { stalePid: info.pid });
    return undefined;
  }
  if (isPostgresProcess(info.pid) === false) {
    // After a reboot the recorded pid can belong to an unrelated process, and postgres
    // would refuse to start while "that" postmaster seems alive.
    opts.log.warn('postmaster.pid names a process that is not PostgreSQL; removing the stale file', { pid: info.pid });
    await fs.rm(path.join(paths.pgData, 'postmaster.pid'), { force: true });
    return undefined;
  }
  if (info.status === 'stopping') {
    await waitForExit(info.pid, 30_000);
    if (!isProcessAlive(info.pid)) return undefined;
  }
  const ready = await waitUntilReady({
    port: info.port, user: auth.user, password: auth.password,
    isAlive: () => isProcessAlive(info.pid), deadline: Date.now() + (opts.startTimeoutMs ?? 60_000),
  });
  if (ready.ok) return { pid: info.pid, port: info.port, client: ready.client };
  if (ready.reason === 'exited') return undefined; // it stopped meanwhile: start our own
  throw new AppError('database', `The built-in database server (pid ${info.pid}, port ${info.port}) is running but does not accept connections: ${ready.lastError}`,
    `See ${paths.logFile}. If it is stuck, stop that process (kill ${info.pid}) and try again.`, { transient: true });
}

async function adoptOrShare(paths: ServerPaths, auth: AuthRecord, running: Running, opts: EmbeddedServerOptions): Promise<EmbeddedHandle> {
  const state = await readState(paths.stateFile);
  const ownerPid = state?.ownerPid ?? null;
  // An owner only stops the postmaster it recorded; one that owns another (dead) one
  // would leave this server running for ever.
  const ownerAlive = ownerPid !== null && state?.postmasterPid === running.pid
    && (ownerPid === process.pid ? ownedHere.get(paths.pgData) === running.pid : isProcessAlive(ownerPid));
  try {
    if (!ownerAlive) await ensureAppDatabase(running.client);
  } finally {
    await running.client.end().catch(() => undefined);
  }
  if (ownerAlive) {
    opts.log.debug('Reusing the running built-in database server', { port: running.port, ownerPid });
    return makeHandle(paths, auth, running.pid, running.port, false, opts.log);
  }
  // Its owner died (kill -9, crash): take over, so someone stops it in the end.
  opts.log.info('Adopted a running built-in database server whose owner process is gone', { port: running.port, previousOwner: ownerPid });
  await writeState(paths.stateFile, { port: running.port, ownerPid: process.pid, postmasterPid: running.pid });
  ownedHere.set(paths.pgData, running.pid);
  return makeHandle(paths, auth, running.pid, running.port, true, opts.log);
}

async function startNew(paths: ServerPaths, auth: AuthRecord, postgres: string, runAs: RunAs | undefined, opts: EmbeddedServerOptions): Promise<EmbeddedHandle> {
  const state = await readState(paths.stateFile);
  const began = Date.now();
  let lastError: AppError | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    // The last port again if free: tools the user pointed at it keep working.
    const port = attempt === 0 && state?.port && (await isPortFree(state.port)) ? state.port : await findFreePort();
    const result = await spawnServer({ postgres, paths, auth, port, runAs, durable: opts.durability !== 'none', timeoutMs: opts.startTimeoutMs ?? 60_000, log: opts.log });
    if (result.ok) {
      try {
        await ensureAppDatabase(result.client);
      } finally {
        await result.client.end().catch(() => undefined);
      }
      await writeState(paths.stateFile, { port, ownerPid: process.pid, postmasterPid: result.pid });
      ownedHere.set(paths.pgData, result.pid);
      opts.log.info('Started the built-in database server', { port, pid: result.pid, ms: Date.now() - began });
      return makeHandle(paths, auth, result.pid, port, true, opts.log);
    }
    lastError = result.error;
    if (!result.retry) break;
  }
  throw lastError ?? new AppError('database', 'The built-in database server did not start', `See ${paths.logFile}.`);
}

async function ensureAppDatabase(client: pg.Client): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
  if (found.rowCount) return;
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE)}`);
  } catch (e) {
    if ((e as { code?: unknown }).code !== '42P04') throw e; // created by a racing start: fine
  }
}

function makeHandle(paths: ServerPaths, auth: AuthRecord, postmasterPid: number, port: number, owned: boolean, log: DbLog): EmbeddedHandle {
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1', port, user: auth.user, password: auth.password, database: EMBEDDED_DATABASE,
    owned, dataDir: paths.dataDir, postmasterPid,
    stop: () => {
      if (!owned) return Promise.resolve();
      stopping ??= withFileLock(paths.lockFile, () => stopServer(paths, postmasterPid, port, log, auth), LOCK);
      return stopping;
    },
  };
}

async function stopServer(paths: ServerPaths, pid: number, port: number, log: DbLog, auth: AuthRecord): Promise<void> {
  const info = await readPostmasterPid(paths.pgData);
  if (ownedHere.get(paths.pgData) === pid) ownedHere.delete(paths.pgData);
  // Gone already, or replaced by a server someone else started after ours died.
  if (!info || info.pid !== pid || !isProcessAlive(pid)) return;
  // Another process (the CLI, `serve`, the app) still works on it: hand it over rather
  // than pull it away. With no owner recorded, the next process to start adopts it.
  // Sessions of a process that has just exited linger for a moment: look a few times.
  let others = await otherConnections(port, auth);
  for (let i = 0; others > 0 && i < 5; i++) {
    await new Promise((r) => setTimeout(r, 200));
    others = await otherConnections(port, auth);
  }
  if (others > 0) {
    await writeState(paths.stateFile, { port, ownerPid: null, postmasterPid: pid });
    log.info('Left the built-in database server running for the other processes using it', { pid, connections: others });
    return;
  }
  const began = Date.now();
  signal(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  if (!(await waitForExit(pid, 30_000))) {
    log.warn('The built-in database server did not stop within 30 s; forcing an immediate shutdown', { pid });
    signal(pid, 'SIGQUIT');
    await waitForExit(pid, 10_000);
  }
  await writeState(paths.stateFile, { port, ownerPid: null, postmasterPid: null });
  log.info('Stopped the built-in database server', { pid, ms: Date.now() - began });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e; // exited meanwhile: fine
  }
}
