import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection.js';
import { resolveDatabaseTarget } from '../../electron/core/db/database-target.js';
import { migrate } from '../../electron/core/db/migrate.js';

export interface TestDatabase {
  /** postgres://… URL of the new database (superuser credentials). */
  url: string;
  name: string;
  /** A pool configured exactly as the app configures its own (openDatabase). */
  pool: pg.Pool;
  /** Closes the pool and drops the database, even with connections still open. */
  drop(): Promise<void>;
}

const silent = { debug() {}, info() {}, warn() {} };

/** The run's server, as a superuser URL to the `postgres` database (from global-setup.ts). */
export function adminUrl(): string {
  return inject('pgAdminUrl');
}

/** A URL to database `name` on the run's server. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A unique database name; lower case so it needs no quoting. */
export function uniqueDatabaseName(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
}

/**
 * A fresh database on the run's server, with the migrations applied unless
 * `migrated: false`. Every test gets its own, so tests never see each other's rows.
 */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueDatabaseName();
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const db = await openDatabase(resolveDatabaseTarget({ DATABASE_URL: url }), { dataDir: '', log: silent });
  if (opts.migrated !== false) await migrate(db.pool);
  let dropped: Promise<void> | undefined;
  return {
    url, name, pool: db.pool,
    drop: () => {
      dropped ??= db.close().then(() => dropDatabase(name));
      return dropped;
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new temporary data folder for a test's own embedded server. The prefix is the one
 * global-setup.ts looks for when it removes folders left by killed runs.
 */
export function makeTempDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-test-pg-'));
}
