import type { Pool, PoolClient } from 'pg';
import { readBookings, readConvertBookings, type ConvertBooking, type FillBooking } from '../db/repositories/fills-repo.js';
import { readSpotFills } from '../db/repositories/read-repo.js';
import { computeCostBooks, type ConvertOutcome, type CostBasis, type CostFill, type DepositCostBasis, type FillOutcome } from '../portfolio/cost-basis.js';
import { COST_FLOW_KINDS, costMovesOf, readCostFlows, type CostFlowRow } from '../db/repositories/cost-transfers-repo.js';
import { dec, str, type Dec } from '../portfolio/decimal.js';
import type { FlowRules } from '../portfolio/flows.js';

export interface StoredBasis {
  fills: CostFill[];
  /** Deposits, withdrawals, universal transfers and converts, as stored: the same books read them. */
  flows: CostFlowRow[];
  /** The deposit policy the books were computed under. */
  policy: DepositCostBasis;
  basis: Map<string, CostBasis>;
  /** Realised P&L and fee of every stored fill, as the books work them out now. */
  outcomes: Map<string, FillOutcome>;
  /** Realised P&L of every stored convert, by its id. */
  convertOutcomes: Map<string, ConvertOutcome>;
  /** What the database holds of those figures (fills never booked are absent). */
  bookings: Map<string, FillBooking>;
  /** The same for converts. */
  convertBookings: Map<string, ConvertBooking>;
}

/** Stored fills and their cost basis per account, reused while no fill was added. */
export interface BasisCache {
  /**
   * `rules`: which of the account's deposits, withdrawals and transfers moved the balance
   * (its exchange's); `rulesKey` tells rules apart that place transfers differently (the
   * account's own id they know), so books made under other rules are not reused.
   */
  load(db: Pool | PoolClient, accountId: number, policy: DepositCostBasis, rules: FlowRules, rulesKey?: string): Promise<StoredBasis>;
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
    async load(db, accountId, policy, rules, rulesKey = '') {
      // Cash flows are re-read within an overlap and may change status (or gain a rate
      // they lacked): their newest change counts, not just their number.
      const { rows } = await db.query<{ n: number; m: string | null; t: string | null }>(
        `SELECT count(*)::int AS n, max(id)::text AS m,
                (SELECT count(*) || ':' || coalesce(md5(string_agg(id || '=' || coalesce(status, '') || (usdt_rate IS NULL)::text || (counter_usdt_rate IS NULL)::text, ',' ORDER BY id)), '') FROM cash_flows WHERE account_id = $1 AND kind = ANY($2)) AS t
         FROM fills WHERE account_id = $1 AND category = 'spot'`, [accountId, COST_FLOW_KINDS]);
      const signature = `${rows[0]?.n ?? 0}:${rows[0]?.m ?? ''}:${rows[0]?.t ?? ''}:${policy}:${rulesKey}`;
      const hit = cache.get(accountId);
      if (hit && hit.signature === signature) return hit.stored;
      // One connection runs one query at a time: in turn, not at once.
      const fills = await readSpotFills(db, accountId);
      const bookings = await readBookings(db, accountId);
      const convertBookings = await readConvertBookings(db, accountId);
      const flows = await readCostFlows(db, accountId);
      const stored = { fills, bookings, convertBookings, flows, policy, ...booksOf(fills, flows, policy, rules) };
      cache.set(accountId, { signature, stored });
      return stored;
    },
    forget(accountId) {
      cache.delete(accountId);
    },
  };
}

/** The books of an account's fills and cost flows under a policy, read by its exchange's rules. */
export function booksOf(fills: readonly CostFill[], flows: readonly CostFlowRow[], policy: DepositCostBasis, rules: FlowRules) {
  const { transfers, converts } = costMovesOf(flows, rules);
  return computeCostBooks(fills, transfers, policy, converts);
}

const same = (a: string | null, b: Dec | null) => (a === null || b === null ? a === null && b === null : dec(a).eq(b));

/**
 * The fills whose realised P&L or fee differs from what is stored (or was never
 * stored): new fills, and older ones whose figures moved because a fill arrived late
 * or the method changed. Usually just the new fills.
 */
export function changedBookings(outcomes: ReadonlyMap<string, FillOutcome>, stored: ReadonlyMap<string, FillBooking>, policy: DepositCostBasis): FillBooking[] {
  const changed: FillBooking[] = [];
  for (const o of outcomes.values()) {
    const s = stored.get(o.id);
    if (s && s.costPolicy === policy && same(s.feeUsdt, o.feeUsdt) && same(s.realisedPnl, o.realisedPnl)) continue;
    changed.push({ fillId: o.id, feeUsdt: str(o.feeUsdt), realisedPnl: str(o.realisedPnl), costPolicy: policy });
  }
  return changed;
}

/** The converts whose realised P&L differs from what is stored, or was never stored. */
export function changedConvertBookings(outcomes: ReadonlyMap<string, ConvertOutcome>, stored: ReadonlyMap<string, ConvertBooking>, policy: DepositCostBasis): ConvertBooking[] {
  const changed: ConvertBooking[] = [];
  for (const o of outcomes.values()) {
    const s = stored.get(o.id);
    if (s && s.costPolicy === policy && same(s.realisedPnl, o.realisedPnl)) continue;
    changed.push({ flowId: o.id, realisedPnl: str(o.realisedPnl), costPolicy: policy });
  }
  return changed;
}
