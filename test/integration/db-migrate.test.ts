import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/core/errors.js';
import { currentSchemaVersion, migrate, pendingMigrations } from '../../electron/core/db/migrate.js';
import { defaultMigrationsDir } from '../../electron/core/db/migration-files.js';
import { createTestDatabase } from '../helpers/postgres.js';
import type { TestDatabase } from '../helpers/postgres.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrated: false });
  cleanups.push(() => db.drop());
  return db;
}

async function tempMigrations(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-migrations-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) await fs.writeFile(path.join(dir, name), sql);
  return dir;
}

async function tables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  return rows.map((r) => r.t);
}

describe('migrate', () => {
  it('finds the migrations folder of the package from its own module', async () => {
    const files = await fs.readdir(defaultMigrationsDir());
    expect(files).toContain('0001_initial.sql');
  });

  it('applies the initial schema once and is idempotent', async () => {
    const db = await emptyDatabase();
    expect(await currentSchemaVersion(db.pool)).toBe(0);
    expect((await pendingMigrations(db.pool)).map((m) => m.version)).toContain(1);

    const first = await migrate(db.pool);
    expect(first.applied.map((m) => m.version)).toContain(1);
    expect(await tables(db.pool)).toEqual(expect.arrayContaining(['accounts', 'portfolio_items', 'sync_history', 'schema_migrations', 'fills', 'snapshots']));

    const second = await migrate(db.pool);
    expect(second.applied).toEqual([]);
    expect(second.version).toBe(first.version);
    expect(await pendingMigrations(db.pool)).toEqual([]);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
    expect(Number(rows[0]?.n)).toBe(first.applied.length);
  });

  it('lets two concurrent callers both succeed with one set of rows', async () => {
    const db = await emptyDatabase();
    // A second pool, so the two run on separate connections as two processes would.
    const other = new pg.Pool({ connectionString: db.url, max: 1 });
    other.on('error', () => undefined);
    cleanups.push(() => other.end()); // before the drop, which would cut its connection
    const [a, b] = await Promise.all([migrate(db.pool), migrate(other)]);
    // Exactly one of them did the work; the other waited on the lock and found none.
    expect([a.applied.length === 0, b.applied.length === 0].filter(Boolean)).toHaveLength(1);
    expect(a.version).toBe(b.version);
    const { rows } = await db.pool.query<{ version: number; n: string }>('SELECT version, count(*) OVER () AS n FROM schema_migrations');
    expect(Number(rows[0]?.n)).toBe(Math.max(a.applied.length, b.applied.length));
  });

  it('refuses to run when an applied migration was edited', async () => {
    const db = await emptyDatabase();
    const dir = await tempMigrations({ '0001_one.sql': 'CREATE TABLE one (id int);' });
    await migrate(db.pool, dir);
    await fs.writeFile(path.join(dir, '0001_one.sql'), 'CREATE TABLE one (id bigint);');
    const err = await migrate(db.pool, dir).catch((e: unknown) => e);
    expect(isAppError(err) && err.errorClass).toBe('database');
    expect((err as Error).message).toMatch(/0001_one was changed/);
  });

  it('ignores line-ending differences in a migration file', async () => {
    const db = await emptyDatabase();
    const dir = await tempMigrations({ '0001_one.sql': 'CREATE TABLE one (id int);\n-- end\n' });
    await migrate(db.pool, dir);
    await fs.writeFile(path.join(dir, '0001_one.sql'), 'CREATE TABLE one (id int);\r\n-- end\r\n');
    await expect(migrate(db.pool, dir)).resolves.toMatchObject({ applied: [], version: 1 });
  });

  it('applies new migrations in order and leaves everything unchanged when one fails', async () => {
    const db = await emptyDatabase();
    const dir = await tempMigrations({ '0001_one.sql': 'CREATE TABLE one (id int);' });
    await migrate(db.pool, dir);
    await fs.writeFile(path.join(dir, '0002_two.sql'), 'CREATE TABLE two (id int);');
    await fs.writeFile(path.join(dir, '0003_bad.sql'), 'CREATE TABLE three (id int); SELECT no_such_function();');
    const err = await migrate(db.pool, dir).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/0003_bad failed/);
    expect(await tables(db.pool)).not.toContain('two');
    expect(await tables(db.pool)).not.toContain('three');
    expect(await currentSchemaVersion(db.pool)).toBe(1);

    await fs.rm(path.join(dir, '0003_bad.sql'));
    expect(await migrate(db.pool, dir)).toMatchObject({ applied: [{ version: 2, name: 'two' }], version: 2 });
  });

  it('rejects badly named migration files', async () => {
    const db = await emptyDatabase();
    const dir = await tempMigrations({ '1_one.sql': 'SELECT 1;' });
    await expect(migrate(db.pool, dir)).rejects.toThrow(/NNNN_name\.sql/);
  });
});
