import { configError } from '../errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** libpq's sslmode, less 'allow'/'prefer' (node-postgres cannot fall back; they mean 'disable'). */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

/** Everything needed to connect to one database. Carries the password: never log it. */
export interface ConnectionSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  sslMode: SslMode;
  /** CA certificate (PEM) to verify the server with; the system store when absent. */
  caFile?: string;
}

export type ExternalSource = 'DATABASE_URL' | 'DB_HOST/DB_PORT/DB_USER/DB_PASS/DB_NAME' | 'settings';

/** Where the data lives: the built-in server, or a PostgreSQL server the user named. */
export type DatabaseTarget = { mode: 'embedded' } | ({ mode: 'external'; source: ExternalSource } & ConnectionSettings);

/** The `database` part of the settings file (compatible with config/settings-schema.ts). */
export type DatabaseSettingsInput =
  | { mode: 'embedded' }
  | { mode: 'external'; url: string; sslMode?: 'disable' | 'require' | 'verify-full'; caFile?: string | null };

/** A target as it may be shown and logged: no password. */
export interface DatabaseDescription {
  mode: 'embedded' | 'external';
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
}

const DB_VARS = ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME'] as const;
const DEFAULTS = { host: 'localhost', port: 5432, user: 'postgres', password: 'postgres', database: 'alphapulse' };

/**
 * Chooses the database, with the old module's variables: `DATABASE_URL`, else any of `DB_HOST` … `DB_NAME`
 * (the rest defaulted), else `settings.database`, else the built-in server. The
 * environment wins over the settings file. Bad values are config errors naming the
 * variable, never echoing a password.
 */
export function resolveDatabaseTarget(env: Env, settings?: { database?: DatabaseSettingsInput } | null): DatabaseTarget {
  const url = nonEmpty(env.DATABASE_URL);
  if (url !== undefined) return { mode: 'external', source: 'DATABASE_URL', ...parseDatabaseUrl(url, 'DATABASE_URL') };
  if (DB_VARS.some((name) => nonEmpty(env[name]) !== undefined)) return { mode: 'external', source: 'DB_HOST/DB_PORT/DB_USER/DB_PASS/DB_NAME', ...fromDbVars(env) };
  const db = settings?.database;
  if (db?.mode === 'external') {
    const parsed = parseDatabaseUrl(db.url, 'The database URL in settings');
    // The stronger of the URL's sslmode and the setting wins: never a silent downgrade.
    const sslMode = strongest(parsed.sslMode, db.sslMode ?? 'disable');
    const caFile = parsed.caFile ?? (db.caFile || undefined);
    return { mode: 'external', source: 'settings', ...parsed, sslMode, ...(caFile ? { caFile } : {}) };
  }
  return { mode: 'embedded' };
}

/** postgres://user:password@host:port/database?sslmode=…&sslrootcert=… into settings. */
export function parseDatabaseUrl(raw: string, name: string): ConnectionSettings {
  const fix = `Use the form postgres://user:password@host:5432/database (percent-encode special characters in the password).`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // The value is not echoed: it may hold the password.
    throw configError(`${name} is not a valid PostgreSQL URL`, fix);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw configError(`${name} must start with postgres:// or postgresql://`, fix);
  }
  const q = url.searchParams;
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw configError(`${name} has a malformed percent-encoding`, fix);
    }
  };
  const host = q.get('host') || url.hostname.replace(/^\[(.*)\]$/, '$1') || DEFAULTS.host;
  const port = parsePort(url.port || q.get('port') || String(DEFAULTS.port), `${name} (port)`);
  const caFile = q.get('sslrootcert') || undefined;
  return {
    host,
    port,
    user: decode(url.username) || q.get('user') || DEFAULTS.user,
    password: decode(url.password) || q.get('password') || '',
    database: decode(url.pathname.replace(/^\//, '')) || q.get('dbname') || DEFAULTS.database,
    sslMode: parseSslMode(q.get('sslmode'), q.get('ssl'), caFile !== undefined, name),
    ...(caFile ? { caFile } : {}),
  };
}

/** The redacted view of a target: what logs, diagnostics and the window may show. */
export function describeConnection(mode: 'embedded' | 'external', c: ConnectionSettings): DatabaseDescription {
  return { mode, host: c.host, port: c.port, database: c.database, user: c.user, sslMode: c.sslMode };
}

function fromDbVars(env: Env): ConnectionSettings {
  const port = nonEmpty(env.DB_PORT);
  return {
    host: nonEmpty(env.DB_HOST) ?? DEFAULTS.host,
    port: port === undefined ? DEFAULTS.port : parsePort(port, 'DB_PORT'),
    user: nonEmpty(env.DB_USER) ?? DEFAULTS.user,
    password: env.DB_PASS ?? DEFAULTS.password,
    database: nonEmpty(env.DB_NAME) ?? DEFAULTS.database,
    sslMode: 'disable',
  };
}

function parsePort(raw: string, name: string): number {
  const n = /^\d{1,5}$/.test(raw.trim()) ? Number.parseInt(raw, 10) : Number.NaN;
  if (!(n >= 1 && n <= 65535)) throw configError(`${name} must be a port number from 1 to 65535, not "${raw}"`, `Set ${name} to the server's port, e.g. 5432.`);
  return n;
}

const ORDER: SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];

function parseSslMode(sslmode: string | null, ssl: string | null, hasCa: boolean, name: string): SslMode {
  let mode: SslMode;
  if (sslmode === null || sslmode === '') mode = ssl === 'true' || ssl === '1' ? 'require' : 'disable';
  else if (sslmode === 'allow' || sslmode === 'prefer' || sslmode === 'disable') mode = 'disable';
  else if ((ORDER as string[]).includes(sslmode)) mode = sslmode as SslMode;
  else throw configError(`${name} has sslmode=${sslmode}, which is not one of disable, require, verify-ca, verify-full`, 'Fix the sslmode parameter of the URL.');
  // As in libpq: 'require' with a root certificate verifies the chain.
  return mode === 'require' && hasCa ? 'verify-ca' : mode;
}

function strongest(a: SslMode, b: SslMode): SslMode {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
