import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers, ApiReply } from '../../shared/api.js';
import { tradesListInput, type TradesListInput, type TradesPage } from '../../shared/trades.js';
import { listTrades, tradesOrderBy, tradesWhere } from '../../electron/core/db/repositories/trades-repo.js';
import { exportCsvText } from '../../electron/core/export/export-text.js';
import { createApiDispatcher } from '../../electron/core/transport/api-dispatch.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

describe('trades:list: fills paged, sorted and filtered by PostgreSQL', () => {
  let db: TestDatabase;
  let call: (input: unknown) => Promise<ApiReply>;
  let dispatch: (channel: unknown, input: unknown) => Promise<ApiReply>;
  const t0 = Date.UTC(2026, 0, 1);
  const at = (h: number) => new Date(t0 + h * 3_600_000);
  const list = async (input: TradesListInput): Promise<TradesPage> => {
    const reply = await call(input);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as TradesPage;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (1, 'bybit', 'main'), (2, 'bybit', 'alt'), (3, 'bybit', 'gone')");
    await db.pool.query('UPDATE accounts SET removed_at = now() WHERE id = 3');
    // Hours 0..9 on main, alternating pairs; hour 20 on alt (a linear fill); hour 30 on the removed account.
    await db.pool.query(
      `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, fee_usdt, realised_pnl, booked, executed_at)
       SELECT 1, 'm' || g, 'spot', (ARRAY['BTCUSDT','ETHUSDT','ETHBTC'])[g % 3 + 1], (ARRAY['BTC','ETH','ETH'])[g % 3 + 1], (ARRAY['USDT','USDT','BTC'])[g % 3 + 1],
              CASE WHEN g % 2 = 0 THEN 'buy' ELSE 'sell' END, 100 + g * 7 % 10, 1 + g, 0.1, 'USDT', CASE WHEN g = 4 THEN NULL ELSE 0.1 * g END,
              CASE WHEN g % 2 = 1 THEN g - 5 END, TRUE, $1::timestamptz + g * interval '1 hour'
       FROM generate_series(0, 9) g`, [at(0)]);
    await db.pool.query(`INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, executed_at) VALUES
      (2, 'l1', 'linear', 'SOLUSDT', 'SOL', 'USDT', 'buy', 150, 3, $1), (3, 'x1', 'spot', 'BTCUSDT', 'BTC', 'USDT', 'buy', 90000, 1, $2)`, [at(20), at(30)]);
    const handlers = { 'trades:list': (q) => listTrades(db.pool, q), 'export:csv': (req) => exportCsvText(db.pool, req, at(48)) } as Partial<ApiHandlers> as ApiHandlers;
    dispatch = createApiDispatcher({ handlers, redact: (s) => s, warn: () => undefined });
    call = (input) => dispatch('trades:list', input);
  });
  afterAll(async () => db.drop());

  it('lists the newest first by default, with the count, leaving removed accounts out', async () => {
    const page = await list({});
    expect(page.total).toBe(11);
    expect(page.rows.map((r) => r.fillId)).toEqual(['l1', 'm9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    expect(page.rows[0]).toMatchObject({ exchangeId: 'bybit', account: 'alt', category: 'linear', symbol: 'SOLUSDT', side: 'buy', price: '150', quantity: '3', feeUsdt: null, realisedPnl: null, booked: false });
    expect(page.rows[1]).toMatchObject({ time: at(9).toISOString(), account: 'main', feeUsdt: '0.9', realisedPnl: '4', booked: true });
  });

  it('pages without overlap or gaps, and counts the whole match on each page', async () => {
    const pages = await Promise.all([0, 4, 8].map((offset) => list({ sort: 'pair', dir: 'asc', offset, limit: 4 })));
    expect(pages.map((p) => p.total)).toEqual([11, 11, 11]);
    expect(pages.map((p) => p.offset)).toEqual([0, 4, 8]);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.fillId));
    expect(new Set(ids).size).toBe(11);
    expect(ids.slice(0, 7)).toEqual(['m0', 'm3', 'm6', 'm9', 'm2', 'm5', 'm8']); // BTCUSDT by time, then ETHBTC…
  });

  it('sorts numerically (not as text), unknown figures last in both directions', async () => {
    const byQty = (await list({ sort: 'quantity', dir: 'desc', limit: 3 })).rows.map((r) => r.quantity);
    expect(byQty).toEqual(['10', '9', '8']); // as text "9" would beat "10"
    const feesAsc = (await list({ sort: 'fee', dir: 'asc' })).rows.map((r) => r.feeUsdt);
    expect(feesAsc.slice(0, 3)).toEqual(['0.0', '0.1', '0.2']);
    expect(feesAsc.slice(-2)).toEqual([null, null]);
    const pnlDesc = (await list({ sort: 'pnl', dir: 'desc' })).rows.map((r) => r.realisedPnl);
    expect(pnlDesc.slice(0, 5)).toEqual(['4', '2', '0', '-2', '-4']);
    expect(pnlDesc.slice(5).every((v) => v === null)).toBe(true);
    expect((await list({ sort: 'account', dir: 'asc' })).rows[0]!.account).toBe('alt');
  });

  it('filters by asset (as a base, a quote or inside the pair), side, category, account and dates', async () => {
    const symbols = async (input: TradesListInput) => (await list(input)).rows.map((r) => r.symbol);
    expect(new Set(await symbols({ search: 'btc' }))).toEqual(new Set(['BTCUSDT', 'ETHBTC']));
    expect(await symbols({ search: 'sol/usdt' })).toEqual(['SOLUSDT']);
    expect((await list({ search: 'eth', side: 'sell' })).rows.every((r) => r.base === 'ETH' && r.side === 'sell')).toBe(true);
    expect((await list({ search: 'eth', side: 'sell' })).total).toBe(3);
    expect(await symbols({ category: 'linear' })).toEqual(['SOLUSDT']);
    expect((await list({ account: { exchangeId: 'bybit', account: 'main' } })).total).toBe(10);
    // A removed account's fills stay hidden even when asked for by name.
    expect((await list({ account: { exchangeId: 'bybit', account: 'gone' } })).total).toBe(0);
    // A plain "to" date includes the day; an instant is exclusive.
    expect((await list({ from: at(3).toISOString(), to: at(6).toISOString() })).rows.map((r) => r.fillId)).toEqual(['m5', 'm4', 'm3']);
    expect((await list({ from: '2026-01-01', to: '2026-01-01' })).total).toBe(11);
    expect((await list({ from: '2026-01-02' })).total).toBe(0);
    // "%" and "_" are not wildcards.
    expect((await list({ search: '_' })).total).toBe(11);
  });

  it('refuses bad input with a message naming the field, before any query', async () => {
    const error = async (input: unknown) => {
      const reply = await call(input);
      expect(reply.ok).toBe(false);
      return reply.ok ? null : reply.error;
    };
    expect(await error({ sort: 'price; DROP TABLE fills' })).toMatchObject({ errorClass: 'config', message: expect.stringContaining('sort') });
    expect((await error({ search: "btc' OR 1=1" }))?.message).toMatch(/search: letters, digits/);
    expect((await error({ limit: 100_000 }))?.message).toMatch(/limit/);
    expect((await error({ from: 'yesterday' }))?.message).toMatch(/from: a date such as 2026-01-31/);
    expect((await error({ bogus: 1 }))?.message).toMatch(/Invalid input for trades:list/);
    expect(await error({ from: '2026-02-01', to: '2026-01-01' })).toMatchObject({ errorClass: 'config', message: 'The start date is not before the end date' });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM fills')).rows[0]).toEqual({ n: 12 });
  });

  it('exports the same filter as CSV, named for it; a trades filter on another kind is refused', async () => {
    const reply = await dispatch('export:csv', { kind: 'trades', account: 'bybit:main', trades: { search: 'eth', side: 'sell' } });
    if (!reply.ok) throw new Error(reply.error.message);
    const { fileName, rows, csv } = reply.value as { fileName: string; rows: number; csv: string };
    expect(fileName).toBe('alphapulse-trades-bybit-main-eth-sell-2026-01-03.csv');
    const listed = await list({ account: { exchangeId: 'bybit', account: 'main' }, search: 'eth', side: 'sell', sort: 'time', dir: 'asc' });
    const parsed = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toBe(3);
    expect(parsed.map((r) => r.fill_id)).toEqual(listed.rows.map((r) => r.fillId));
    const linear = await dispatch('export:csv', { kind: 'trades', trades: { category: 'linear' } });
    expect(linear.ok && (linear.value as { rows: number }).rows).toBe(1);
    const wrongKind = await dispatch('export:csv', { kind: 'net-value', trades: { side: 'buy' } });
    expect(wrongKind).toMatchObject({ ok: false, error: { errorClass: 'config', message: 'A trades filter does not apply to net-value' } });
    const badSide = await dispatch('export:csv', { kind: 'trades', trades: { side: 'long' } });
    expect(badSide).toMatchObject({ ok: false, error: { errorClass: 'config', message: expect.stringContaining('trades.side') } });
  });

  it('uses the time index for the default order over many fills', async () => {
    await db.pool.query(`INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, executed_at)
      SELECT 1, 'b' || g, 'spot', 'BTCUSDT', 'BTC', 'USDT', 'buy', 1, 1, $1::timestamptz - g * interval '1 minute' FROM generate_series(1, 20000) g`, [at(0)]);
    await db.pool.query('ANALYZE fills; ANALYZE accounts');
    const { where, params } = tradesWhere(tradesListInput.parse({}), [1, 2]);
    const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT f.id FROM fills f WHERE ${where} ORDER BY ${tradesOrderBy('time', 'desc', true)} LIMIT 100`, params);
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('fills_time');
  });
});
