import type { Pool, PoolClient } from 'pg';
import { readSpotFills } from '../db/repositories/read-repo.js';
import { computeCostBasis, type CostBasis, type CostFill } from '../portfolio/cost-basis.js';

export interface StoredBasis {
  fills: CostFill[];
  basis: Map<string, CostBasis>;
}

/** Stored fills and their cost basis per account, reused while no fill was added. */
export interface BasisCache {
  load(db: Pool | PoolClient, accountId: number): Promise<StoredBasis>;
}

/**
 * Fills are append-only, so (count, newest row id) identifies an account's set of
 * fills: while it is unchanged, a sync reuses the parsed fills and their basis instead
 * of reading and recomputing 2,000 of them (tens of ms of CPU in a running app).
 */
export function createBasisCache(): BasisCache {
  const cache = new Map<number, { signature: string; stored: StoredBasis }>();
  return {
    async load(db, accountId) {
      const { rows } = await db.query<{ n: number; m: string | null }>(
        "SELECT count(*)::int AS n, max(id)::text AS m FROM fills WHERE account_id = $1 AND category = 'spot'", [accountId]);
      const signature = `${rows[0]?.n ?? 0}:${rows[0]?.m ?? ''}`;
      const hit = cache.get(accountId);
      if (hit && hit.signature === signature) return hit.stored;
      const fills = await readSpotFills(db, accountId);
      const stored = { fills, basis: computeCostBasis(fills) };
      cache.set(accountId, { signature, stored });
      return stored;
    },
  };
}
