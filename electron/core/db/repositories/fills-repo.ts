import type { Pool, PoolClient } from 'pg';

type Queryable = Pool | PoolClient;

/** A fill's stored realised P&L and fee in USDT; null where they were unknown. */
export interface FillBooking {
  fillId: string;
  feeUsdt: string | null;
  realisedPnl: string | null;
  /** The deposit policy the figures were worked out under. */
  costPolicy: 'unknown' | 'market';
}

/** The bookings of an account's spot fills, by fill id; fills never booked are absent. */
export async function readBookings(db: Queryable, accountId: number): Promise<Map<string, FillBooking>> {
  const { rows } = await db.query<{ fill_id: string; fee_usdt: string | null; realised_pnl: string | null; cost_policy: string | null }>(
    "SELECT fill_id, fee_usdt, realised_pnl, cost_policy FROM fills WHERE account_id = $1 AND category = 'spot' AND booked", [accountId]);
  return new Map(rows.map((r) => [r.fill_id, { fillId: r.fill_id, feeUsdt: r.fee_usdt, realisedPnl: r.realised_pnl, costPolicy: r.cost_policy === 'market' ? 'market' : 'unknown' }]));
}

/** Books the given fills (inserted earlier in the same transaction) in one statement. */
export async function writeBookings(db: PoolClient, accountId: number, bookings: readonly FillBooking[]): Promise<void> {
  if (bookings.length === 0) return;
  await db.query(
    `UPDATE fills f SET fee_usdt = b.fee, realised_pnl = b.pnl, cost_policy = b.policy, booked = TRUE
     FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::text[]) AS b(id, fee, pnl, policy)
     WHERE f.account_id = $1 AND f.fill_id = b.id`,
    [accountId, bookings.map((b) => b.fillId), bookings.map((b) => b.feeUsdt), bookings.map((b) => b.realisedPnl), bookings.map((b) => b.costPolicy)]);
}

/** A convert's stored realised P&L in USDT; null where it was unknown. */
export interface ConvertBooking {
  flowId: string;
  realisedPnl: string | null;
  costPolicy: 'unknown' | 'market';
}

/** The bookings of an account's converts, by their id; converts never booked are absent. */
export async function readConvertBookings(db: Queryable, accountId: number): Promise<Map<string, ConvertBooking>> {
  const { rows } = await db.query<{ flow_id: string; realised_pnl: string | null; cost_policy: string | null }>(
    "SELECT flow_id, realised_pnl::text, cost_policy FROM cash_flows WHERE account_id = $1 AND kind = 'convert' AND booked", [accountId]);
  return new Map(rows.map((r) => [r.flow_id, { flowId: r.flow_id, realisedPnl: r.realised_pnl, costPolicy: r.cost_policy === 'market' ? 'market' : 'unknown' }]));
}

/** Books the given converts (stored earlier in the same transaction) in one statement. */
export async function writeConvertBookings(db: PoolClient, accountId: number, bookings: readonly ConvertBooking[]): Promise<void> {
  if (bookings.length === 0) return;
  await db.query(
    `UPDATE cash_flows c SET realised_pnl = b.pnl, cost_policy = b.policy, booked = TRUE
     FROM unnest($2::text[], $3::numeric[], $4::text[]) AS b(id, pnl, policy)
     WHERE c.account_id = $1 AND c.kind = 'convert' AND c.flow_id = b.id`,
    [accountId, bookings.map((b) => b.flowId), bookings.map((b) => b.realisedPnl), bookings.map((b) => b.costPolicy)]);
}

/**
 * Realised P&L and fees of every booked spot fill and convert of the accounts shown, sold-out assets
 * included; null before anything was booked.
 */
export async function readTradingTotals(db: Queryable): Promise<{ depositCostBasis: 'unknown' | 'market'; realisedPnl: string; realisedPnlPartial: boolean; feesPaid: string; feesPartial: boolean } | null> {
  // A convert is a trade without a separate fee (its spread is in its rate).
  const { rows } = await db.query<{ n: number; pnl: string | null; pnl_unknown: boolean | null; fees: string | null; fees_unknown: boolean | null; market: boolean | null }>(
    `SELECT count(*)::int AS n, sum(t.pnl)::text AS pnl, bool_or(t.pnl IS NULL) AS pnl_unknown,
            sum(t.fee)::text AS fees, bool_or(t.fee IS NULL) AS fees_unknown, bool_and(t.policy = 'market') AS market
     FROM (SELECT f.realised_pnl AS pnl, f.fee_usdt AS fee, f.cost_policy AS policy
           FROM fills f JOIN accounts a ON a.id = f.account_id WHERE f.category = 'spot' AND f.booked AND a.removed_at IS NULL
           UNION ALL
           SELECT c.realised_pnl, 0, c.cost_policy
           FROM cash_flows c JOIN accounts a ON a.id = c.account_id WHERE c.kind = 'convert' AND c.booked AND a.removed_at IS NULL) t`);
  const r = rows[0];
  if (!r || r.n === 0) return null;
  return { depositCostBasis: r.market === true ? 'market' : 'unknown', realisedPnl: r.pnl ?? '0', realisedPnlPartial: r.pnl_unknown === true, feesPaid: r.fees ?? '0', feesPartial: r.fees_unknown === true };
}

/** Says which deposit policy made an account's stored average entries (in the sync's transaction). */
export async function markItemsPolicy(db: PoolClient, exchangeId: string, account: string, policy: 'unknown' | 'market'): Promise<void> {
  await db.query('UPDATE portfolio_items SET cost_policy = $3 WHERE exchange_id = $1 AND account = $2', [exchangeId, account, policy]);
}
