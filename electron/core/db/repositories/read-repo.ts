import type { Pool, PoolClient } from 'pg';
import type { NetValuePoint, Portfolio, SyncRunRecord } from '../../../../shared/domain.js';
import type { StoredRate } from '../../portfolio/display-rates.js';
import type { CostFill } from '../../portfolio/cost-basis.js';
import { dec, decOrNull, type Dec } from '../../portfolio/decimal.js';
import { summarisePortfolio, type ValuedItem } from '../../portfolio/valuation.js';
import { readTradingTotals } from './fills-repo.js';
import { quantityKey, readUnexplainedQuantities } from './reconciliation-repo.js';
import { readDisplayRates } from './positions-repo.js';
import { mergePointRates, pickedTimesSql, pointsParams, type PointsQuery } from './snapshot-points.js';

type Queryable = Pool | PoolClient;

/** portfolio_items rows (alias `pi`) of accounts not removed. */
const ACTIVE_ITEM = `NOT EXISTS (SELECT 1 FROM accounts ra WHERE ra.exchange_id = pi.exchange_id AND ra.account = pi.account AND ra.removed_at IS NOT NULL)`;

/** The active accounts' unrealised P&L (USDT), from each one's latest snapshot. */
async function readUnrealisedPnl(db: Queryable): Promise<Dec> {
  const { rows } = await db.query<{ upnl: string | null }>(
    `SELECT sum(s.unrealised_pnl)::text AS upnl FROM accounts a
     CROSS JOIN LATERAL (SELECT unrealised_pnl FROM snapshots WHERE account_id = a.id ORDER BY taken_at DESC, id DESC LIMIT 1) s
     WHERE a.removed_at IS NULL`);
  return dec(rows[0]?.upnl ?? '0');
}

/** The stored portfolio of every active account, as of its last successful sync. */
export async function readPortfolio(db: Queryable): Promise<Portfolio> {
  const { rows } = await db.query<Record<string, string | boolean | null> & { wallets: Record<string, string>; updated: Date }>(
    `SELECT exchange_id, account, asset, quantity, current_price, avg_entry_price, avg_entry_partial, value, profit_loss,
            profit_loss_percentage, change_24h_pct, realised_pnl, realised_partial, fees_usdt, fees_partial, wallets, updated_at AS updated
     FROM portfolio_items pi WHERE ${ACTIVE_ITEM}`);
  const upnl = await readUnrealisedPnl(db);
  let asOf: Date | null = null;
  const items: ValuedItem[] = rows.map((r) => {
    if (asOf === null || r.updated > asOf) asOf = r.updated;
    const wallets: ValuedItem['wallets'] = {};
    for (const [w, q] of Object.entries(r.wallets)) wallets[w] = dec(q);
    return {
      exchangeId: r.exchange_id as string, account: r.account as string, asset: r.asset as string, quantity: dec(r.quantity as string),
      currentPrice: decOrNull(r.current_price as string | null), value: decOrNull(r.value as string | null),
      avgEntryPrice: decOrNull(r.avg_entry_price as string | null), avgEntryPartial: r.avg_entry_partial as boolean,
      profitLoss: decOrNull(r.profit_loss as string | null), profitLossPercentage: decOrNull(r.profit_loss_percentage as string | null),
      change24hPct: decOrNull(r.change_24h_pct as string | null), priceSource: null, wallets,
      realisedPnl: decOrNull(r.realised_pnl as string | null), realisedPnlPartial: r.realised_partial as boolean,
      feesPaid: decOrNull(r.fees_usdt as string | null), feesPartial: r.fees_partial as boolean,
    };
  });
  // `db` may be one connection (an export's snapshot transaction): one query at a time.
  const trading = await readTradingTotals(db);
  const unexplained = await readUnexplainedQuantities(db);
  const rates = await readDisplayRates(db);
  const portfolio = summarisePortfolio(items, asOf, upnl, trading && { ...trading, realisedPnl: dec(trading.realisedPnl).toString(), feesPaid: dec(trading.feesPaid).toString() });
  return { ...portfolio, rates, items: portfolio.items.map((i) => ({ ...i, unexplainedQuantity: unexplainedOf(unexplained, i.exchangeId, i.account, i.asset) })) };
}

/** The stored unexplained quantity as a plain decimal; null before the account's first reconciliation. */
function unexplainedOf(rows: Map<string, string>, exchangeId: string, account: string, asset: string): string | null {
  const q = rows.get(quantityKey(exchangeId, account, asset));
  return q === undefined ? null : dec(q).toString();
}

/** Every spot fill of an account, for the cost basis. */
export async function readSpotFills(db: Queryable, accountId: number): Promise<CostFill[]> {
  const { rows } = await db.query<{ fill_id: string; executed_at: Date; base: string; quote: string; side: 'buy' | 'sell'; price: string; quantity: string; fee: string | null; fee_currency: string | null; quote_usdt_rate: string | null; fee_usdt_rate: string | null }>(
    `SELECT fill_id, executed_at, base, quote, side, price, quantity, fee, fee_currency, quote_usdt_rate, fee_usdt_rate
     FROM fills WHERE account_id = $1 AND category = 'spot' ORDER BY executed_at, id`, [accountId]);
  return rows.map((r) => ({
    id: r.fill_id, executedAt: r.executed_at, base: r.base, quote: r.quote, side: r.side, price: dec(r.price), quantity: dec(r.quantity),
    fee: decOrNull(r.fee), feeCurrency: r.fee_currency, quoteUsdtRate: decOrNull(r.quote_usdt_rate), feeUsdtRate: decOrNull(r.fee_usdt_rate),
  }));
}

const RUN_COLUMNS = `id, exchange_id, account, sync_type, trigger, success, start_time,
  end_time, items_processed, items_synced, fills_imported, requests, error_class, error_message, warnings`;

interface RunRaw {
  id: number; exchange_id: string; account: string; sync_type: string; trigger: string | null; success: boolean; start_time: Date; end_time: Date | null;
  items_processed: number; items_synced: number; fills_imported: number | null; requests: number | null; error_class: string | null; error_message: string | null; warnings: string[];
}

export function toRunRecord(r: RunRaw, recommend: (errorClass: string) => string): SyncRunRecord {
  return {
    id: r.id, exchangeId: r.exchange_id, account: r.account, syncType: r.sync_type, trigger: r.trigger, success: r.success,
    startTime: r.start_time.toISOString(), endTime: r.end_time?.toISOString() ?? null, itemsProcessed: r.items_processed, itemsSynced: r.items_synced,
    fillsImported: r.fills_imported, requests: r.requests, warnings: r.warnings,
    error: r.success ? null : { errorClass: (r.error_class ?? 'internal') as never, message: r.error_message ?? 'Unknown failure', recommendation: recommend(r.error_class ?? 'internal') },
  };
}

export async function readHistory(db: Queryable, limit: number, recommend: (errorClass: string) => string): Promise<SyncRunRecord[]> {
  const { rows } = await db.query<RunRaw>(`SELECT ${RUN_COLUMNS} FROM sync_history ORDER BY start_time DESC, id DESC LIMIT $1`, [limit]);
  return rows.map((r) => toRunRecord(r, recommend));
}

/**
 * Each account's latest runs, newest first, keyed `exchange:account`, in one query: the
 * first is its last run, and together they give its circuit breaker.
 */
export async function readRecentRuns(db: Queryable, recommend: (errorClass: string) => string, perAccount = 20): Promise<Map<string, SyncRunRecord[]>> {
  const { rows } = await db.query<RunRaw>(
    `SELECT ${RUN_COLUMNS} FROM (
       SELECT *, row_number() OVER (PARTITION BY exchange_id, account ORDER BY start_time DESC, id DESC) AS rn FROM sync_history
     ) h WHERE rn <= $1 ORDER BY exchange_id, account, rn`, [perAccount]);
  const byAccount = new Map<string, SyncRunRecord[]>();
  for (const r of rows) {
    const key = `${r.exchange_id}:${r.account}`;
    byAccount.set(key, [...(byAccount.get(key) ?? []), toRunRecord(r, recommend)]);
  }
  return byAccount;
}

/** What the circuit breaker needs of a run. */
export function runOutcome(r: SyncRunRecord): { success: boolean; endTime: Date | null; errorClass: string | null } {
  return { success: r.success, endTime: r.endTime === null ? null : new Date(r.endTime), errorClass: r.error?.errorClass ?? null };
}

/** Total value (wallets + unrealised P&L) and freshness of the active accounts' portfolio, without reading every item. */
export async function readPortfolioTotals(db: Queryable): Promise<{ totalValue: string | null; asOf: string | null }> {
  const [{ rows }, upnl] = await Promise.all([db.query<{ n: number; total: string | null; as_of: Date | null }>(
    `SELECT count(*)::int AS n, sum(value)::text AS total, max(updated_at) AS as_of FROM portfolio_items pi WHERE ${ACTIVE_ITEM}`), readUnrealisedPnl(db)]);
  const r = rows[0];
  if (!r || r.n === 0) return { totalValue: null, asOf: null };
  return { totalValue: dec(r.total ?? '0').plus(upnl).toString(), asOf: r.as_of?.toISOString() ?? null };
}

/** Active accounts only: a removed one has no last success to show. */
export async function readLastSuccess(db: Queryable): Promise<Array<{ exchangeId: string; account: string; at: Date | null }>> {
  const { rows } = await db.query<{ exchange_id: string; account: string; last_success_at: Date | null }>('SELECT exchange_id, account, last_success_at FROM accounts WHERE removed_at IS NULL');
  return rows.map((r) => ({ exchangeId: r.exchange_id, account: r.account, at: r.last_success_at }));
}

/** The oldest of the accounts' last successful syncs; null before any succeeded (the scheduler then syncs at once). */
export async function readOldestLastSuccess(db: Queryable): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>('SELECT min(last_success_at) AS at FROM accounts WHERE removed_at IS NULL');
  return rows[0]?.at ?? null;
}

/**
 * Net value over time: the snapshot times (of the chosen accounts, in range) are
 * thinned in SQL to at most `maxPoints` — the first, then the last of each of
 * `maxPoints − 1` equal runs by index — and at each kept time the accounts' latest
 * values up to then are summed (an index lookup per account and point). A year of
 * 30-minute snapshots never leaves the database whole.
 */
export async function readNetValue(db: Queryable, opts: PointsQuery): Promise<NetValuePoint[]> {
  const { rows } = await db.query<{
    t: Date; value: string; wallet: string; upnl: string; backfill: boolean; estimated: boolean; rates: Array<Record<string, StoredRate> | null>;
    cost: string | null; costed: string | null; cost_partial: boolean | null; unrecorded: boolean;
  }>(
    `${pickedTimesSql('any')}
     SELECT p.t, s.value::text AS value, s.wallet::text AS wallet, s.upnl::text AS upnl, s.backfill, s.estimated, s.rates,
            s.cost::text AS cost, s.costed::text AS costed, s.cost_partial, s.unrecorded FROM picked p
     CROSS JOIN LATERAL (
       SELECT SUM(v.total_value) AS value, SUM(COALESCE(v.wallet_value, v.total_value)) AS wallet, SUM(v.unrealised_pnl) AS upnl,
              bool_or(v.source = 'backfill') AS backfill, bool_or(v.estimated) AS estimated,
              array_agg(v.display_rates ORDER BY v.taken_at DESC) AS rates,
              SUM(v.cost_basis) AS cost, SUM(v.costed_value) AS costed, bool_or(v.cost_partial) AS cost_partial, bool_or(v.cost_partial IS NULL) AS unrecorded
       FROM acc CROSS JOIN LATERAL (
         SELECT total_value, wallet_value, unrealised_pnl, source, estimated, display_rates, taken_at, cost_basis, costed_value, cost_partial FROM snapshots WHERE account_id = acc.id AND taken_at <= p.t ORDER BY taken_at DESC, id DESC LIMIT 1
       ) v
     ) s
     ORDER BY p.k`,
    pointsParams(opts));
  // A total that includes any reconstructed account value is itself reconstructed.
  return rows.map((r) => ({
    t: r.t.toISOString(), value: dec(r.value).toString(), walletValue: dec(r.wallet).toString(), unrealisedPnl: dec(r.upnl).toString(),
    source: r.backfill ? 'backfill' : 'sync', estimated: r.estimated, rates: mergePointRates(r.rates, r.t), ...pointCost(r),
  }));
}

/**
 * The cost of the point's holdings and their P&L. Unknown (null) when some account's
 * snapshot predates recorded costs, or when coins were held but none had a known cost.
 */
function pointCost(r: { cost: string | null; costed: string | null; cost_partial: boolean | null; unrecorded: boolean }): Pick<NetValuePoint, 'costBasis' | 'unrealisedSpot' | 'costPartial'> {
  if (r.unrecorded || r.cost === null || r.costed === null) return { costBasis: null, unrealisedSpot: null, costPartial: r.cost_partial === true && !r.unrecorded };
  return { costBasis: dec(r.cost).toString(), unrealisedSpot: dec(r.costed).minus(dec(r.cost)).toString(), costPartial: r.cost_partial === true };
}

/** An account's latest runs, newest first: what its circuit breaker is derived from. */
export async function readRecentOutcomes(db: Queryable, exchangeId: string, account: string, limit = 20): Promise<Array<{ success: boolean; endTime: Date | null; errorClass: string | null }>> {
  const { rows } = await db.query<{ success: boolean; end_time: Date | null; error_class: string | null }>(
    `SELECT success, end_time, error_class FROM sync_history
     WHERE exchange_id = $1 AND account = $2 ORDER BY start_time DESC, id DESC LIMIT $3`, [exchangeId, account, limit]);
  return rows.map((r) => ({ success: r.success, endTime: r.end_time, errorClass: r.error_class }));
}
