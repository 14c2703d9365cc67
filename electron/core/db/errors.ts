import { AppError } from '../errors.js';
import type { DatabaseDescription } from './database-target.js';

/** What went wrong with the database, finer than the error class. */
export type DatabaseErrorKind =
  | 'missing-database' | 'auth' | 'connection' | 'connection-lost' | 'timeout' | 'tls' | 'shutdown'
  | 'permission' | 'too-many-connections' | 'query';

/**
 * When a failure happened, for the errors node-postgres raises itself without a code:
 * while a connection was being set up (and whether that ran into the connect timeout), or
 * on a connection that was already open.
 */
export interface DatabaseErrorContext {
  phase: 'connect' | 'query';
  timedOut?: boolean;
}

/** A classified database failure (errorClass 'database'). */
export class DatabaseError extends AppError {
  readonly kind: DatabaseErrorKind;
  /** The SQLSTATE or Node error code behind it, if any. */
  readonly code: string | undefined;

  constructor(kind: DatabaseErrorKind, message: string, recommendation: string, options: { cause?: unknown; transient?: boolean; code?: string }) {
    super('database', message, recommendation, options);
    this.name = 'DatabaseError';
    this.kind = kind;
    this.code = options.code;
  }
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|HOSTNAME_MISMATCH)/;

/**
 * Turns a pg / network / TLS error into a {@link DatabaseError} with a recommendation,
 * decided from its SQLSTATE or socket code; an error without a code (node-postgres's own:
 * a connection closed or timed out) is placed by `context`, never by its wording.
 * Errors already classified pass through. `secrets` (the password) are cut out of any
 * server text that is quoted.
 */
export function classifyDatabaseError(err: unknown, target: DatabaseDescription, secrets: readonly string[] = [], context: DatabaseErrorContext = { phase: 'query' }): AppError {
  if (err instanceof AppError) return err;
  const { code, message } = details(err);
  const where = `${target.host}:${target.port}`;
  const db = `"${target.database}"`;
  const cause = safeCause(err, secrets);
  const make = (kind: DatabaseErrorKind, msg: string, rec: string, transient = false): DatabaseError =>
    new DatabaseError(kind, msg, rec, { cause, transient, ...(code ? { code } : {}) });
  const fixTarget = target.mode === 'embedded' ? 'AlphaPulse Sync starts its built-in database server again on its own; if this persists, see postgres.log in the data folder.'
    : 'Check DATABASE_URL / DB_HOST, DB_PORT (or the database settings) and that the server is running and reachable.';

  switch (code) {
    case '3D000':
      return make('missing-database', `The database ${db} does not exist on ${where}`,
        `Create it (CREATE DATABASE ${target.database}; or let AlphaPulse Sync create it), or point DATABASE_URL / DB_NAME at an existing database.`);
    case '28P01':
      return make('auth', `PostgreSQL at ${where} rejected the password of user "${target.user}"`, 'Check the user name and password in DATABASE_URL or DB_USER / DB_PASS.');
    case '28000':
      // pg_hba.conf refused the connection: for this user, host or database, or because it
      // was not encrypted. The SQLSTATE is the same for both, so the advice names both.
      return make('auth', `PostgreSQL at ${where} does not let user "${target.user}" connect to ${db}`,
        `Ask the server's administrator to allow this user, host and database (pg_hba.conf), or use other credentials.${target.sslMode === 'disable' ? ' If the server accepts only encrypted connections, add ?sslmode=require (or verify-full with sslrootcert=<CA file>) to the database URL.' : ''}`);
    case '42501':
      return make('permission', `User "${target.user}" lacks a privilege on ${where}: ${scrub(message, secrets)}`, 'Grant the privilege (or CREATEDB to create databases), or use a user that owns the database.');
    case '53300':
      return make('too-many-connections', `PostgreSQL at ${where} has no free connection slots`, 'Close other clients or raise max_connections on the server; AlphaPulse Sync tries again later.', true);
    case '57P01': case '57P02': case '57P03':
      return make('shutdown', `PostgreSQL at ${where} is shutting down or starting up`, 'Nothing to do if it is restarting: AlphaPulse Sync tries again later.', true);
    case 'ECONNREFUSED':
      return make('connection', `Nothing accepts connections at ${where} (connection refused)`, fixTarget, true);
    case 'ENOTFOUND':
      return make('connection', `The database host "${target.host}" was not found`, 'Check the host name in DATABASE_URL or DB_HOST.');
    case 'EAI_AGAIN':
      return make('connection', `The database host "${target.host}" could not be looked up (DNS)`, 'Check the network connection; AlphaPulse Sync tries again later.', true);
    case 'ETIMEDOUT': case 'EHOSTUNREACH': case 'ENETUNREACH': case 'ECONNRESET': case 'EPIPE':
      return make('connection', `The connection to PostgreSQL at ${where} failed (${code})`, `${fixTarget} A firewall may be in the way.`, true);
  }
  if (code && TLS_CODES.test(code)) {
    return make('tls', `The TLS certificate of PostgreSQL at ${where} was not accepted (${code})`, 'Give the server\'s CA certificate (sslrootcert=<file> in the URL, or the CA file setting), or use sslmode=require to encrypt without verifying.');
  }
  if (code?.startsWith('08')) {
    return make('connection', `The connection to PostgreSQL at ${where} failed: ${scrub(message, secrets)}`, fixTarget, true);
  }
  // A TypeError or RangeError is a bug on our side, not the connection: say what it was.
  if (code === undefined && !(err instanceof TypeError || err instanceof RangeError)) return uncoded(context, target, where, fixTarget, make);
  return make('query', `PostgreSQL error${code ? ` ${code}` : ''}: ${scrub(message, secrets)}`, 'See the log for details; if it persists, run `alphapulse-sync diagnose`.');
}

type Make = (kind: DatabaseErrorKind, msg: string, rec: string, transient?: boolean) => DatabaseError;

// node-postgres raises its own errors without a code: the socket closed while the
// connection was set up (a server refusing TLS does that, or one going down), the connect
// timeout ran out, or an open connection was cut. Which one is known from when it happened.
function uncoded(context: DatabaseErrorContext, target: DatabaseDescription, where: string, fixTarget: string, make: Make): DatabaseError {
  if (context.phase === 'query') {
    return make('connection-lost', `The connection to PostgreSQL at ${where} was lost`, 'Nothing to do if the server was restarting: AlphaPulse Sync tries again later.', true);
  }
  if (context.timedOut) return make('timeout', `Connecting to PostgreSQL at ${where} timed out`, fixTarget, true);
  if (target.sslMode !== 'disable') {
    return make('tls', `PostgreSQL at ${where} closed the connection while it was being set up; it may not support the encrypted connections the settings require`,
      'Use sslmode=disable for this server, or enable SSL on it.');
  }
  return make('connection', `PostgreSQL at ${where} closed the connection while it was being set up`, fixTarget, true);
}

/**
 * What of the original error may be kept as `cause`: node-postgres errors reference
 * their client, and through it the connection password, which a logger that
 * serialises causes would print.
 */
export function safeCause(err: unknown, secrets: readonly string[] = []): Error {
  const { code, message } = details(err);
  const out = new Error(scrub(message, secrets)) as Error & { code?: string };
  if (code) out.code = code;
  return out;
}

function details(err: unknown): { code: string | undefined; message: string } {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown } | null;
  let code = typeof e?.code === 'string' ? e.code : undefined;
  // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
  if (!code && Array.isArray(e?.errors)) code = details(e.errors[0]).code;
  return { code, message: typeof e?.message === 'string' ? e.message : String(err) };
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@/\s]+@/gi, '$1[redacted]@');
}
