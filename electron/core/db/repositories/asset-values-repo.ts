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
       SELECT l.k, si.asset, sum(si.quantity * si.price) AS v FROM latest l JOIN snapshot_items si ON si.snapshot_id = l.id GROUP BY l.k, si.asset
     )
     SELECT l.t, COALESCE((SELECT jsonb_object_agg(i.asset, i.v::text) FROM items i WHERE i.k = l.k), '{}'::jsonb) AS values,
            array_agg(l.display_rates ORDER BY l.taken_at DESC) AS rates
     FROM latest l GROUP BY l.k, l.t ORDER BY l.k`,
    pointsParams(opts));
  return rows.map((r) => {
    const values: Record<string, string | null> = {};
    for (const [asset, v] of Object.entries(r.values)) values[asset] = v === null ? null : dec(v).toString();
    return { t: r.t.toISOString(), values, rates: mergePointRates(r.rates, r.t) };
  });
}
