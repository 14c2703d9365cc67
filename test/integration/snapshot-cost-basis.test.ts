import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { defaultMigrationsDir } from '../../electron/core/db/migration-files.js';
import { readBackfillState } from '../../electron/core/db/repositories/backfill-repo.js';
import { costMovesOf, readCostFlows } from '../../electron/core/db/repositories/cost-transfers-repo.js';
import { readNetValue, readSpotFills } from '../../electron/core/db/repositories/read-repo.js';
import { computeCostBooks, type DepositCostBasis } from '../../electron/core/portfolio/cost-basis.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { emptyHistory, smallScenario, type Scenario } from '../fake-bybit/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { flowRulesFor } from '../../electron/core/exchange/flow-rules.js';

// One coin, by hand. BTC was 30,000 until 31 days ago, then 40,000, 50,000 from 21 days
// ago and 60,000 from 2 days ago:
// - 40 days ago 1 BTC deposited (its minute: 30,000);
// - 30 days ago 1 BTC bought at 40,000, fee 0.001 BTC: 0.999 BTC for 40,000;
// - 20 days ago 0.5 BTC sold at 50,000, fee 25 USDT.
// Held now: 1.499 BTC and 50,000 USDT (cash: no cost). The books:
// - deposits unknown: 1.999 BTC of which 0.999 costed at 40,000; the sale takes average
//   units, so 0.999 × 1.499 / 1.999 stay costed at 40,000 × 1.499 / 1.999;
// - deposits at market: 1.999 BTC for 70,000; 1.499 left at 70,000 × 1.499 / 1.999.
const DAY = 86_400_000;
const d = (s: string | number) => new Dec(s);
const near = (a: string | null | undefined, b: Dec) => a != null && d(a).minus(b).abs().lt('1e-30');
const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

function scenario(now: number): Scenario {
  const s = smallScenario(now);
  const at = (daysAgo: number) => now - daysAgo * DAY + 3_600_000;
  const history = [[41, '30000'], [31, '40000'], [21, '50000'], [2, '60000']].map(([daysAgo, price]) => ({ from: now - Number(daysAgo) * DAY, price: String(price) }));
  return {
    ...s,
    spot: s.spot.map((m) => (m.symbol === 'BTCUSDT' ? { ...m, lastPrice: '60000', prevPrice24h: '60000', history } : m)),
    wallets: { UNIFIED: [{ coin: 'BTC', walletBalance: '1.499' }, { coin: 'USDT', walletBalance: '50000' }], FUND: [], SPOT: [], CONTRACT: [] },
    fills: [
      { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', execQty: '1', execPrice: '40000', execTime: at(30), execFee: '0.001', feeCurrency: 'BTC' },
      { category: 'spot', symbol: 'BTCUSDT', side: 'Sell', execQty: '0.5', execPrice: '50000', execTime: at(20), execFee: '25', feeCurrency: 'USDT' },
    ],
    positions: [],
    earn: [],
    history: {
      ...emptyHistory(),
      deposits: [{ id: 'd-1', coin: 'BTC', chain: 'BTC', amount: '1', txID: 'tx-d1', status: 3, toAddress: 'bc1qfake', depositFee: '', successAt: at(40) }],
    },
  };
}

// The books by hand, per policy: BTC after the sale (what is held now), and on the days before.
const HAND = {
  unknown: { costed: d('0.999').times('1.499').div('1.999'), cost: d('40000').times('1.499').div('1.999') },
  market: { costed: d('1.499'), cost: d('70000').times('1.499').div('1.999') },
};

describe('the cost of holdings in every snapshot, sync and backfill', () => {
  let h: SyncHarness;
  let core: Core;
  let now: number;
  let accountId: number;
  const q = async <T extends object>(sql: string, params: unknown[] = []) => (await h.db.pool.query<T>(sql, params)).rows;
  const points = () => core.invoke('net-value:get', { range: 'all', maxPoints: 2000 });
  const pointOn = async (daysAgo: number) => (await points()).find((p) => p.source === 'backfill' && dayOf(Date.parse(p.t)) === dayOf(now - daysAgo * DAY));
  const costOf = (p: { costBasis: string | null; unrealisedSpot: string | null; costPartial: boolean } | undefined) => p && [p.costBasis, p.unrealisedSpot, p.costPartial];
  /** The books the portfolio's figures come from, worked out again from what is stored. */
  const books = async (policy: DepositCostBasis) => {
    const moves = costMovesOf(await readCostFlows(h.db.pool, accountId), flowRulesFor('bybit'));
    return computeCostBooks(await readSpotFills(h.db.pool, accountId), moves.transfers, policy, moves.converts).basis.get('BTC')!;
  };
  const lastSyncItem = async () => (await q<{ asset: string; quantity: string; costed_quantity: string | null; cost_basis: string | null; cost_policy: string }>(
    `SELECT i.asset, i.quantity::text, i.costed_quantity::text, i.cost_basis::text, s.cost_policy FROM snapshot_items i JOIN snapshots s ON s.id = i.snapshot_id
     WHERE s.source = 'sync' AND s.id = (SELECT max(id) FROM snapshots WHERE source = 'sync') ORDER BY i.asset`));
  const syncAfterPolicy = async (policy: DepositCostBasis) => {
    const finished = new Promise<void>((resolve) => { const off = core.events.on('sync:finished', () => { off(); resolve(); }); });
    await core.invoke('settings:update', { depositCostBasis: policy });
    await finished;
  };

  beforeAll(async () => {
    now = Date.now();
    h = await startHarness({ server: { scenario: scenario(now) } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    accountId = (await q<{ id: number }>("SELECT id FROM accounts WHERE exchange_id = 'bybit'"))[0]!.id;
  });
  afterAll(async () => h?.close());

  it('a sync stores each coin\'s cost equal to the portfolio\'s books, to the digit (deposits unknown)', async () => {
    const items = await lastSyncItem();
    const btc = items.find((i) => i.asset === 'BTC')!;
    const basis = await books('unknown');
    expect(btc.cost_basis).toBe(basis.cost.toString());
    expect(btc.costed_quantity).toBe(basis.costedQuantity.toString());
    expect(near(btc.cost_basis, HAND.unknown.cost)).toBe(true);
    expect(near(btc.costed_quantity, HAND.unknown.costed)).toBe(true);
    // The portfolio's average entry price times the costed units is that cost, digit for digit.
    const item = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    expect(d(item.avgEntryPrice!).times(btc.costed_quantity!).toString()).toBe(btc.cost_basis);
    expect(item.avgEntryPartial).toBe(true);
    // Cash has no cost; the snapshot says which policy made the figures.
    expect(items.find((i) => i.asset === 'USDT')).toMatchObject({ costed_quantity: null, cost_basis: null, cost_policy: 'unknown' });
  });

  it('net-value:get: the sync point\'s cost and the P&L of the costed BTC at 60,000, partial (the deposit has no cost)', async () => {
    const last = (await points()).at(-1)!;
    expect(last.source).toBe('sync');
    expect(last.costBasis).toBe((await books('unknown')).cost.toString());
    expect(near(last.unrealisedSpot, HAND.unknown.costed.times(60000).minus(HAND.unknown.cost))).toBe(true);
    expect(last.costPartial).toBe(true);
  });

  it('each backfilled day carries the cost of that day\'s holdings by the books at its end', async () => {
    // 35 days ago: only the deposited BTC, which has no cost: unknown, not 0.
    expect(costOf(await pointOn(35))).toEqual([null, null, true]);
    // 25 days ago: 0.999 costed BTC for 40,000 at a 40,000 close (the fee makes −40).
    expect(costOf(await pointOn(25))).toEqual(['40000', '-40', true]);
    // 10 days ago: after the sale, at a 50,000 close.
    const ten = await pointOn(10);
    expect(near(ten?.costBasis, HAND.unknown.cost)).toBe(true);
    expect(near(ten?.unrealisedSpot, HAND.unknown.costed.times(50000).minus(HAND.unknown.cost))).toBe(true);
    expect(ten?.costPartial).toBe(true);
    // Each backfilled day lists what it held, with the cost of its coins: 50,000 USDT less the sale's 24,975.
    const items = await q<{ asset: string; quantity: string; price: string | null; cost_basis: string | null }>(
      `SELECT i.asset, i.quantity::text, i.price::text, i.cost_basis::text FROM snapshot_items i JOIN snapshots s ON s.id = i.snapshot_id
       WHERE s.source = 'backfill' AND s.taken_at = $1 ORDER BY i.asset`, [new Date(dayOf(now - 25 * DAY) + DAY - 1000)]);
    expect(items).toEqual([
      { asset: 'BTC', quantity: '1.999', price: '40000', cost_basis: '40000' },
      { asset: 'USDT', quantity: '25025', price: '1', cost_basis: null },
    ]);
  });

  it('v_net_value_daily has the same cost per day; old and new columns side by side', async () => {
    const rows = await q<{ day: string; account: string | null; cost_basis: string | null; unrealised_spot_pnl: string | null; cost_partial: boolean | null }>(
      'SELECT day::text, account, cost_basis::text, unrealised_spot_pnl::text, cost_partial FROM v_net_value_daily WHERE day = $1::date ORDER BY account NULLS LAST',
      [new Date(now - 25 * DAY).toISOString().slice(0, 10)]);
    expect(rows.map((r) => [r.account, r.cost_basis, r.unrealised_spot_pnl, r.cost_partial])).toEqual([['default', '40000', '-40', true], [null, '40000', '-40', true]]);
    const unknownDay = await q<{ cost_basis: string | null; cost_partial: boolean | null }>(
      'SELECT cost_basis::text, cost_partial FROM v_net_value_daily WHERE day = $1::date AND account IS NULL', [new Date(now - 35 * DAY).toISOString().slice(0, 10)]);
    expect(unknownDay).toEqual([{ cost_basis: null, cost_partial: true }]);
  });

  it('at market value the deposit has a cost: the next sync stores it and works the backfilled days out again', async () => {
    h.server.clearRequests();
    await syncAfterPolicy('market');
    // The reconstruction ran again for the new policy: one daily-kline request for BTC, one
    // for the USD display rate's pair.
    expect(h.server.requests.filter((r) => r.path === '/v5/market/kline' && r.query.interval === 'D').map((r) => r.query.symbol).sort()).toEqual(['BTCUSDT', 'USDCUSDT']);
    const btc = (await lastSyncItem()).find((i) => i.asset === 'BTC')!;
    const basis = await books('market');
    expect(btc).toMatchObject({ cost_basis: basis.cost.toString(), costed_quantity: '1.499', cost_policy: 'market' });
    expect(near(btc.cost_basis, HAND.market.cost)).toBe(true);
    // Every unit costed: the snapshot's P&L is the portfolio's own unrealised P&L, to the digit.
    const item = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    const last = (await points()).at(-1)!;
    expect(item.avgEntryPartial).toBe(false);
    expect(d(item.avgEntryPrice!).times(item.quantity).toString()).toBe(btc.cost_basis);
    expect([last.costBasis, last.unrealisedSpot, last.costPartial]).toEqual([btc.cost_basis, item.profitLoss, false]);
    // The days before: the deposit at 30,000 (35 days ago, worth 30,000: P&L 0), then 70,000 for 1.999 at 40,000.
    expect(costOf(await pointOn(35))).toEqual(['30000', '0', false]);
    expect(costOf(await pointOn(25))).toEqual(['70000', '9960', false]);
    const ten = await pointOn(10);
    expect(near(ten?.costBasis, HAND.market.cost)).toBe(true);
    expect(near(ten?.unrealisedSpot, d('74950').minus(HAND.market.cost))).toBe(true);
    // Measured points keep the policy they were made under.
    expect(await q("SELECT cost_policy, count(*)::int AS n FROM snapshots WHERE source = 'sync' GROUP BY 1 ORDER BY 1")).toEqual([
      { cost_policy: 'market', n: 1 }, { cost_policy: 'unknown', n: 1 },
    ]);
  });

  it('a sync with the policy unchanged does not reconstruct again', async () => {
    h.server.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(h.server.requests.filter((r) => r.path === '/v5/market/kline' && r.query.interval === 'D')).toEqual([]);
    expect(costOf(await pointOn(35))).toEqual(['30000', '0', false]);
  });
});

describe('snapshots written before costs were recorded', () => {
  it('keep NULL after the migration: the API and the view say unknown, never 0, and the backfill is costed again', async () => {
    const db = await createTestDatabase({ migrated: false });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-migrations-'));
    try {
      // The schema as it was, with rows the previous version wrote: a backfilled day and a sync with its items.
      for (const f of await fs.readdir(defaultMigrationsDir())) if (Number(f.slice(0, 4)) < 12) await fs.copyFile(path.join(defaultMigrationsDir(), f), path.join(dir, f));
      await migrate(db.pool, dir);
      const t = Date.UTC(2026, 2, 1, 12);
      await db.pool.query("INSERT INTO accounts (id, exchange_id, account, backfilled_at) VALUES (1, 'bybit', 'default', now())");
      await db.pool.query(`INSERT INTO snapshots (id, account_id, taken_at, quote, total_value, wallet_value, source) VALUES
        (1, 1, $1, 'USDT', 900, 900, 'backfill'), (2, 1, $2, 'USDT', 1000, 1000, 'sync')`, [new Date(t - DAY), new Date(t)]);
      await db.pool.query("INSERT INTO snapshot_items (snapshot_id, asset, quantity, price, value) VALUES (2, 'BTC', 0.01, 100000, 1000)");

      expect((await migrate(db.pool)).applied.map((m) => m.version)[0]).toBe(12);
      expect((await db.pool.query('SELECT costed_quantity, cost_basis FROM snapshot_items')).rows).toEqual([{ costed_quantity: null, cost_basis: null }]);
      const points = await readNetValue(db.pool, { since: null, account: null, maxPoints: 500 });
      expect(points.map((p) => [p.value, p.costBasis, p.unrealisedSpot, p.costPartial])).toEqual([['900', null, null, false], ['1000', null, null, false]]);
      const view = await db.pool.query('SELECT account, cost_basis, unrealised_spot_pnl, cost_partial FROM v_net_value_daily ORDER BY day, account NULLS LAST');
      expect(view.rows).toEqual(Array(4).fill(null).map((_, i) => ({ account: i % 2 === 0 ? 'default' : null, cost_basis: null, unrealised_spot_pnl: null, cost_partial: null })));
      // The reconstructed days have no cost under any policy yet: the next sync works them out again.
      expect((await readBackfillState(db.pool, 1, 'unknown')).done).toBe(false);
      await db.pool.query("UPDATE snapshots SET cost_policy = 'unknown' WHERE source = 'backfill'");
      expect((await readBackfillState(db.pool, 1, 'unknown')).done).toBe(true);
      expect((await readBackfillState(db.pool, 1, 'market')).done).toBe(false);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
