import pg from 'pg';
import type { DbLog } from './db-log.js';
import { createDatabase } from './create-database.js';
import type { ConnectionSettings, DatabaseDescription, DatabaseTarget } from './database-target.js';
import { describeConnection } from './database-target.js';
import { startEmbeddedServer } from './embedded-server.js';
import { superviseEmbeddedServer } from './embedded-supervisor.js';
import type { EmbeddedSupervisor } from './embedded-supervisor.js';
import { createClassifiedPool } from './classified-pool.js';
import { classifyDatabaseError, DatabaseError } from './errors.js';
import type { DatabaseErrorContext } from './errors.js';
import { clientConfig } from './pg-config.js';

export { resolveDatabaseTarget } from './database-target.js';

/** An open connection pool and what it points at. */
export interface Database {
  pool: pg.Pool;
  /** Redacted: safe to log and show. */
  target: DatabaseDescription;
  /** For the built-in server: whether this process owns it, and its folder. */
  embedded: { owned: boolean; dataDir: string; port: number } | null;
  /** Ends the pool, then stops the built-in server if this process owns it. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  log: DbLog;
  /** Create a missing external database instead of failing (the built-in one always is). */
  createDatabase?: boolean;
  /** Connections in the pool; default 5. */
  poolSize?: number;
  /** Longest a statement may run; default 60 s. */
  statementTimeoutMs?: number;
  /**
   * Called with the connection password before anything can fail, so the caller can
   * register it with its log redactor.
   */
  onSecret?: (value: string) => void;
  /** For tests: see EmbeddedServerOptions.durability. */
  durability?: 'full' | 'none';
}

/**
 * Opens the target (starting or reusing the built-in server for 'embedded') and checks
 * that a query works. Failures are classified {@link DatabaseError}s with a
 * recommendation; messages never contain the password.
 */
export async function openDatabase(target: DatabaseTarget, opts: OpenDatabaseOptions): Promise<Database> {
  let supervisor: EmbeddedSupervisor | undefined;
  let settings: ConnectionSettings;
  if (target.mode === 'embedded') {
    const start = () => startEmbeddedServer({ dataDir: opts.dataDir, log: opts.log, ...(opts.durability ? { durability: opts.durability } : {}) });
    const handle = await start();
    // The server can be killed or crash while we run: it is started again (or the one
    // another process started is adopted) and new connections go wherever it now listens.
    supervisor = superviseEmbeddedServer(handle, { start, log: opts.log });
    settings = { host: handle.host, port: handle.port, user: handle.user, password: handle.password, database: handle.database, sslMode: 'disable' };
  } else {
    settings = target;
  }
  if (settings.password) opts.onSecret?.(settings.password);
  const description = describeConnection(target.mode, settings);
  let pool: pg.Pool | undefined;
  try {
    pool = createPool(settings, description, opts, supervisor);
    await checkConnection(pool, settings, description, opts.createDatabase === true || target.mode === 'embedded', opts.log);
  } catch (e) {
    await pool?.end().catch(() => undefined);
    await supervisor?.stop().catch(() => undefined);
    throw e;
  }
  opts.log.info('Connected to the database', { ...description });
  const ready = pool;
  let closing: Promise<void> | undefined;
  return {
    pool: ready,
    target: description,
    get embedded() {
      const h = supervisor?.current();
      return h ? { owned: h.owned, dataDir: h.dataDir, port: h.port } : null;
    },
    close: () => {
      closing ??= ready.end().finally(() => supervisor?.stop());
      return closing;
    },
  };
}

function createPool(settings: ConnectionSettings, description: DatabaseDescription, opts: OpenDatabaseOptions, supervisor: EmbeddedSupervisor | undefined): pg.Pool {
  const timeout = Math.round(opts.statementTimeoutMs ?? 60_000);
  // The built-in server may have moved to another port since the pool was made.
  const where = (): DatabaseDescription => (supervisor ? { ...description, port: supervisor.current().port } : description);
  const classify = (e: unknown, context: DatabaseErrorContext) => classifyDatabaseError(e, where(), [settings.password], context);
  const pool = createClassifiedPool({
    classify,
    ...(supervisor ? { endpoint: () => ({ host: supervisor.current().host, port: supervisor.current().port }), recover: () => supervisor.recover() } : {}),
    config: {
      ...clientConfig(settings),
      max: opts.poolSize ?? 5,
      idleTimeoutMillis: 30_000,
      // Awaited by the pool before it hands the connection out. Session settings go by SET
      // rather than startup parameters, which poolers such as PgBouncer reject.
      onConnect: async (client) => {
        // A connection cut while checked out (server restart, pg_terminate_backend) emits
        // 'error' on the client; without a listener that would kill the process.
        client.on('error', (e) => opts.log.debug('Database connection error', { error: classify(e, { phase: 'query' }).message }));
        await client.query(`SET TIME ZONE 'UTC'; SET statement_timeout = ${timeout}; SET idle_in_transaction_session_timeout = ${Math.max(timeout, 60_000)}`);
      },
    },
  });
  // The same for idle connections, which the pool reports here. Losing them all at once is
  // how a killed built-in server shows first: it is started again before the next call.
  pool.on('error', (e) => {
    opts.log.warn('A pooled database connection was lost; the next query opens a new one', { error: classify(e, { phase: 'query' }).message });
    void supervisor?.recover();
  });
  return pool;
}

async function checkConnection(pool: pg.Pool, settings: ConnectionSettings, description: DatabaseDescription, create: boolean, log: DbLog): Promise<void> {
  try {
    await pool.query('SELECT 1');
    return;
  } catch (e) {
    // The pool's errors are classified already.
    if (!(create && e instanceof DatabaseError && e.kind === 'missing-database')) throw e;
  }
  const outcome = await createDatabase(settings);
  log.info(outcome === 'created' ? 'Created the database' : 'The database exists now', { ...description });
  await pool.query('SELECT 1');
}
