import type { Pool, PoolClient } from 'pg';
import type { BackfillPoint } from '../../portfolio/backfill.js';
import { DAY_MS } from '../../portfolio/backfill.js';
import type { DepositCostBasis } from '../../portfolio/cost-basis.js';
import { str } from '../../portfolio/decimal.js';
import type { StoredRates } from '../../portfolio/display-rates.js';

/** Whether an account's history still needs reconstructing, and where measured points begin. */
export interface BackfillState {
  done: boolean;
  /** The first point a sync measured; the reconstruction stops the day before it. */
  firstSyncAt: Date | null;
}

/**
 * Done once reconstructed, unless its points were costed under another deposit policy
 * than `policy`, or before costs were recorded: their cost is then worked out again.
 */
export async function readBackfillState(db: Pool | PoolClient, accountId: number, policy: DepositCostBasis): Promise<BackfillState> {
  const { rows } = await db.query<{ backfilled_at: Date | null; first_sync: Date | null; stale: boolean }>(
    `SELECT backfilled_at, (SELECT min(taken_at) FROM snapshots WHERE account_id = $1 AND source = 'sync') AS first_sync,
            EXISTS (SELECT 1 FROM snapshots WHERE account_id = $1 AND source = 'backfill' AND cost_policy IS DISTINCT FROM $2) AS stale
     FROM accounts WHERE id = $1`, [accountId, policy]);
  const r = rows[0];
  return { done: r?.backfilled_at != null && !r.stale, firstSyncAt: r?.first_sync ?? null };
}

/**
 * Replaces the account's reconstructed points (in the caller's transaction). Each day's
 * point stands at the last second of that UTC day: the value at its close, what was held
 * then (one item per coin, as a sync's snapshot has), its cost under `policy`, and the
 * display rates of that day's close where known.
 */
export async function writeBackfill(db: PoolClient, accountId: number, points: ReadonlyArray<BackfillPoint & { rates?: StoredRates }>, at: Date, policy: DepositCostBasis): Promise<void> {
  await db.query("DELETE FROM snapshots WHERE account_id = $1 AND source = 'backfill'", [accountId]);
  if (points.length > 0) {
    const stamp = (p: BackfillPoint) => new Date(p.day + DAY_MS - 1000);
    const { rows } = await db.query<{ id: string; t: Date }>(
      `INSERT INTO snapshots (account_id, taken_at, quote, total_value, unpriced_assets, source, estimated, cost_basis, costed_value, cost_partial, cost_policy, display_rates)
       SELECT $1, t, 'USDT', v, u, 'backfill', e, c, cv, cp, $9, r
       FROM unnest($2::timestamptz[], $3::numeric[], $4::int[], $5::boolean[], $6::numeric[], $7::numeric[], $8::boolean[], $10::jsonb[]) AS p(t, v, u, e, c, cv, cp, r)
       RETURNING id, taken_at AS t`,
      [accountId, points.map(stamp), points.map((p) => p.value.toString()), points.map((p) => p.held.filter((h) => h.price === null).length),
        points.map((p) => p.estimated), points.map((p) => str(p.cost.cost)), points.map((p) => str(p.cost.costedValue)), points.map((p) => p.cost.partial), policy,
        points.map((p) => JSON.stringify(p.rates ?? {}))]);
    // One point a day, so the time names the snapshot.
    const idAt = new Map(rows.map((r) => [r.t.getTime(), r.id]));
    const items = points.flatMap((p) => p.held.map((h) => ({ id: idAt.get(stamp(p).getTime())!, h, c: p.cost.byAsset.get(h.asset) ?? null })));
    await db.query(
      `INSERT INTO snapshot_items (snapshot_id, asset, quantity, price, value, costed_quantity, cost_basis)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[])`,
      [items.map((x) => x.id), items.map((x) => x.h.asset), items.map((x) => x.h.quantity.toString()), items.map((x) => str(x.h.price)),
        items.map((x) => str(x.h.price === null ? null : x.h.quantity.times(x.h.price))), items.map((x) => str(x.c?.costedQuantity ?? null)), items.map((x) => str(x.c?.cost ?? null))]);
  }
  await db.query('UPDATE accounts SET backfilled_at = $2 WHERE id = $1', [accountId, at]);
}
