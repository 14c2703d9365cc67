import type { PoolClient } from 'pg';
import { loadAccountRecords } from '../db/repositories/flows-repo.js';
import { writeReconciliation } from '../db/repositories/reconciliation-repo.js';
import type { BalanceRow } from '../exchange/types.js';
import type { CostFill } from '../portfolio/cost-basis.js';
import { dec, ZERO, type Dec } from '../portfolio/decimal.js';
import { accountFlows, type FlowRules } from '../portfolio/flows.js';
import { reconcile } from '../portfolio/reconcile.js';

/** Each asset's balance summed over every wallet the sync read (Earn included). */
export function balanceTotals(balances: readonly BalanceRow[]): Map<string, Dec> {
  const out = new Map<string, Dec>();
  for (const b of balances) out.set(b.asset, (out.get(b.asset) ?? ZERO).plus(dec(b.quantity)));
  return out;
}

/**
 * Compares, per asset, the balances this sync read with every flow stored for the
 * account, and stores the result. Runs in the sync's transaction after its history is
 * written, so it sees exactly what this sync leaves behind.
 */
export async function reconcileAccount(db: PoolClient, accountId: number, input: {
  balances: readonly BalanceRow[];
  /** Every spot fill of the account after this sync (the sync holds them already). */
  spotFills: readonly CostFill[];
  accountMode: string | null;
  warnings: readonly string[];
  at: Date;
  /** What the exchange's records mean (flowRulesFor the account's exchange). */
  rules: FlowRules;
}): Promise<void> {
  const stored = await loadAccountRecords(db, accountId, { spotFills: input.spotFills, summed: true });
  const unified = input.accountMode === null ? stored.unified : input.accountMode === 'unified';
  const rows = reconcile(balanceTotals(input.balances), accountFlows({ ...stored, unified }, input.rules), { warnings: input.warnings, historyReach: input.rules.historyReach });
  await writeReconciliation(db, accountId, rows, stored.historyStart, input.at);
}
