import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { groupColumns, VIEW_COLUMNS, VIEW_COLUMNS_SQL } from '../helpers/sql-views-contract.js';

// The small scenario (test/fake-bybit/scenario.ts) after one real sync against the fake,
// queried the way a trader would first query it. Hand figures as in realised-pnl.test.ts:
// BTC 0.4 @ 40000 (fee 0.0004 BTC) + 0.2 @ 65000 on USDC (fee 10 MNT at 1.30) = 0.5996 for
// 29013; MNT 60 @ 1.25 (fee 0.06 MNT) = 59.94 for 75.
const d = (s: string) => new Dec(s);
const BTC_AVG = d('29013').div('0.5996');
const MNT_AVG = d('75').div('59.94');
const MNT_FEE_PNL = d('13').minus(d('10').times(MNT_AVG));
const near = (a: string | null | undefined, b: Dec | string) => a !== null && a !== undefined && d(a).minus(b).abs().lt('1e-30');

// Each fill's fee in USDT by hand: [category, symbol, side] → fee (null: unknown in USDT).
const FEES: Array<[string, string, string, string | null]> = [
  ['spot', 'BTCUSDT', 'buy', '16'], // 0.0004 BTC × 40000
  ['spot', 'MNTUSDT', 'buy', '0.075'], // 0.06 MNT × 1.25
  ['spot', 'BTCUSDC', 'buy', '13'], // 10 MNT × 1.30
  ['spot', 'BTCUSDT', 'sell', '3.168'],
  ['spot', 'ETHBTC', 'buy', '3.6'], // 0.002 ETH × 0.03 × 60000
  ['spot', 'ETHUSDT', 'buy', '2.5'], // 0.001 ETH × 2500
  ['linear', 'ETHUSDT', 'buy', '0.055'], // USDT at par
  ['linear', 'ETHUSDT', 'sell', '0.0605'],
  ['linear', 'BTCUSDT', 'buy', '4.675'],
  ['inverse', 'BTCUSD', 'buy', '0.5504'], // 0.00000688 BTC at BTC's 80000 of that minute
  ['inverse', 'BTCUSD', 'sell', '0.524'], // 0.00000655 × 80000
];

describe('SQL views: what a trader queries first', () => {
  let h: SyncHarness;
  const q = async <T extends object = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await h.db.pool.query<T>(sql, params)).rows;

  beforeAll(async () => {
    h = await startHarness();
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h?.close());

  it('documents every view and every column in the catalog', async () => {
    const views = await q<{ name: string; comment: string | null }>(
      `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'v' ORDER BY 1`);
    expect(views.map((v) => v.name)).toEqual(Object.keys(VIEW_COLUMNS).sort());
    expect(groupColumns(await q(VIEW_COLUMNS_SQL))).toEqual(VIEW_COLUMNS);
    for (const v of views) expect(v.comment?.trim(), v.name).toMatch(/\S{3}/);
    const columns = await q<{ view: string; column: string; comment: string | null }>(
      `SELECT c.relname AS view, a.attname AS column, col_description(c.oid, a.attnum) AS comment
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE n.nspname = 'public' AND c.relkind = 'v' ORDER BY 1, a.attnum`);
    expect(columns.length).toBe(Object.values(VIEW_COLUMNS).flat().length);
    const bare = columns.filter((c) => !c.comment || c.comment.trim().length < 3).map((c) => `${c.view}.${c.column}`);
    expect(bare).toEqual([]);
  });

  it('net value per day: the last point of each UTC day, and a total per day', async () => {
    const total = await q<{ day: string; value: string; source: string; estimated: boolean }>(
      'SELECT day::text, value::text, source, estimated FROM v_net_value_daily WHERE account IS NULL ORDER BY day');
    const today = new Date(h.server.now()).toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(h.server.now() - n * 86_400_000).toISOString().slice(0, 10);
    // Today's sync: wallets 62105.922 + the open long's 500 unrealised; yesterday reconstructed
    // (wallets only); 35 days ago the holdings the flows explain, worked out in
    // test/integration/net-value-backfill.test.ts: 71816.145.
    expect(total.at(-1)).toEqual({ day: today, value: '62605.922', source: 'sync', estimated: false });
    expect(total.find((r) => r.day === daysAgo(1))).toEqual({ day: daysAgo(1), value: '62105.922', source: 'backfill', estimated: false });
    expect(total.find((r) => r.day === daysAgo(35))?.value).toBe('71816.145');
    // One row per day from the oldest record (the BTC deposit 300 days ago) to today.
    expect(total.map((r) => r.day)).toEqual(Array.from({ length: 301 }, (_, i) => daysAgo(300 - i)));
    // With one account, its rows are the totals.
    const account = await q('SELECT day::text, value::text, source, estimated FROM v_net_value_daily WHERE account = $1 ORDER BY day', ['default']);
    expect(account).toEqual(total);
  });

  it('a day\'s total adds every active account\'s latest point up to that day; a removed account counts nowhere', async () => {
    const [side, gone] = (await q<{ id: number }>(
      "INSERT INTO accounts (exchange_id, account, removed_at) VALUES ('bybit', 'side', NULL), ('bybit', 'gone', now()) RETURNING id")).map((r) => r.id);
    try {
      const now = h.server.now();
      const at = (daysAgo: number, hour: number) => new Date(Math.floor((now - daysAgo * 86_400_000) / 86_400_000) * 86_400_000 + hour * 3_600_000);
      // Side: two points 10 days ago (the later one counts), none since.
      await h.db.pool.query(
        `INSERT INTO snapshots (account_id, taken_at, quote, total_value, wallet_value, unrealised_pnl) VALUES
         ($1, $2, 'USDT', 700, 700, 0), ($1, $3, 'USDT', 1000, 990, 10), ($4, $3, 'USDT', 99999, 99999, 0)`, [side, at(10, 1), at(10, 20), gone]);
      const rows = await q<{ day: string; account: string | null; value: string; wallet_value: string; unrealised_pnl: string }>(
        'SELECT day::text, account, value::text, wallet_value::text, unrealised_pnl::text FROM v_net_value_daily ORDER BY day, account NULLS LAST');
      const day = (n: number) => at(n, 0).toISOString().slice(0, 10);
      const main = (n: number) => rows.find((r) => r.day === day(n) && r.account === 'default')!;
      const totalOf = (n: number) => rows.find((r) => r.day === day(n) && r.account === null)!;
      expect(rows.filter((r) => r.day === day(10) && r.account === 'side')).toEqual([{ day: day(10), account: 'side', value: '1000', wallet_value: '990', unrealised_pnl: '10' }]);
      expect(rows.some((r) => r.account === 'gone')).toBe(false);
      for (const n of [10, 5, 0]) expect(totalOf(n).value).toBe(d(main(n).value).plus('1000').toString());
      expect(totalOf(0)).toMatchObject({ value: '63605.922', unrealised_pnl: '510' });
      expect(totalOf(11).value).toBe(main(11).value);
    } finally {
      // Their snapshots go with them (ON DELETE CASCADE).
      await h.db.pool.query('DELETE FROM accounts WHERE id IN ($1, $2)', [side, gone]);
    }
  });

  it('P&L per asset: unrealised and realised from v_holdings, and per fill from v_realised_pnl', async () => {
    const byAsset = await q<{ asset: string; unrealised: string | null; realised: string | null; fees: string | null }>(
      `SELECT asset, sum(unrealised_pnl)::text AS unrealised, sum(realised_pnl)::text AS realised, sum(fees_usdt)::text AS fees
       FROM v_holdings GROUP BY asset ORDER BY asset`);
    const get = (a: string) => byAsset.find((r) => r.asset === a)!;
    // BTC: 0.5 held at 90000 against the average of 29013 / 0.5996.
    expect(near(get('BTC').unrealised, d('0.5').times(d('90000').minus(BTC_AVG)))).toBe(true);
    // 0.5 BTC was deposited with no cost (the default deposit policy): what the BTC sale and the
    // BTC paid for ETH realised is unknown, so the known part is 0 and the view says partial.
    expect(get('BTC').realised).toBe('0');
    expect(await q("SELECT bool_or(realised_partial) AS partial FROM v_holdings WHERE asset = 'BTC'")).toEqual([{ partial: true }]);
    expect(get('BTC').fees).toBe('32.168');
    // ETH: 2 bought for 0.06 BTC at 60000 (3600) + 1 for 2500, fees in ETH: 2.997 for 6100.
    expect(near(get('ETH').unrealised, d('2.997').times('3000').minus('6100'))).toBe(true);
    expect(get('ETH')).toMatchObject({ realised: '0', fees: '6.1' });
    expect(near(get('MNT').unrealised, d('49.94').times(d('1.3').minus(MNT_AVG)))).toBe(true);
    expect(near(get('MNT').realised, MNT_FEE_PNL)).toBe(true);
    // Cash and never-traded coins have no P&L: unknown, not zero.
    for (const a of ['USDT', 'USDC', 'QBIT', 'XNOP']) expect(get(a)).toMatchObject({ unrealised: null, realised: null, fees: null });

    const perFill = await q<{ symbol: string; side: string; base: string; quote: string; realised_pnl: string | null; booked: boolean; kind: string }>(
      'SELECT symbol, side, base, quote, realised_pnl::text, booked, kind FROM v_realised_pnl ORDER BY executed_at');
    // The convert of 50 USDC into 49.95 USDT 33 days ago is a sale of cash: it realises nothing.
    expect(perFill.map((r) => (r.kind === 'convert' ? `convert ${r.base}→${r.quote} ${r.realised_pnl}` : `${r.symbol} ${r.side}`)))
      .toEqual(['BTCUSDT buy', 'MNTUSDT buy', 'BTCUSDC buy', 'convert USDC→USDT 0', 'BTCUSDT sell', 'ETHBTC buy', 'ETHUSDT buy']);
    expect(perFill.every((r) => r.booked)).toBe(true);
    const pnl = (s: string, side: string) => perFill.find((r) => r.symbol === s && r.side === side)!.realised_pnl;
    expect(near(pnl('BTCUSDC', 'buy'), MNT_FEE_PNL)).toBe(true);
    expect(pnl('BTCUSDT', 'sell')).toBeNull();
    expect(pnl('ETHBTC', 'buy')).toBeNull();
    const [sum] = await q<{ total: string }>('SELECT sum(realised_pnl)::text AS total FROM v_realised_pnl');
    expect(near(sum!.total, MNT_FEE_PNL)).toBe(true);
  });

  it('fees per month: the hand-valued fee of each fill, summed by UTC month, category and asset', async () => {
    const fills = await q<{ category: string; symbol: string; side: string; base: string; month: string }>(
      "SELECT category, symbol, side, base, to_char(executed_at AT TIME ZONE 'UTC', 'YYYY-MM-01') AS month FROM fills");
    const expected = new Map<string, { fills: number; fees: Dec | null; unknown: number }>();
    for (const [category, symbol, side, fee] of FEES) {
      const f = fills.find((x) => x.category === category && x.symbol === symbol && x.side === side)!;
      const key = `${f.month} ${category} ${f.base}`;
      const e = expected.get(key) ?? { fills: 0, fees: null, unknown: 0 };
      expected.set(key, { fills: e.fills + 1, fees: fee === null ? e.fees : (e.fees ?? d('0')).plus(fee), unknown: e.unknown + (fee === null ? 1 : 0) });
    }
    expect(fills.length).toBe(FEES.length);
    const rows = await q<{ month: string; category: string; asset: string; fills: number; fees_usdt: string | null; fees_unknown: number; fees_partial: boolean }>(
      "SELECT month::text, category, asset, fills, fees_usdt::text, fees_unknown, fees_partial FROM v_fees_monthly WHERE account = 'default' ORDER BY 1, 2, 3");
    // A fee valued at a rate keeps the product's scale ("1.07440000"): compared as numbers.
    expect(rows.map((r) => ({ ...r, fees_usdt: r.fees_usdt === null ? null : d(r.fees_usdt).toString() }))).toEqual([...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, e]) => {
      const [month, category, asset] = key.split(' ') as [string, string, string];
      return { month, category, asset, fills: e.fills, fees_usdt: e.fees?.toString() ?? null, fees_unknown: e.unknown, fees_partial: e.unknown > 0 };
    }));
    // Spot fees in total: what the portfolio reports as fees paid.
    const [spot] = await q<{ total: string }>("SELECT sum(fees_usdt)::text AS total FROM v_fees_monthly WHERE category = 'spot'");
    expect(spot!.total).toBe('38.343');
  });

  it('cash flows: one signed row per asset and wallet moved, funding and fees from the transaction log', async () => {
    const rows = await q<Record<string, string | null>>(
      'SELECT kind, asset, amount::text, fee::text, wallet, symbol, status, source, source_id FROM v_cash_flows ORDER BY occurred_at, source_id, amount');
    const brief = rows.map((r) => [r.kind, r.asset, r.amount, r.fee, r.wallet, r.symbol]);
    expect(brief).toEqual([
      ['deposit', 'BTC', '0.5', null, null, null],
      ['deposit', 'USDT', '14518.18225', null, null, null],
      ['trading-fee', 'USDT', '-0.165', null, 'UNIFIED', 'BTCUSDT'],
      ['trading-fee', 'USDT', '-0.17875', null, 'UNIFIED', 'BTCUSDT'],
      ['deposit', 'USDC', '14050', null, null, null],
      ['deposit', 'USDT', '6000', null, null, null],
      ['deposit', 'QBIT', '1000', null, null, null],
      ['deposit', 'XNOP', '123', null, null, null],
      ['withdrawal', 'BTC', '-0.1', '0.0002', null, null],
      ['internal-transfer', 'BTC', '-0.1', null, 'UNIFIED', null],
      ['internal-transfer', 'BTC', '0.1', null, 'FUND', null],
      ['trading-fee', 'USDT', '-0.055', null, 'UNIFIED', 'ETHUSDT'],
      ['trading-fee', 'USDT', '-0.0605', null, 'UNIFIED', 'ETHUSDT'],
      ['convert', 'USDC', '-50', null, null, null],
      ['convert', 'USDT', '49.95', null, null, null],
      ['trading-fee', 'BTC', '-0.00000688', null, 'UNIFIED', 'BTCUSD'],
      ['trading-fee', 'BTC', '-0.00000655', null, 'UNIFIED', 'BTCUSD'],
      ['internal-transfer', 'USDT', '-250', null, 'UNIFIED', null],
      ['internal-transfer', 'USDT', '250', null, 'FUND', null],
      ['trading-fee', 'USDT', '-4.675', null, 'UNIFIED', 'BTCUSDT'],
      ['funding', 'USDT', '-0.45', null, 'UNIFIED', 'BTCUSDT'],
      ['funding', 'USDT', '0.12', null, 'UNIFIED', 'BTCUSDT'],
      // The record does not say which side of a transfer this account is: unknown.
      ['universal-transfer', 'USDT', null, null, null, null],
      ['universal-transfer', 'BTC', null, null, null, null],
    ]);
    expect(rows.find((r) => r.kind === 'withdrawal')).toMatchObject({ status: 'success', source: 'cash_flows', source_id: '2034567' });
    expect(rows.find((r) => r.kind === 'funding')).toMatchObject({ status: null, source: 'transaction_log', source_id: 'tl-0003' });
    // Money in minus money out, per asset: deposits, withdrawals and converts; transfers cancel out.
    const net = await q<{ asset: string; net: string }>(
      "SELECT asset, sum(amount)::text AS net FROM v_cash_flows WHERE kind IN ('deposit', 'withdrawal', 'internal-transfer', 'convert') GROUP BY asset ORDER BY asset");
    // BTC 0.5 − 0.1; USDC 14050 − 50; USDT 14518.18225 + 6000 + 49.95.
    expect(net).toEqual([{ asset: 'BTC', net: '0.4' }, { asset: 'QBIT', net: '1000' }, { asset: 'USDC', net: '14000' }, { asset: 'USDT', net: '20568.13225' }, { asset: 'XNOP', net: '123' }]);
  });

  it('trades: every fill, spot and derivatives, with exchange and account; removed accounts nowhere', async () => {
    const trades = await q<{ category: string; n: number }>('SELECT category, count(*)::int AS n FROM v_trades GROUP BY 1 ORDER BY 1');
    expect(trades).toEqual([{ category: 'inverse', n: 2 }, { category: 'linear', n: 3 }, { category: 'spot', n: 6 }]);
    const [stored] = await q<{ n: number }>('SELECT count(*)::int AS n FROM fills');
    expect(stored!.n).toBe(11);
    expect(await q("SELECT DISTINCT exchange_id, account FROM v_trades")).toEqual([{ exchange_id: 'bybit', account: 'default' }]);
    // Removed (history kept): every view is empty; restored: all back.
    const counts = async () => (await q<Record<string, number>>(`SELECT ${Object.keys(VIEW_COLUMNS).map((v) => `(SELECT count(*)::int FROM ${v}) AS ${v}`).join(', ')}`))[0]!;
    const before = await counts();
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    await h.db.pool.query("UPDATE accounts SET removed_at = now() WHERE account = 'default'");
    expect(Object.values(await counts())).toEqual(Object.keys(VIEW_COLUMNS).map(() => 0));
    await h.db.pool.query("UPDATE accounts SET removed_at = NULL WHERE account = 'default'");
    expect(await counts()).toEqual(before);
  });

  it('the example queries of the README and docs/database.md run and answer', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    for (const file of ['README.md', 'docs/database.md']) {
      const text = await fs.readFile(path.join(root, file), 'utf8');
      const blocks = [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
      const statements = blocks.flatMap((b) => b.replace(/--[^\n]*/g, '').split(';')).map((x) => x.trim()).filter(Boolean);
      expect(statements.length, file).toBe(3);
      for (const sql of statements) expect((await q(sql)).length, `${file}: ${sql}`).toBeGreaterThan(0);
    }
  });
});
