import type { Pool, PoolClient } from 'pg';
import type { AssetValuesPoint } from '../../../../shared/domain.js';
import type { StoredRate } from '../../portfolio/display-rates.js';
import { dec } from '../../portfolio/decimal.js';
import { mergePointRates, pickedTimesSql, pointsParams, type PointsQuery } from './snapshot-points.js';

/**
 * Each asset's value over time: the measured (sync) snapshot times of the chosen
 * accounts in range, thinned like the net value; at each kept time, every account's
 * latest measured snapshot up to then, its items' quantity × price summed per asset
 * across accounts. Reconstructed days have no per-asset items and are not points here.
 * An asset held but unpriced is null (unknown, not zero); one not held is absent.
 */
export async function readAssetValues(db: Pool | PoolClient, opts: PointsQuery): Promise<AssetValuesPoint[]> {
  const { rows } = await db.query<{ t: Date; values: Record<string, string | null>; rates: Array<Record<string, StoredRate> | null> }>(
    `${pickedTimesSql('sync')}, latest AS (
       SELECT p.k, p.t, v.id, v.display_rates, v.taken_at FROM picked p CROSS JOIN acc CROSS JOIN LATERAL (
         SELECT id, display_rates, taken_at FROM snapshots WHERE account_id = acc.id AND source = 'sync' AND taken_at <= p.t ORDER BY taken_at DESC, id DESC LIMIT 1
       ) v
     ), items AS (
       -- Each kept snapshot's items by its primary key; OFFSET 0 keeps the planner from turning
       -- this into a scan of every snapshot's items (a year of 40 assets is 700,000 rows).
       SELECT l.k, x.asset, sum(x.v) AS v FROM latest l CROSS JOIN LATERAL (
         SELECT si.asset, si.quantity * si.price AS v FROM snapshot_items si WHERE si.snapshot_id = l.id OFFSET 0
       ) x GROUP BY l.k, x.asset
     ), per_point AS (
       SELECT k, jsonb_object_agg(asset, v::text) AS values FROM items GROUP BY k
     ), rates AS (
       SELECT k, t, array_agg(display_rates ORDER BY taken_at DESC) AS rates FROM latest GROUP BY k, t
     )
     SELECT r.t, COALESCE(pp.values, '{}'::jsonb) AS values, r.rates FROM rates r LEFT JOIN per_point pp ON pp.k = r.k ORDER BY r.k`,
    pointsParams(opts));
  return rows.map((r) => {
    const values: Record<string, string | null> = {};
    for (const [asset, v] of Object.entries(r.values)) values[asset] = v === null ? null : dec(v).toString();
    return { t: r.t.toISOString(), values, rates: mergePointRates(r.rates, r.t) };
  });
}
