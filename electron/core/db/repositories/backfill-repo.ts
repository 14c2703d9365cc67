import type { Pool, PoolClient } from 'pg';
import type { BackfillPoint } from '../../portfolio/backfill.js';
import { DAY_MS } from '../../portfolio/backfill.js';
import type { StoredRates } from '../../portfolio/display-rates.js';

/** Whether an account's history still needs reconstructing, and where measured points begin. */
export interface BackfillState {
  done: boolean;
  /** The first point a sync measured; the reconstruction stops the day before it. */
  firstSyncAt: Date | null;
}

export async function readBackfillState(db: Pool | PoolClient, accountId: number): Promise<BackfillState> {
  const { rows } = await db.query<{ backfilled_at: Date | null; first_sync: Date | null }>(
    `SELECT backfilled_at, (SELECT min(taken_at) FROM snapshots WHERE account_id = $1 AND source = 'sync') AS first_sync FROM accounts WHERE id = $1`, [accountId]);
  return { done: rows[0]?.backfilled_at != null, firstSyncAt: rows[0]?.first_sync ?? null };
}

/**
 * Replaces the account's reconstructed points (in the caller's transaction). Each day's
 * point stands at the last second of that UTC day: the value at its close, with the
 * display rates of that day's close where known.
 */
export async function writeBackfill(db: PoolClient, accountId: number, points: ReadonlyArray<BackfillPoint & { rates?: StoredRates }>, at: Date): Promise<void> {
  await db.query("DELETE FROM snapshots WHERE account_id = $1 AND source = 'backfill'", [accountId]);
  if (points.length > 0) {
    await db.query(
      `INSERT INTO snapshots (account_id, taken_at, quote, total_value, unpriced_assets, source, estimated, display_rates)
       SELECT $1, t, 'USDT', v, 0, 'backfill', e, r FROM unnest($2::timestamptz[], $3::numeric[], $4::boolean[], $5::jsonb[]) AS p(t, v, e, r)`,
      [accountId, points.map((p) => new Date(p.day + DAY_MS - 1000)), points.map((p) => p.value.toString()), points.map((p) => p.estimated),
        points.map((p) => JSON.stringify(p.rates ?? {}))]);
  }
  await db.query('UPDATE accounts SET backfilled_at = $2 WHERE id = $1', [accountId, at]);
}
