import type { PoolClient } from 'pg';
import type { PortfolioItem } from '../../../../shared/domain.js';
import type { BalanceRow, EndpointUse, FillRow, PositionRow } from '../../exchange/types.js';
import { writeBookings, type FillBooking } from './fills-repo.js';
import type { StoredRates } from '../../portfolio/display-rates.js';
import type { DepositCostBasis } from '../../portfolio/cost-basis.js';
import { str } from '../../portfolio/decimal.js';
import type { HoldingsCost } from '../../portfolio/holdings-cost.js';

export interface PriceRow {
  asset: string;
  price: string;
  change24hPct: string | null;
  sourceSymbol: string;
}

/** Everything one successful account sync stores, written in the caller's transaction. */
export interface AccountSyncWrite {
  accountId: number;
  exchangeId: string;
  account: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date;
  balances: BalanceRow[];
  prices: PriceRow[];
  fills: FillRow[];
  /** Realised P&L and fees of the new fills and of stored fills whose figures changed. */
  bookings: FillBooking[];
  positions: PositionRow[];
  items: PortfolioItem[];
  /** walletValue + unrealisedPnl. */
  totalValue: string;
  walletValue: string;
  unrealisedPnl: string;
  unpricedAssets: number;
  /** What the coins held cost, from the same books as the items' average entry prices. */
  cost: HoldingsCost;
  /** The deposit policy those books were worked out under. */
  costPolicy: DepositCostBasis;
  /** The spot prices that convert USDT for display, keyed by currency (USD, EUR). */
  displayRates?: StoredRates;
  warnings: string[];
  requests: number;
  /** Per endpoint, the sync's use of the exchange's published limits (OKX); absent where not measured. */
  rateUse?: EndpointUse[];
}

const col = <T, K extends keyof T>(rows: readonly T[], key: K) => rows.map((r) => r[key]);

/**
 * Replaces the account's current state (balances, positions, portfolio_items), adds
 * new fills, prices, one snapshot and the sync_history row. Multi-row statements
 * (unnest) keep this to a handful of round trips whatever the number of assets.
 * Old-module tables use TIMESTAMP without zone: those columns hold UTC.
 */
export async function writeAccountSync(db: PoolClient, w: AccountSyncWrite): Promise<{ syncId: number; fillsInserted: number }> {
  const at = w.finishedAt;
  // Empty lists skip their statement: a warm sync usually has no new fills or positions.
  const inserted = w.fills.length === 0 ? { rowCount: 0 } : await db.query(
    `INSERT INTO fills (account_id, fill_id, order_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, fee_usdt_rate, quote_usdt_rate, executed_at)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::numeric[], $11::numeric[], $12::text[], $13::numeric[], $14::numeric[], $15::timestamptz[])
     ON CONFLICT (account_id, fill_id) DO NOTHING`,
    [w.accountId, col(w.fills, 'fillId'), col(w.fills, 'orderId'), col(w.fills, 'category'), col(w.fills, 'symbol'), col(w.fills, 'base'), col(w.fills, 'quote'),
      col(w.fills, 'side'), col(w.fills, 'price'), col(w.fills, 'quantity'), col(w.fills, 'fee'), col(w.fills, 'feeCurrency'), col(w.fills, 'feeUsdtRate'),
      col(w.fills, 'quoteUsdtRate'), col(w.fills, 'executedAt')]);
  await writeBookings(db, w.accountId, w.bookings);

  await db.query('DELETE FROM balances WHERE account_id = $1', [w.accountId]);
  await db.query(
    `INSERT INTO balances (account_id, wallet, asset, quantity, updated_at) SELECT $1, w, a, q, $5 FROM unnest($2::text[], $3::text[], $4::numeric[]) AS t(w, a, q)`,
    [w.accountId, col(w.balances, 'wallet'), col(w.balances, 'asset'), col(w.balances, 'quantity'), at]);

  await db.query(
    `INSERT INTO prices (exchange_id, asset, quote, price, change_24h_pct, source_symbol, updated_at)
     SELECT $1, a, 'USDT', p, c, s, $6 FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::text[]) AS t(a, p, c, s)
     ON CONFLICT (exchange_id, asset, quote) DO UPDATE SET price = EXCLUDED.price, change_24h_pct = EXCLUDED.change_24h_pct, source_symbol = EXCLUDED.source_symbol, updated_at = EXCLUDED.updated_at`,
    [w.exchangeId, col(w.prices, 'asset'), col(w.prices, 'price'), col(w.prices, 'change24hPct'), col(w.prices, 'sourceSymbol'), at]);

  await db.query('DELETE FROM positions WHERE account_id = $1', [w.accountId]);
  const p = w.positions;
  if (p.length > 0) await db.query(
    `INSERT INTO positions (account_id, category, symbol, side, size, entry_price, mark_price, unrealised_pnl, leverage, liquidation_price, settle_coin, margin, updated_at)
     SELECT $1, *, $11 FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $12::text[], $13::numeric[])`,
    [w.accountId, col(p, 'category'), col(p, 'symbol'), col(p, 'side'), col(p, 'size'), col(p, 'entryPrice'), col(p, 'markPrice'), col(p, 'unrealisedPnl'),
      col(p, 'leverage'), col(p, 'liquidationPrice'), at, col(p, 'settleCoin'), col(p, 'margin')]);

  const i = w.items;
  await db.query('DELETE FROM portfolio_items WHERE exchange_id = $1 AND account = $2 AND NOT (asset = ANY($3::text[]))', [w.exchangeId, w.account, col(i, 'asset')]);
  await db.query(
    `INSERT INTO portfolio_items (exchange_id, account, asset, quantity, current_price, avg_entry_price, avg_entry_partial, value, profit_loss, profit_loss_percentage, change_24h_pct, wallets,
       realised_pnl, realised_partial, fees_usdt, fees_partial, created_at, updated_at)
     SELECT $1, $2, *, $13::timestamptz, $13::timestamptz
     FROM unnest($3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::boolean[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::jsonb[],
       $14::numeric[], $15::boolean[], $16::numeric[], $17::boolean[])
     ON CONFLICT (exchange_id, account, asset) DO UPDATE SET quantity = EXCLUDED.quantity, current_price = EXCLUDED.current_price,
       avg_entry_price = EXCLUDED.avg_entry_price, avg_entry_partial = EXCLUDED.avg_entry_partial, value = EXCLUDED.value, profit_loss = EXCLUDED.profit_loss,
       profit_loss_percentage = EXCLUDED.profit_loss_percentage, change_24h_pct = EXCLUDED.change_24h_pct, wallets = EXCLUDED.wallets, updated_at = EXCLUDED.updated_at,
       realised_pnl = EXCLUDED.realised_pnl, realised_partial = EXCLUDED.realised_partial, fees_usdt = EXCLUDED.fees_usdt, fees_partial = EXCLUDED.fees_partial`,
    [w.exchangeId, w.account, col(i, 'asset'), col(i, 'quantity'), col(i, 'currentPrice'), col(i, 'avgEntryPrice'), col(i, 'avgEntryPartial'), col(i, 'value'),
      col(i, 'profitLoss'), col(i, 'profitLossPercentage'), col(i, 'change24hPct'), i.map((x) => JSON.stringify(x.wallets)), at,
      col(i, 'realisedPnl'), col(i, 'realisedPnlPartial'), col(i, 'feesPaid'), col(i, 'feesPartial')]);

  const history = await db.query<{ id: number }>(
    `INSERT INTO sync_history (exchange_id, account, sync_type, trigger, items_processed, items_synced, success, start_time, end_time, warnings, requests, fills_imported, rate_use)
     VALUES ($1, $2, 'portfolio', $3, $4, $5, TRUE, $6::timestamptz, $7::timestamptz, $8, $9, $10, $11) RETURNING id`,
    [w.exchangeId, w.account, w.trigger, w.balances.length + w.fills.length + w.positions.length, i.length, w.startedAt, at,
      JSON.stringify(w.warnings), w.requests, inserted.rowCount ?? 0, w.rateUse ? JSON.stringify(w.rateUse) : null]);
  const syncId = history.rows[0]!.id;

  const snap = await db.query<{ id: string }>(
    `INSERT INTO snapshots (account_id, taken_at, quote, total_value, unpriced_assets, sync_id, wallet_value, unrealised_pnl, display_rates, cost_basis, costed_value, cost_partial, cost_policy)
     VALUES ($1, $2, 'USDT', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [w.accountId, at, w.totalValue, w.unpricedAssets, syncId, w.walletValue, w.unrealisedPnl, JSON.stringify(w.displayRates ?? {}),
      str(w.cost.cost), str(w.cost.costedValue), w.cost.partial, w.costPolicy]);
  const costOf = (asset: string) => w.cost.byAsset.get(asset) ?? null;
  await db.query(
    `INSERT INTO snapshot_items (snapshot_id, asset, quantity, price, value, costed_quantity, cost_basis)
     SELECT $1, * FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[])`,
    [snap.rows[0]!.id, col(i, 'asset'), col(i, 'quantity'), col(i, 'currentPrice'), col(i, 'value'),
      i.map((x) => costOf(x.asset)?.costedQuantity.toString() ?? null), i.map((x) => costOf(x.asset)?.cost.toString() ?? null)]);
  return { syncId, fillsInserted: inserted.rowCount ?? 0 };
}

/** A failed run is recorded outside the rolled-back transaction, so failures are never lost. */
export async function recordFailedRun(db: { query: PoolClient['query'] }, r: {
  exchangeId: string; account: string; trigger: string; startedAt: Date; finishedAt: Date;
  errorClass: string; message: string; requests: number | null; warnings: string[];
}): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sync_history (exchange_id, account, sync_type, trigger, items_processed, items_synced, success, start_time, end_time, error_message, error_class, warnings, requests)
     VALUES ($1, $2, 'portfolio', $3, 0, 0, FALSE, $4::timestamptz, $5::timestamptz, $6, $7, $8, $9) RETURNING id`,
    [r.exchangeId, r.account, r.trigger, r.startedAt, r.finishedAt, r.message, r.errorClass, JSON.stringify(r.warnings), r.requests]);
  return rows[0]!.id;
}
