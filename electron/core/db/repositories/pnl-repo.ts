import type { Pool, PoolClient } from 'pg';
import type { PnlDay } from '../../../../shared/trades.js';

/**
 * Realised P&L and fees per UTC day over [since, until), from the booked spot fills of the
 * accounts shown (or one of them), with the running sum from the range's first day. Days
 * without a fill are absent. A day whose fills include an unknown figure, and every day
 * after it, is marked partial: the sums are of the known figures only, never a guess.
 */
export async function readPnlDaily(db: Pool | PoolClient, opts: { since: Date | null; until: Date | null; account: { exchangeId: string; account: string } | null }): Promise<PnlDay[]> {
  const { rows } = await db.query<{ day: string; realised: string; fees: string; cumulative: string; partial: boolean }>(
    `WITH acc AS (
       SELECT id FROM accounts WHERE removed_at IS NULL AND ($1::text IS NULL OR (exchange_id = $1 AND account = $2))
     ), days AS (
       SELECT (f.executed_at AT TIME ZONE 'UTC')::date AS day, COALESCE(sum(f.realised_pnl), 0) AS realised, COALESCE(sum(f.fee_usdt), 0) AS fees,
              bool_or(f.realised_pnl IS NULL OR f.fee_usdt IS NULL) AS unknown
       FROM fills f
       WHERE f.account_id IN (SELECT id FROM acc) AND f.category = 'spot' AND f.booked
         AND ($3::timestamptz IS NULL OR f.executed_at >= $3) AND ($4::timestamptz IS NULL OR f.executed_at < $4)
       GROUP BY 1
     )
     SELECT to_char(day, 'YYYY-MM-DD') AS day, realised::text AS realised, fees::text AS fees,
            sum(realised) OVER (ORDER BY day)::text AS cumulative, bool_or(unknown) OVER (ORDER BY day) AS partial
     FROM days ORDER BY day`,
    [opts.account?.exchangeId ?? null, opts.account?.account ?? null, opts.since, opts.until]);
  return rows;
}
