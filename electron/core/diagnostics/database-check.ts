import { performance } from 'node:perf_hooks';
import type { Database } from '../db/connection.js';
import { describeConnection, type DatabaseDescription, type DatabaseTarget } from '../db/database-target.js';
import { classifyDatabaseError, DatabaseError } from '../db/errors.js';
import { AppError } from '../errors.js';
import { currentSchemaVersion, pendingMigrations } from '../db/migrate.js';
import { serverPaths } from '../db/server-files.js';
import { asAppError, fail, pass, type CheckDefinition, type CheckOutcome } from './check-types.js';

/** The database as diagnostics see it: open, failed to open, or still opening. */
export interface DatabaseInput {
  target: DatabaseTarget;
  dataDir: string;
  /** The open database, the (classified) failure of opening it, or a promise of either. */
  connection: Database | Error | Promise<Database | Error>;
  /** For the built-in server: whether it was running before this run; null when unknown. */
  embeddedWasRunning?: boolean | null;
  /** Migrations folder; the app's own by default (tests point elsewhere). */
  migrationsDir?: string;
}

/** The built-in server can take a while to start on first use (initdb). */
export const DATABASE_CHECK_TIMEOUT_MS = 60_000;

/** Reachable, authenticated, the database exists, migrations current, round-trip time. */
export function databaseCheck(input: DatabaseInput, elapsed: () => number = () => performance.now()): CheckDefinition {
  return { id: 'database', account: null, title: 'Database', timeoutMs: DATABASE_CHECK_TIMEOUT_MS, run: () => checkDatabase(input, elapsed) };
}

/** Where the data lives, without the password. */
export function describeTarget(input: Pick<DatabaseInput, 'target' | 'dataDir' | 'embeddedWasRunning'>): Record<string, unknown> {
  const t = input.target;
  if (t.mode === 'embedded') {
    return { mode: 'embedded', folder: serverPaths(input.dataDir).pgData, serverWasRunning: input.embeddedWasRunning ?? null };
  }
  return { ...describeConnection('external', t), source: t.source };
}

async function checkDatabase(input: DatabaseInput, elapsed: () => number): Promise<CheckOutcome> {
  const where = describeTarget(input);
  const opened = await input.connection;
  if (opened instanceof Error) return openFailure(opened, where);
  const data: Record<string, unknown> = { ...where, reachable: true, authenticated: true, databaseExists: true };
  if (opened.embedded) Object.assign(data, { port: opened.embedded.port, ownedByThisProcess: opened.embedded.owned });
  let pending: string[];
  try {
    const started = elapsed();
    await opened.pool.query('SELECT 1');
    data.roundTripMs = Math.round((elapsed() - started) * 10) / 10;
    const { rows } = await opened.pool.query<{ server_version: string }>('SHOW server_version');
    data.serverVersion = rows[0]?.server_version ?? null;
    pending = (await pendingMigrations(opened.pool, input.migrationsDir)).map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`);
    data.pendingMigrations = pending.length;
    data.pendingMigrationNames = pending;
    data.schemaVersion = await currentSchemaVersion(opened.pool);
  } catch (e) {
    const err = readableDatabaseError(e, opened.target);
    return fail(`Connected, but reading the database failed: ${err.message}`, err.recommendation, { ...data, errorClass: err.errorClass });
  }
  const name = where.mode === 'embedded' ? `Built-in PostgreSQL (${String(where.folder)})` : `PostgreSQL at ${String(where.host)}:${String(where.port)}/${String(where.database)}`;
  // A database no sync has set up yet is the normal state before the first sync, and an
  // update's new migrations are applied by the next start: neither is a fault.
  if (pending.length > 0 && data.schemaVersion === 0) {
    return pass(`${name}: connected in ${String(data.roundTripMs)} ms; not synced yet (the first sync sets up its tables)`, data,
      'Run `alphapulse-sync sync` (or sync from the app) to set up the database and import the portfolio.');
  }
  if (pending.length > 0) {
    return pass(`${name}: connected in ${String(data.roundTripMs)} ms; ${pending.length} schema update(s) are applied at the next start or sync (${pending.join(', ')})`, data,
      'Nothing to do: the next `alphapulse-sync sync` (or starting the app) applies them.');
  }
  return pass(`${name}: connected, round trip ${String(data.roundTripMs)} ms, schema current`, data);
}

function openFailure(e: Error, where: Record<string, unknown>): CheckOutcome {
  const err = asAppError(e);
  const kind = e instanceof DatabaseError ? e.kind : null;
  // What the failure tells about each step; null where it was never reached.
  const reachable = kind === null ? null : !['connection', 'timeout', 'tls'].includes(kind);
  const authenticated = kind === 'auth' ? false : kind === 'missing-database' || kind === 'permission' || kind === 'query' ? true : null;
  const databaseExists = kind === 'missing-database' ? false : kind === 'permission' || kind === 'query' ? true : null;
  return fail(err.message, err.recommendation, {
    ...where, reachable, authenticated, databaseExists, pendingMigrations: null, roundTripMs: null, errorClass: err.errorClass, kind,
  });
}

/**
 * A database failure in words for the reader: a classified connection, auth or
 * permission problem as classified; an unclassified statement error without the
 * server's own text (SQL, SQLSTATE), which is in the log for whoever needs it.
 */
export function readableDatabaseError(e: unknown, target: DatabaseDescription): AppError {
  const err = classifyDatabaseError(e, target);
  if (err instanceof DatabaseError && err.kind !== 'query') return err;
  if (!(err instanceof DatabaseError) && err.errorClass !== 'internal') return err;
  return new AppError('database', 'the database answered with an error', 'Run `alphapulse-sync sync` once (it brings the database up to date); if this stays, report it with this report attached.', { cause: err.cause ?? e });
}
