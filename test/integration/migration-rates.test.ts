import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate.js';
import { defaultMigrationsDir } from '../../electron/core/db/migration-files.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

// A database as it stood before converts and transfers entered the cost basis (migration
// 0013), with records stored then: the migration values cash-coin records at par in place
// and sends the kinds whose records still lack a price they need back to a full read.
describe('migration 0013 on records stored before it', () => {
  let db: TestDatabase;
  let dir: string;
  const cursors = async () => (await db.pool.query<{ account_id: number; kind: string }>('SELECT account_id, kind FROM import_cursors ORDER BY 1, 2')).rows.map((r) => `${r.account_id} ${r.kind}`);

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-migrations-'));
    for (const f of await fs.readdir(defaultMigrationsDir())) {
      if (Number(f.slice(0, 4)) < 13) await fs.copyFile(path.join(defaultMigrationsDir(), f), path.join(dir, f));
    }
    await migrate(db.pool, dir);
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (1, 'bybit', 'coins'), (2, 'bybit', 'cash'), (3, 'okx', 'main')");
    const kinds = ['universal-transfers', 'converts', 'inverse-closed-pnl', 'linear-closed-pnl', 'transaction-log', 'deposits'];
    for (const account of [1, 2]) {
      for (const kind of kinds) await db.pool.query('INSERT INTO import_cursors (account_id, kind, cursor) VALUES ($1, $2, now())', [account, kind]);
    }
    const flow = (account: number, kind: string, id: string, asset: string, counter: string | null = null) => db.pool.query(
      `INSERT INTO cash_flows (account_id, kind, flow_id, asset, amount, counter_asset, counter_amount, status, occurred_at, raw) VALUES ($1, $2, $3, $4, 1, $5, $6, 'SUCCESS', now(), '{}')`,
      [account, kind, id, asset, counter, counter === null ? null : 1]);
    // Account 1: a BTC transfer, an ETH → BTC convert, an inverse closed position: each needs a price.
    await flow(1, 'universal-transfer', 'u1', 'BTC');
    await flow(1, 'convert', 'c1', 'BTC', 'ETH');
    // Account 2: only records in cash, or with a cash side.
    await flow(2, 'universal-transfer', 'u2', 'USDT');
    await flow(2, 'convert', 'c2', 'USDT', 'USDC');
    await flow(2, 'convert', 'c3', 'BTC', 'USDC');
    const closed = (account: number, category: string, symbol: string) => db.pool.query(
      `INSERT INTO closed_pnl (account_id, category, symbol, order_id, side, closed_pnl, created_at, raw) VALUES ($1, $2, $3, $3, 'Sell', 1, now(), '{}')`, [account, category, symbol]);
    await closed(1, 'inverse', 'BTCUSD');
    await closed(2, 'linear', 'ETHUSDT');
    await closed(2, 'linear', 'ETHPERP');
    await closed(3, 'swap', 'BTC-USDT-SWAP');
    await closed(3, 'swap', 'BTC-USD-SWAP');
    const log = (account: number, id: string, currency: string, funding: string | null) => db.pool.query(
      `INSERT INTO transaction_log (account_id, log_id, type, currency, change, funding, cash_balance, transaction_time, raw) VALUES ($1, $2, 'SETTLEMENT', $3, 0, $4, 0, now(), '{}')`,
      [account, id, currency, funding]);
    await log(2, 'l1', 'USDT', '-0.45');
    await log(2, 'l2', 'USDC', '0');
    await log(2, 'l3', 'USDT', null);
    await log(1, 'l4', 'BTC', '0.001');
    await migrate(db.pool);
  });
  afterAll(async () => {
    await db.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('cash-coin closed P&L and funding, and transfers of a cash coin, are valued at 1; the rest stays unknown', async () => {
    const closed = (await db.pool.query('SELECT symbol, usdt_rate::text FROM closed_pnl ORDER BY id')).rows;
    expect(closed).toEqual([
      { symbol: 'BTCUSD', usdt_rate: null }, { symbol: 'ETHUSDT', usdt_rate: '1' }, { symbol: 'ETHPERP', usdt_rate: '1' },
      { symbol: 'BTC-USDT-SWAP', usdt_rate: '1' }, { symbol: 'BTC-USD-SWAP', usdt_rate: null },
    ]);
    expect((await db.pool.query('SELECT log_id, usdt_rate::text FROM transaction_log ORDER BY log_id')).rows).toEqual([
      { log_id: 'l1', usdt_rate: '1' }, { log_id: 'l2', usdt_rate: null }, { log_id: 'l3', usdt_rate: null }, { log_id: 'l4', usdt_rate: null },
    ]);
    expect((await db.pool.query('SELECT flow_id, usdt_rate::text, counter_usdt_rate::text, booked FROM cash_flows ORDER BY flow_id')).rows).toEqual([
      { flow_id: 'c1', usdt_rate: null, counter_usdt_rate: null, booked: false }, { flow_id: 'c2', usdt_rate: null, counter_usdt_rate: null, booked: false },
      { flow_id: 'c3', usdt_rate: null, counter_usdt_rate: null, booked: false }, { flow_id: 'u1', usdt_rate: null, counter_usdt_rate: null, booked: false },
      { flow_id: 'u2', usdt_rate: '1', counter_usdt_rate: null, booked: false },
    ]);
  });

  it('only the kinds whose records lack a price they need are read again, only for that account', async () => {
    expect(await cursors()).toEqual([
      '1 deposits', '1 linear-closed-pnl', '1 transaction-log',
      '2 converts', '2 deposits', '2 inverse-closed-pnl', '2 linear-closed-pnl', '2 transaction-log', '2 universal-transfers',
    ]);
  });
});
