import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { configError } from '../errors.js';
import type { ConnectionSettings } from './database-target.js';

/** node-postgres client options for `settings`; `database` overrides the one to connect to. */
export function clientConfig(settings: ConnectionSettings, database = settings.database): pg.ClientConfig {
  return {
    host: settings.host, port: settings.port, user: settings.user, password: settings.password, database,
    ssl: sslOptions(settings),
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    // The pid tells a process's own connections from others' (see embedded-server stop()).
    application_name: `alphapulse-sync:${process.pid}`,
    types: TYPES,
  };
}

function sslOptions(s: ConnectionSettings): false | ConnectionOptions {
  if (s.sslMode === 'disable') return false;
  const ca = s.caFile ? readCa(s.caFile) : undefined;
  if (s.sslMode === 'require') return { rejectUnauthorized: false };
  // verify-ca: the chain must lead to the CA, whatever name the certificate carries.
  if (s.sslMode === 'verify-ca') return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined };
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
}

function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw configError(`The database CA certificate file ${file} cannot be read`, 'Fix the path (sslrootcert in the URL, or the CA file setting) or the file\'s permissions.');
  }
}

const TIMESTAMP = 1114;
const NUMERIC = 1700;

// Type parsing per pool (the global pg.types stays untouched). NUMERIC stays a string
// (exact decimals end to end); TIMESTAMP without time zone, used by the old module's
// tables, is read as UTC, the session time zone we set, instead of Node's local zone.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === NUMERIC) return (v: string) => v;
    if (format !== 'binary' && oid === TIMESTAMP) return parseUtcTimestamp;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function parseUtcTimestamp(v: string): Date | string {
  // '2026-11-21 10:00:00.123456'; 'infinity' and BC dates are left as text.
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(v) ? new Date(`${v.replace(' ', 'T')}Z`) : v;
}
