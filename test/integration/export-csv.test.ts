import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsvText } from '../../electron/core/export/export-text.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const rowsOf = (csv: string) => parse(csv, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;

describe('alphapulse-sync export: CSV of every table a person looks at', () => {
  let h: SyncHarness;
  let dir: string;

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-export-'));
    expect((await runCli(['sync', '--json'], h.env)).code).toBe(0);
  });
  afterAll(async () => {
    await h?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('trades round-trip through a CSV parser to exactly the stored fills', async () => {
    const r = await runCli(['export', 'trades'], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe('time,exchange,account,category,symbol,base,quote,side,price,quantity,fee,fee_currency,fee_usdt,realised_pnl,fill_id');
    const rows = rowsOf(r.stdout);
    const { rows: stored } = await h.db.pool.query<Record<string, string | null> & { executed_at: Date }>(
      'SELECT executed_at, category, symbol, base, quote, side, price::text, quantity::text, fee::text, fee_currency, fee_usdt::text, realised_pnl::text, fill_id FROM fills ORDER BY executed_at, id');
    expect(rows.length).toBe(stored.length);
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      const s = stored[i]!;
      expect(row).toEqual({
        time: s.executed_at.toISOString(), exchange: 'bybit', account: 'default', category: s.category, symbol: s.symbol, base: s.base, quote: s.quote,
        side: s.side, price: s.price, quantity: s.quantity, fee: s.fee ?? '', fee_currency: s.fee_currency ?? '', fee_usdt: s.fee_usdt ?? '',
        realised_pnl: s.realised_pnl ?? '', fill_id: s.fill_id,
      });
    });
  });

  it('filters by account and time range; a plain --to date includes that day', async () => {
    const { rows } = await h.db.pool.query<{ t: Date }>('SELECT executed_at AS t FROM fills ORDER BY executed_at');
    const day = rows[2]!.t.toISOString().slice(0, 10);
    const r = await runCli(['export', 'trades', '--account', 'bybit:default', '--from', day, '--to', day], h.env);
    expect(r.code).toBe(0);
    const got = rowsOf(r.stdout).map((x) => x.time);
    expect(got).toEqual(rows.map((x) => x.t.toISOString()).filter((t) => t.startsWith(day)));
  });

  it('holdings carry the portfolio item fields in snake_case; realised and net value have their own rows', async () => {
    const holdings = rowsOf((await runCli(['export', 'holdings'], h.env)).stdout);
    const btc = holdings.find((x) => x.asset === 'BTC')!;
    expect(btc).toMatchObject({ exchange_id: 'bybit', account: 'default', quantity: '0.5', current_price: '90000', value: '45000', avg_entry_partial: 'true' });
    expect(JSON.parse(btc.wallets!)).toEqual({ UNIFIED: '0.4', FUND: '0.1' });
    const realised = rowsOf((await runCli(['export', 'realised'], h.env)).stdout);
    // The BTC sale, the BTC given up for ETH and the MNT spent on a fee.
    expect(realised.map((x) => x.symbol).sort()).toEqual(['BTCUSDC', 'BTCUSDT', 'ETHBTC']);
    const net = rowsOf((await runCli(['export', 'net-value'], h.env)).stdout);
    const points = await (await h.core()).invoke('net-value:get', { range: 'all', maxPoints: 2000 });
    // One account: each point twice, the account's row then the total's, in time order.
    expect(net).toHaveLength(2 * points.length);
    expect(net.filter((r) => r.account === '').map((r) => [r.time, r.value, r.source, r.estimated])).toEqual(points.map((p) => [p.t, p.value, p.source, String(p.estimated)]));
    expect(net.at(-2)).toMatchObject({ exchange: 'bybit', account: 'default', source: 'sync', estimated: 'false' });
    expect(net.filter((r) => r.source === 'backfill').length).toBeGreaterThan(100);
  });

  it('positions round-trip through a CSV parser: the screen\'s figures, exact, as of each account\'s last sync', async () => {
    // Beside the synced BTCUSDT long, an inverse position without a margin figure, and another account's.
    const { rows: [acc] } = await h.db.pool.query<{ id: number; synced: Date }>("SELECT id, last_success_at AS synced FROM accounts WHERE account = 'default'");
    await h.db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (900, 'bybit', 'other')");
    await h.db.pool.query(`INSERT INTO positions (account_id, category, symbol, side, size, entry_price, mark_price, unrealised_pnl, leverage, liquidation_price, settle_coin, margin, updated_at) VALUES
      ($1, 'inverse', 'BTCUSD', 'short', 900, 95000, 90000, 0.00052631578947368421, 2, NULL, 'BTC', NULL, $2),
      (900, 'linear', 'ETHUSDT', 'long', 2.5, 3000, 3100.5, 251.25, 5, 2500, 'USDT', 1500, '2026-01-02T03:04:05.678Z')`, [acc!.id, acc!.synced]);
    try {
      const r = await runCli(['export', 'positions'], h.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\r\n')[0]).toBe('time,exchange,account,category,symbol,side,size,entry_price,mark_price,notional,margin,unrealised_pnl,roe,funding,settle_coin,leverage,liquidation_price');
      const rows = rowsOf(r.stdout);
      const synced = acc!.synced.toISOString();
      // By account, then symbol, as the Positions screen lists them.
      expect(rows).toEqual([
        // Inverse: 900 USD of contracts ÷ 90,000 = 0.01 BTC; no margin, so no ROE (empty, never 0).
        { time: synced, exchange: 'bybit', account: 'default', category: 'inverse', symbol: 'BTCUSD', side: 'short', size: '900', entry_price: '95000', mark_price: '90000',
          notional: '0.01', margin: '', unrealised_pnl: '0.00052631578947368421', roe: '', funding: '', settle_coin: 'BTC', leverage: '2', liquidation_price: '' },
        // 0.1 × 90,000 = 9,000 USDT notional; 500 ÷ 850 = 58.82…%; funding −0.45 + 0.12 from the log.
        { time: synced, exchange: 'bybit', account: 'default', category: 'linear', symbol: 'BTCUSDT', side: 'long', size: '0.1', entry_price: '85000', mark_price: '90000',
          notional: '9000', margin: '850', unrealised_pnl: '500', roe: '58.82352941176470588235294117647058823529', funding: '-0.33', settle_coin: 'USDT', leverage: '10', liquidation_price: '76925' },
        { time: '2026-01-02T03:04:05.678Z', exchange: 'bybit', account: 'other', category: 'linear', symbol: 'ETHUSDT', side: 'long', size: '2.5', entry_price: '3000', mark_price: '3100.5',
          notional: '7751.25', margin: '1500', unrealised_pnl: '251.25', roe: '16.75', funding: '', settle_coin: 'USDT', leverage: '5', liquidation_price: '2500' },
      ]);
      // One account, as the screen's filter sends it; the dashboard's call names the file for it.
      const one = await (await h.core()).invoke('export:csv', { kind: 'positions', account: 'bybit:other' });
      expect(one.fileName).toMatch(/^alphapulse-positions-bybit-other-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(rowsOf(one.csv).map((x) => x.symbol)).toEqual(['ETHUSDT']);
      expect(one.rows).toBe(1);
    } finally {
      await h.db.pool.query("DELETE FROM positions WHERE symbol = 'BTCUSD'");
      await h.db.pool.query('DELETE FROM accounts WHERE id = 900');
    }
  });

  it('--out writes the file whole, and only when the export is complete', async () => {
    const out = path.join(dir, 'trades.csv');
    const r = await runCli(['export', 'trades', '--out', out], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(rowsOf(await fs.readFile(out, 'utf8')).length).toBeGreaterThan(0);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('the export:csv call gives the dashboard the same CSV, with a file name', async () => {
    const core = await h.core();
    const viaApi = await core.invoke('export:csv', { kind: 'trades', account: 'default' });
    const viaCli = await runCli(['export', 'trades'], h.env);
    expect(viaApi.csv).toBe(viaCli.stdout);
    expect(viaApi.rows).toBe(rowsOf(viaCli.stdout).length);
    expect(viaApi.fileName).toMatch(/^alphapulse-trades-bybit-default-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(core.invoke('export:csv', { kind: 'trades', from: 'soon' })).rejects.toMatchObject({ errorClass: 'config', message: '--from "soon" is not a date' });
    // Past the cap, a clear error; the connection goes back to the pool (the next call works).
    await expect(exportCsvText(core.db.pool, { kind: 'trades', account: null, from: null, to: null }, new Date(), 200)).rejects.toMatchObject({ errorClass: 'config' });
    expect((await core.invoke('export:csv', { kind: 'holdings' })).rows).toBeGreaterThan(0);
  });

  it('bad input is a one-line error naming the argument, exit 2, and no file', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'balances'], /"balances" is not something to export/],
      [['export', 'positions', '--from', '2026-01-01'], /--from and --to do not apply to positions/],
      [['export', 'trades', '--from', 'yesterday'], /--from "yesterday" is not a date/],
      [['export', 'trades', '--to', '2026-13-45'], /--to "2026-13-45" is not a date/],
      [['export', 'trades', '--from', '2026-02-01', '--to', '2026-01-01'], /--from is not before --to/],
      [['export', 'trades', '--account', 'okx:main'], /--account "okx:main" is not an account/],
      [['export', 'trades', '--out', path.join(dir, 'missing', 'x.csv')], /--out ".*x\.csv" cannot be written: its folder does not exist/],
      [['export', 'trades', '--out', dir], /cannot be written: it is a folder/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, h.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(await fs.readdir(dir)).toEqual(['trades.csv']);
  });
});
