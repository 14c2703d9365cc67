import type { Pool, PoolClient } from 'pg';
import type { PnlDay } from '../../../../shared/trades.js';
import { CASH_ASSETS } from '../../portfolio/cash.js';
import { dec } from '../../portfolio/decimal.js';


/**
 * Realised P&L and fees per UTC day over [since, until), of the accounts shown (or one of
 * them), each part in USDT:
 * - spot: what the booked spot fills and converts realised (average cost, fees included);
 * - derivatives: the exchange's closed P&L of each closing order (after its trading fees),
 *   from its settle coin at the coin's USDT price of that minute (cash at par);
 * - funding: received (+) or paid (−) on derivative positions, from the transaction log;
 * - fees: every spot and derivative fill's trading fee (spot: as booked; derivatives: a
 *   cash fee coin at par, another at its stored price).
 * `realised` is spot + derivatives and `cumulative` its running sum from the range's first
 * day. Funding is shown beside it, not added: the exchanges' closed P&L already deducts the
 * funding paid while the position was open (Bybit's closed P&L includes opening and closing
 * fees and funding; OKX's realised P&L includes its funding fee), so adding it again would
 * count it twice once the position closes. Days without any of these are absent. A day with an unknown figure
 * (a price or cost that could not be had), and every day after it, is marked partial: the
 * sums are of the known figures only, never a guess.
 */
export async function readPnlDaily(db: Pool | PoolClient, opts: { since: Date | null; until: Date | null; account: { exchangeId: string; account: string } | null }): Promise<PnlDay[]> {
  const { rows } = await db.query<PnlDay>(
    `WITH acc AS (
       SELECT id FROM accounts WHERE removed_at IS NULL AND ($1::text IS NULL OR (exchange_id = $1 AND account = $2))
     ), parts AS (
       SELECT f.executed_at AS at, f.realised_pnl AS spot, NULL::numeric AS deriv, NULL::numeric AS funding, f.fee_usdt AS fee,
              (f.realised_pnl IS NULL OR f.fee_usdt IS NULL) AS unknown
       FROM fills f WHERE f.account_id IN (SELECT id FROM acc) AND f.category = 'spot' AND f.booked
       UNION ALL
       SELECT c.occurred_at, c.realised_pnl, NULL, NULL, NULL, c.realised_pnl IS NULL
       FROM cash_flows c WHERE c.account_id IN (SELECT id FROM acc) AND c.kind = 'convert' AND c.booked
       UNION ALL
       SELECT f.executed_at, NULL, NULL, NULL, x.fee, x.fee IS NULL
       FROM fills f CROSS JOIN LATERAL (
         SELECT CASE WHEN f.fee_currency = ANY($5::text[]) THEN f.fee ELSE f.fee * f.fee_usdt_rate END AS fee
       ) x
       WHERE f.account_id IN (SELECT id FROM acc) AND f.category <> 'spot'
       UNION ALL
       SELECT p.created_at, NULL, p.closed_pnl * p.usdt_rate, NULL, NULL, p.usdt_rate IS NULL
       FROM closed_pnl p WHERE p.account_id IN (SELECT id FROM acc)
       UNION ALL
       SELECT t.transaction_time, NULL, NULL, t.funding * t.usdt_rate, NULL, t.usdt_rate IS NULL
       FROM transaction_log t WHERE t.account_id IN (SELECT id FROM acc) AND t.funding IS NOT NULL AND t.funding <> 0
     ), days AS (
       SELECT (at AT TIME ZONE 'UTC')::date AS day, COALESCE(sum(spot), 0) AS spot, COALESCE(sum(deriv), 0) AS deriv,
              COALESCE(sum(funding), 0) AS funding, COALESCE(sum(fee), 0) AS fees, bool_or(unknown) AS unknown
       FROM parts
       WHERE ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
       GROUP BY 1
     )
     SELECT to_char(day, 'YYYY-MM-DD') AS day, (spot + deriv)::text AS realised, spot::text AS spot, deriv::text AS derivatives,
            funding::text AS funding, fees::text AS fees, sum(spot + deriv) OVER (ORDER BY day)::text AS cumulative,
            bool_or(unknown) OVER (ORDER BY day) AS partial
     FROM days ORDER BY day`,
    [opts.account?.exchangeId ?? null, opts.account?.account ?? null, opts.since, opts.until, [...CASH_ASSETS]]);
  // NUMERIC products keep their factors' scale ("50.01846000"): the same value, plainly.
  const plain = (s: string) => dec(s).toString();
  return rows.map((r) => ({
    ...r, realised: plain(r.realised), spot: plain(r.spot), derivatives: plain(r.derivatives), funding: plain(r.funding), fees: plain(r.fees), cumulative: plain(r.cumulative),
  }));
}
