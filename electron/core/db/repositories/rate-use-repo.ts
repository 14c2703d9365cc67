import type { Pool, PoolClient } from 'pg';
import type { EndpointUse } from '../../exchange/types.js';

/** The latest successful sync of an account that recorded its use of the exchange's limits; null when none did. */
export async function readLastRateUse(db: Pool | PoolClient, exchangeId: string, account: string): Promise<{ at: Date; endpoints: EndpointUse[] } | null> {
  const { rows } = await db.query<{ at: Date; rate_use: EndpointUse[] }>(
    `SELECT end_time AS at, rate_use FROM sync_history
     WHERE exchange_id = $1 AND account = $2 AND success AND rate_use IS NOT NULL
     ORDER BY end_time DESC, id DESC LIMIT 1`, [exchangeId, account]);
  const r = rows[0];
  return r ? { at: r.at, endpoints: r.rate_use } : null;
}
