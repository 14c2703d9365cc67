import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate.js';
import { defaultMigrationsDir } from '../../electron/core/db/migration-files.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { groupColumns, VIEW_COLUMNS, VIEW_COLUMNS_SQL } from '../helpers/sql-views-contract.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function database(migrated: boolean): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrated });
  cleanups.push(() => db.drop());
  return db;
}

/** Every view's columns and every comment on a view or one of its columns. */
async function viewCatalog(pool: pg.Pool) {
  const columns = groupColumns((await pool.query<{ view: string; name: string; type: string }>(VIEW_COLUMNS_SQL)).rows);
  const { rows: comments } = await pool.query<{ view: string; col: number; comment: string | null }>(
    `SELECT c.relname AS view, a.attnum AS col, col_description(c.oid, a.attnum) AS comment FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind = 'v'
     UNION ALL SELECT c.relname, 0, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'v' ORDER BY 1, 2`);
  return { columns, comments };
}

describe('the SQL views across migrations', () => {
  it('a fresh database gets exactly the documented columns; re-running the migrations changes nothing', async () => {
    const db = await database(true);
    const first = await viewCatalog(db.pool);
    expect(first.columns).toEqual(VIEW_COLUMNS);
    expect(first.comments.every((c) => c.comment !== null && c.comment.length > 3)).toBe(true);
    expect((await migrate(db.pool)).applied).toEqual([]);
    expect(await viewCatalog(db.pool)).toEqual(first);
  });

  it('each migration that defines views can run again over itself (CREATE OR REPLACE) and keeps every column and comment', async () => {
    const all = await fs.readdir(defaultMigrationsDir());
    const viewFiles: string[] = [];
    for (const f of all) if (/CREATE OR REPLACE VIEW/.test(await fs.readFile(path.join(defaultMigrationsDir(), f), 'utf8'))) viewFiles.push(f);
    expect(viewFiles).toEqual(['0008_views.sql', '0012_snapshot_cost_basis.sql', '0013_converts_transfers_cost.sql']);
    for (const file of viewFiles) {
      // The schema as that migration left it: later ones may add view columns it does not know.
      const db = await database(false);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-migrations-'));
      cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
      for (const f of all) if (f <= file) await fs.copyFile(path.join(defaultMigrationsDir(), f), path.join(dir, f));
      await migrate(db.pool, dir);
      const before = await viewCatalog(db.pool);
      await db.pool.query(await fs.readFile(path.join(defaultMigrationsDir(), file), 'utf8'));
      expect(await viewCatalog(db.pool), file).toEqual(before);
    }
  });

  it('a later migration that replaces a view\'s query without restating its comments keeps them', async () => {
    const db = await database(true);
    const before = await viewCatalog(db.pool);
    const { rows } = await db.pool.query<{ def: string }>("SELECT pg_get_viewdef('v_trades'::regclass) AS def");
    await db.pool.query(`CREATE OR REPLACE VIEW v_trades AS ${rows[0]!.def}`);
    expect(await viewCatalog(db.pool)).toEqual(before);
  });

  it('CREATE OR REPLACE refuses to rename or drop a column, so a careless migration fails instead of breaking queries', async () => {
    const db = await database(true);
    const renamed = `CREATE OR REPLACE VIEW v_holdings AS SELECT exchange_id, account, asset AS coin FROM portfolio_items`;
    await expect(db.pool.query(renamed)).rejects.toMatchObject({ code: '42P16' });
    await expect(db.pool.query('CREATE OR REPLACE VIEW v_fees_monthly AS SELECT 1 AS month')).rejects.toMatchObject({ code: '42P16' });
    expect((await viewCatalog(db.pool)).columns).toEqual(VIEW_COLUMNS);
  });

  it('the old module\'s tables move to timestamptz keeping their columns and UTC instants, whatever the session time zone', async () => {
    const db = await database(false);
    // The schema as it was before the change, with rows the old module would have written.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-migrations-'));
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    for (const f of await fs.readdir(defaultMigrationsDir())) {
      if (Number(f.slice(0, 4)) < 7) await fs.copyFile(path.join(defaultMigrationsDir(), f), path.join(dir, f));
    }
    await migrate(db.pool, dir);
    const columnsOf = async () => (await db.pool.query<{ t: string; c: string; type: string }>(
      `SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns
       WHERE table_name IN ('portfolio_items', 'sync_history') ORDER BY table_name, ordinal_position`)).rows;
    const before = await columnsOf();
    await db.pool.query(
      `INSERT INTO portfolio_items (exchange_id, account, asset, quantity, created_at, updated_at) VALUES ('bybit', 'default', 'BTC', 1, '2026-03-01 12:00:00', '2026-03-02 13:30:00')`);
    await db.pool.query(
      `INSERT INTO sync_history (exchange_id, sync_type, success, start_time, end_time, created_at) VALUES ('bybit', 'portfolio', TRUE, '2026-03-01 12:00:00', '2026-03-01 12:00:05.25', '2026-03-01 12:00:06')`);

    // Migrated by a process whose session is not UTC: the stored values still mean UTC.
    const tokyo = new pg.Pool({ connectionString: db.url, max: 1, options: '-c TimeZone=Asia/Tokyo' });
    cleanups.push(() => tokyo.end());
    expect((await migrate(tokyo)).applied.map((m) => m.version)).toContain(7);

    // Later migrations may add columns at the end; every column that was there stays, in order.
    const after = (await columnsOf()).filter((c) => before.some((b) => b.t === c.t && b.c === c.c));
    const moved = ['portfolio_items.created_at', 'portfolio_items.updated_at', 'sync_history.start_time', 'sync_history.end_time', 'sync_history.created_at'];
    expect(after.map((c) => `${c.t}.${c.c}`)).toEqual(before.map((c) => `${c.t}.${c.c}`));
    after.forEach((c, i) => expect(c.type, `${c.t}.${c.c}`).toBe(moved.includes(`${c.t}.${c.c}`) ? 'timestamp with time zone' : before[i]!.type));
    for (const pool of [db.pool, tokyo]) {
      const item = (await pool.query<{ created_at: Date; updated_at: Date }>('SELECT created_at, updated_at FROM portfolio_items')).rows[0]!;
      expect([item.created_at.toISOString(), item.updated_at.toISOString()]).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-02T13:30:00.000Z']);
      const run = (await pool.query<{ start_time: Date; end_time: Date; created_at: Date }>('SELECT start_time, end_time, created_at FROM sync_history')).rows[0]!;
      expect([run.start_time, run.end_time, run.created_at].map((t) => t.toISOString())).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T12:00:05.250Z', '2026-03-01T12:00:06.000Z']);
    }
    // The defaults still stamp the current instant.
    const { rows } = await tokyo.query<{ fresh: boolean }>(
      "INSERT INTO portfolio_items (exchange_id, account, asset, quantity) VALUES ('bybit', 'default', 'ETH', 1) RETURNING created_at = now() AND updated_at = now() AS fresh");
    expect(rows[0]!.fresh).toBe(true);
  });
});
