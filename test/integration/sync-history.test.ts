import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { NO_WALLET_KEY } from '../fake-bybit/index.js';
import { startHarness, withHarness, type SyncHarness } from '../helpers/sync-harness.js';

// Figures come from test/fake-bybit/history-scenario.ts (the small account's history).
const HISTORY_TABLES = ['closed_pnl', 'transaction_log', 'cash_flows', 'import_cursors'] as const;

async function counts(h: SyncHarness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of HISTORY_TABLES) out[t] = (await h.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  const fills = await h.db.pool.query<{ category: string; n: number }>('SELECT category, count(*)::int AS n FROM fills GROUP BY category');
  for (const r of fills.rows) out[`fills:${r.category}`] = r.n;
  return out;
}

/** Requests per endpoint and category ("/v5/execution/list linear"). */
function requestsByKind(h: SyncHarness): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of h.server.requests) {
    const k = r.query.category ? `${r.path} ${r.query.category}` : r.path;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const HISTORY_REQUESTS = [
  '/v5/execution/list linear', '/v5/execution/list inverse', '/v5/position/closed-pnl linear', '/v5/position/closed-pnl inverse',
  '/v5/account/transaction-log', '/v5/asset/deposit/query-record', '/v5/asset/withdraw/query-record',
  '/v5/asset/transfer/query-inter-transfer-list', '/v5/asset/transfer/query-universal-transfer-list', '/v5/asset/exchange/order-record',
];

describe('history import: derivative trades, closed P&L, transaction log, cash flows', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    h = await startHarness();
    core = await h.core();
  });
  afterAll(async () => h.close());

  it('a cold sync imports every kind completely, reaching back two years window by window', async () => {
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts[0]?.error).toBeNull();
    expect(summary.accounts[0]?.warnings).toEqual([]);
    expect(await counts(h)).toEqual({
      closed_pnl: 3, transaction_log: 10, cash_flows: 12, import_cursors: 10, 'fills:spot': 6, 'fills:linear': 3, 'fills:inverse': 2,
    });
    const byKind = requestsByKind(h);
    // 7-day windows over two years: 105 per kind; deposits and withdrawals 30-day windows: 25.
    for (const k of ['/v5/execution/list linear', '/v5/execution/list inverse', '/v5/position/closed-pnl linear', '/v5/position/closed-pnl inverse',
      '/v5/account/transaction-log', '/v5/asset/transfer/query-inter-transfer-list', '/v5/asset/transfer/query-universal-transfer-list']) expect(byKind[k], k).toBe(105);
    expect(byKind['/v5/asset/deposit/query-record']).toBe(25);
    expect(byKind['/v5/asset/withdraw/query-record']).toBe(25);
    expect(byKind['/v5/asset/exchange/order-record']).toBe(1);

    const inverse = await h.db.pool.query('SELECT symbol, base, quote, side, price, quantity, fee, fee_currency FROM fills WHERE category = $1 ORDER BY executed_at', ['inverse']);
    expect(inverse.rows[1]).toEqual({ symbol: 'BTCUSD', base: 'BTC', quote: 'USD', side: 'sell', price: '84000', quantity: '1000', fee: '0.00000655', fee_currency: 'BTC' });
    // The funding execution of the BTCUSDT long is not a trade.
    const linear = await h.db.pool.query<{ symbol: string; fee_currency: string }>("SELECT symbol, fee_currency FROM fills WHERE category = 'linear' ORDER BY executed_at");
    expect(linear.rows.map((r) => [r.symbol, r.fee_currency])).toEqual([['ETHUSDT', 'USDT'], ['ETHUSDT', 'USDT'], ['BTCUSDT', 'USDT']]);

    const pnl = await h.db.pool.query<{ symbol: string; closed_pnl: string; close_fee: string; days: number }>(
      "SELECT symbol, closed_pnl, close_fee, round(extract(epoch FROM now() - created_at) / 86400)::int AS days FROM closed_pnl ORDER BY created_at");
    expect(pnl.rows).toEqual([
      { symbol: 'BTCUSDT', closed_pnl: '-12.84375', close_fee: '0.17875', days: 200 },
      { symbol: 'ETHUSDT', closed_pnl: '9.8845', close_fee: '0.0605', days: 35 },
      { symbol: 'BTCUSD', closed_pnl: '0.00058161', close_fee: '0.00000655', days: 22 },
    ]);
    const funding = await h.db.pool.query<{ s: string; last: string }>(
      "SELECT sum(funding)::text AS s, (array_agg(cash_balance ORDER BY transaction_time DESC))[1]::text AS last FROM transaction_log WHERE type = 'SETTLEMENT'");
    expect(funding.rows[0]).toEqual({ s: '-0.33', last: '5999.615' });

    const flows = await h.db.pool.query('SELECT kind, asset, amount, fee, counter_asset, counter_amount, from_wallet, to_wallet, tx_id, status, raw_type FROM cash_flows ORDER BY occurred_at');
    expect(flows.rows.map((r: { kind: string }) => r.kind)).toEqual([
      'deposit', 'deposit', 'deposit', 'deposit', 'deposit', 'deposit', 'withdrawal', 'internal-transfer', 'convert', 'internal-transfer', 'universal-transfer', 'universal-transfer']);
    expect(flows.rows[6]).toEqual({
      kind: 'withdrawal', asset: 'BTC', amount: '0.1', fee: '0.0002', counter_asset: null, counter_amount: null, from_wallet: null, to_wallet: null,
      tx_id: 'c0ffee0000000000000000000000000000000000000000000000000000000001', status: 'success', raw_type: '0',
    });
    expect(flows.rows[8]).toMatchObject({ kind: 'convert', asset: 'USDT', amount: '49.95', counter_asset: 'USDC', counter_amount: '50' });
    expect(flows.rows[9]).toMatchObject({ kind: 'internal-transfer', asset: 'USDT', amount: '250', from_wallet: 'UNIFIED', to_wallet: 'FUND', status: 'SUCCESS' });
    expect(flows.rows[0]).toMatchObject({ kind: 'deposit', asset: 'BTC', amount: '0.5', fee: null, status: '3' });

    // Derivative trades stay out of the spot cost basis: ETH's average is its spot fills'.
    const eth = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'ETH')!;
    expect(eth.avgEntryPrice).toBe(new Dec('6100').div('2.997').toString());
  });

  it('a second sync with nothing new makes one request per kind and imports nothing twice', async () => {
    const before = await counts(h);
    h.server.clearRequests();
    const summary = await core.sync.syncAll('test');
    expect(summary.ok).toBe(true);
    const byKind = requestsByKind(h);
    for (const k of HISTORY_REQUESTS) expect(byKind[k], k).toBe(1);
    expect(await counts(h)).toEqual(before);
  });

  it('new records are read from the newest window only, every page of it; an unknown type is kept and named', async () => {
    const now = h.server.now();
    const history = h.server.scenario.history!;
    for (let i = 0; i < 120; i++) {
      history.deposits.push({ id: `9${i}`, coin: 'USDT', chain: 'TRX', amount: '1', txID: `t${i}`, status: 3, toAddress: 'T0', depositFee: '', successAt: now - 60_000 - i });
    }
    history.deposits.push({ id: 'odd-deposit', coin: 'USDT', chain: 'TRX', amount: '2', txID: 'odd', status: 3, toAddress: 'T0', depositFee: '', successAt: now - 50_000, depositType: 99 });
    history.transactionLog.push({ id: 'tl-new', category: '', symbol: '', side: 'None', type: 'SHINY_NEW_TYPE', currency: 'USDT', change: '1', cashBalance: '6000.615', transactionTime: now - 30_000 });
    const before = await counts(h);
    h.server.clearRequests();
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts[0]?.error).toBeNull();
    expect(summary.accounts[0]?.warnings.join(' ')).toMatch(/transaction type SHINY_NEW_TYPE, deposit type 99/);
    // 121 deposits at 50 a page: three pages of the one window.
    expect(requestsByKind(h)['/v5/asset/deposit/query-record']).toBe(3);
    expect(await counts(h)).toEqual({ ...before, cash_flows: before.cash_flows! + 121, transaction_log: before.transaction_log! + 1 });
    const odd = await h.db.pool.query("SELECT type, change FROM transaction_log WHERE log_id = 'tl-new'");
    expect(odd.rows).toEqual([{ type: 'SHINY_NEW_TYPE', change: '1' }]);
    const oddDeposit = await h.db.pool.query("SELECT kind, amount, raw_type FROM cash_flows WHERE flow_id = 'odd-deposit'");
    expect(oddDeposit.rows).toEqual([{ kind: 'deposit', amount: '2', raw_type: '99' }]);
  });

  it('a malformed answer fails the sync as bad-response naming the endpoint and writes nothing', async () => {
    const now = h.server.now();
    const history = h.server.scenario.history!;
    history.closedPnl.push({ ...history.closedPnl[0]!, orderId: 'late-close', createdTime: now - 20_000 });
    history.withdrawals.push({ ...history.withdrawals[0]!, withdrawId: 'late-withdrawal', createTime: now - 20_000 });
    h.server.addFault({ kind: 'missingField', field: 'result.list.0.closedPnl', path: '/v5/position/closed-pnl', query: { category: 'linear' } });
    const before = await counts(h);
    const cursors = (await h.db.pool.query('SELECT kind, cursor FROM import_cursors ORDER BY kind')).rows;
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('bad-response');
    expect(r.accounts[0]?.error?.message).toMatch(/linear closed P&L/);
    expect(r.accounts[0]?.error?.message).toMatch(/closedPnl/);
    expect(await counts(h)).toEqual(before);
    expect((await h.db.pool.query('SELECT kind, cursor FROM import_cursors ORDER BY kind')).rows).toEqual(cursors);
    h.server.clearFaults();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(await counts(h)).toEqual({ ...before, closed_pnl: before.closed_pnl! + 1, cash_flows: before.cash_flows! + 1 });
  });
});

describe('history import in the sync transaction', () => {
  it('a failure at the last history write leaves every table as it was; the next sync imports it all', () => withHarness({}, async (h) => {
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const now = h.server.now();
    const history = h.server.scenario.history!;
    history.deposits.push({ ...history.deposits[1]!, id: 'late-deposit', successAt: now - 10_000 });
    history.closedPnl.push({ ...history.closedPnl[0]!, orderId: 'late-close', createdTime: now - 10_000 });
    h.server.addFill({ category: 'inverse', symbol: 'BTCUSD', side: 'Buy', execQty: '100', execPrice: '90000', execTime: now - 10_000, execFee: '0.0000006' });
    const before = await counts(h);
    const balances = (await h.db.pool.query('SELECT * FROM balances ORDER BY wallet, asset')).rows;
    // The cursors are the last rows a sync writes.
    await h.db.pool.query(`CREATE FUNCTION planted_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted failure'; END $$;
      CREATE TRIGGER planted BEFORE INSERT OR UPDATE ON import_cursors FOR EACH ROW EXECUTE FUNCTION planted_failure()`);
    const failed = await core.sync.syncAll('test');
    expect(failed.accounts[0]?.error?.errorClass).toBe('database');
    expect(await counts(h)).toEqual(before);
    expect((await h.db.pool.query('SELECT * FROM balances ORDER BY wallet, asset')).rows).toEqual(balances);
    await h.db.pool.query('DROP TRIGGER planted ON import_cursors');
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(await counts(h)).toEqual({ ...before, cash_flows: before.cash_flows! + 1, closed_pnl: before.closed_pnl! + 1, 'fills:inverse': before['fills:inverse']! + 1 });
  }));
});

describe('history cursors follow the account', () => {
  it('switching the account to testnet walks every history kind again, as it does spot fills', () => withHarness({}, async (h) => {
    expect((await (await h.core()).sync.syncAll('test')).ok).toBe(true);
    h.server.clearRequests();
    // The harness points the testnet URL at the same fake, so the same key is accepted.
    const testnet = await h.core({ env: { BYBIT_TESTNET: 'true' } });
    expect((await testnet.sync.syncAll('test')).ok).toBe(true);
    const byKind = requestsByKind(h);
    expect(byKind['/v5/execution/list spot']).toBe(105);
    expect(byKind['/v5/execution/list linear']).toBe(105);
    expect(byKind['/v5/asset/deposit/query-record']).toBe(25);
  }));
});

describe('history import with a key that may not read the asset history', () => {
  it('syncs everything else and says which kinds were not read', () => withHarness({ key: NO_WALLET_KEY }, async (h) => {
    const core = await h.core();
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error).toBeNull();
    const warnings = r.accounts[0]!.warnings.join('\n');
    for (const kind of ['Deposit history', 'Withdrawal history', 'Internal transfer history', 'Universal transfer history']) expect(warnings).toMatch(`${kind} not read`);
    // A refused endpoint costs one request, not one per window.
    const byKind = requestsByKind(h);
    expect(byKind['/v5/asset/deposit/query-record']).toBe(1);
    expect(byKind['/v5/asset/transfer/query-inter-transfer-list']).toBe(1);
    const c = await counts(h);
    expect(c).toMatchObject({ closed_pnl: 3, transaction_log: 10, cash_flows: 1, 'fills:linear': 3 });
    // The refused kinds keep no cursor: once the key may read them, their history is walked.
    const kinds = (await h.db.pool.query<{ kind: string }>('SELECT kind FROM import_cursors ORDER BY kind')).rows.map((x) => x.kind);
    expect(kinds).toEqual(['converts', 'inverse-closed-pnl', 'inverse-fills', 'linear-closed-pnl', 'linear-fills', 'transaction-log']);
  }));
});
