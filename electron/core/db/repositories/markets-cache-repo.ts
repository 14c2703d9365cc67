import type { Pool } from 'pg';
import type { MarketsCache, SpotMarket } from '../../exchange/types.js';

/** Spot markets read from public endpoints, cached a day in the `markets_cache` table. */
export function createMarketsCache(pool: Pool): MarketsCache {
  return {
    async load(exchangeId, endpoint) {
      const { rows } = await pool.query<{ fetched_at: Date; markets: SpotMarket[] }>(
        'SELECT fetched_at, markets FROM markets_cache WHERE exchange_id = $1 AND endpoint = $2', [exchangeId, endpoint]);
      const r = rows[0];
      return r ? { fetchedAt: r.fetched_at, markets: r.markets } : null;
    },
    async save(exchangeId, endpoint, fetchedAt, markets) {
      await pool.query(
        `INSERT INTO markets_cache (exchange_id, endpoint, fetched_at, markets) VALUES ($1, $2, $3, $4)
         ON CONFLICT (exchange_id, endpoint) DO UPDATE SET fetched_at = EXCLUDED.fetched_at, markets = EXCLUDED.markets`,
        [exchangeId, endpoint, fetchedAt, JSON.stringify(markets)]);
    },
  };
}
