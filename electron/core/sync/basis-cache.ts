import type { Pool, PoolClient } from 'pg';
import { readBookings, type FillBooking } from '../db/repositories/fills-repo.js';
import { readSpotFills } from '../db/repositories/read-repo.js';
import { computeCostBooks, type CostBasis, type CostFill, type CostTransfer, type DepositCostBasis, type FillOutcome } from '../portfolio/cost-basis.js';
import { readCostTransfers } from '../db/repositories/cost-transfers-repo.js';
import { dec, str } from '../portfolio/decimal.js';
import type { FlowRules } from '../portfolio/flows.js';

export interface StoredBasis {
  fills: CostFill[];
  /** Deposits and withdrawals that moved the balance, in the same books. */
  transfers: CostTransfer[];
  /** The deposit policy the books were computed under. */
  policy: DepositCostBasis;
  basis: Map<string, CostBasis>;
  /** Realised P&L and fee of every stored fill, as the books work them out now. */
  outcomes: Map<string, FillOutcome>;
  /** What the database holds of those figures (fills never booked are absent). */
  bookings: Map<string, FillBooking>;
}

/** Stored fills and their cost basis per account, reused while no fill was added. */
export interface BasisCache {
  /** `rules`: which of the account's deposits and withdrawals moved the balance (its exchange's). */
  load(db: Pool | PoolClient, accountId: number, policy: DepositCostBasis, rules: FlowRules): Promise<StoredBasis>;
  /** Drops an account's entry after its stored figures changed. */
  forget(accountId: number): void;
}

/**
 * Fills are append-only, so (count, newest row id) identifies an account's set of
 * fills: while it is unchanged, a sync reuses the parsed fills and their basis instead
 * of reading and recomputing 2,000 of them (tens of ms of CPU in a running app).
 */
export function createBasisCache(): BasisCache {
  const cache = new Map<number, { signature: string; stored: StoredBasis }>();
  return {
    async load(db, accountId, policy, rules) {
      // Cash flows are re-read within an overlap and may change status: their newest
      // change counts, not just their number.
      const { rows } = await db.query<{ n: number; m: string | null; t: string | null }>(
        `SELECT count(*)::int AS n, max(id)::text AS m,
                (SELECT count(*) || ':' || coalesce(md5(string_agg(id || '=' || coalesce(status, ''), ',' ORDER BY id)), '') FROM cash_flows WHERE account_id = $1 AND kind IN ('deposit', 'withdrawal')) AS t
         FROM fills WHERE account_id = $1 AND category = 'spot'`, [accountId]);
      const signature = `${rows[0]?.n ?? 0}:${rows[0]?.m ?? ''}:${rows[0]?.t ?? ''}:${policy}`;
      const hit = cache.get(accountId);
      if (hit && hit.signature === signature) return hit.stored;
      // One connection runs one query at a time: in turn, not at once.
      const fills = await readSpotFills(db, accountId);
      const bookings = await readBookings(db, accountId);
      const transfers = await readCostTransfers(db, accountId, rules);
      const stored = { fills, bookings, transfers, policy, ...computeCostBooks(fills, transfers, policy) };
      cache.set(accountId, { signature, stored });
      return stored;
    },
    forget(accountId) {
      cache.delete(accountId);
    },
  };
}

/**
 * The fills whose realised P&L or fee differs from what is stored (or was never
 * stored): new fills, and older ones whose figures moved because a fill arrived late
 * or the method changed. Usually just the new fills.
 */
export function changedBookings(outcomes: ReadonlyMap<string, FillOutcome>, stored: ReadonlyMap<string, FillBooking>, policy: DepositCostBasis): FillBooking[] {
  const same = (a: string | null, b: FillOutcome['feeUsdt']) => (a === null || b === null ? a === null && b === null : dec(a).eq(b));
  const changed: FillBooking[] = [];
  for (const o of outcomes.values()) {
    const s = stored.get(o.id);
    if (s && s.costPolicy === policy && same(s.feeUsdt, o.feeUsdt) && same(s.realisedPnl, o.realisedPnl)) continue;
    changed.push({ fillId: o.id, feeUsdt: str(o.feeUsdt), realisedPnl: str(o.realisedPnl), costPolicy: policy });
  }
  return changed;
}
