import type { DisplayRates } from '../../../../shared/domain.js';
import type { StoredRate } from '../../portfolio/display-rates.js';

/** The points of a history query: a time range, one account or all, and how many points at most. */
export interface PointsQuery {
  since: Date | null;
  until?: Date | null;
  account: { exchangeId: string; account: string } | null;
  maxPoints: number;
}

/** Parameters $1–$5 of {@link pickedTimesSql}, in order. */
export function pointsParams(q: PointsQuery): unknown[] {
  return [q.since, q.account?.exchangeId ?? null, q.account?.account ?? null, q.maxPoints, q.until ?? null];
}

/**
 * `WITH acc AS (…), ranged AS (…), picked AS (…)`: the chosen active accounts (`acc.id`)
 * and the snapshot times in [$1, $5) thinned to at most $4 — the first, then the last of
 * each of $4 − 1 equal runs by index — as `picked(t, k)`. `sources` narrows the snapshots
 * whose times count: 'sync', measured ones from the first time every chosen account has
 * one. Parameters: {@link pointsParams}.
 */
export function pickedTimesSql(sources: 'any' | 'sync'): string {
  // Measured points only: from the first time every chosen account has one, so a point
  // never sums one account's snapshot with nothing for another that had not synced yet.
  const measured = ` AND s.source = 'sync' AND s.taken_at >= (
           SELECT max(f.first) FROM (SELECT min(x.taken_at) AS first FROM snapshots x WHERE x.account_id IN (SELECT id FROM acc) AND x.source = 'sync' GROUP BY x.account_id) f)`;
  return `WITH acc AS (
       SELECT id FROM accounts WHERE removed_at IS NULL AND ($2::text IS NULL OR (exchange_id = $2 AND account = $3))
     ), ranged AS (
       SELECT s.taken_at, row_number() OVER (ORDER BY s.taken_at, s.id) - 1 AS k, count(*) OVER () AS n
       FROM snapshots s WHERE s.account_id IN (SELECT id FROM acc) AND ($1::timestamptz IS NULL OR s.taken_at >= $1)
         AND ($5::timestamptz IS NULL OR s.taken_at < $5)${sources === 'sync' ? measured : ''}
     ), picked AS (
       SELECT DISTINCT ON (bucket) taken_at AS t, k FROM (
         SELECT taken_at, k, CASE WHEN k = 0 OR n <= $4 THEN -k ELSE (k * ($4 - 1) + n - 2) / (n - 1) END AS bucket FROM ranged
       ) b ORDER BY bucket, k DESC
     )`;
}

/**
 * The display rates of a point from the snapshots it sums, newest first: each currency
 * from the newest snapshot that has it (one account's exchange may list no euro pair
 * while another's does; any of them converts the USDT total). Stamped with the point's time.
 */
export function mergePointRates(stored: ReadonlyArray<Record<string, StoredRate> | null>, t: Date): DisplayRates {
  const rates: DisplayRates = {};
  for (const currency of ['USD', 'EUR'] as const) {
    const r = stored.find((s) => s?.[currency] !== undefined)?.[currency];
    if (r) rates[currency] = { symbol: r.symbol, base: r.base, quote: r.quote, price: r.price, at: t.toISOString() };
  }
  return rates;
}
