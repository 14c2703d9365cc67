import type { Pool, PoolClient } from 'pg';
import type { CashFlowRow } from '../../exchange/history-types.js';
import type { CostTransfer } from '../../portfolio/cost-basis.js';
import { dec, decOrNull } from '../../portfolio/decimal.js';
import type { FlowRules } from '../../portfolio/flows.js';

/**
 * Whether a cash flow belongs in the cost basis, and as what: a deposit once credited, a
 * withdrawal unless undone (the balance leaves when it is requested), by the exchange's
 * statuses as stored (`rules`, as the reconciliation reads them).
 */
export function transferOf(f: Pick<CashFlowRow, 'kind' | 'flowId' | 'asset' | 'amount' | 'fee' | 'status' | 'occurredAt' | 'usdtRate'>, rules: FlowRules): CostTransfer | null {
  if (f.kind === 'deposit' && rules.depositCredited(f.status)) {
    return { id: `deposit:${f.flowId}`, executedAt: f.occurredAt, kind: 'deposit', asset: f.asset, quantity: dec(f.amount), usdtRate: decOrNull(f.usdtRate ?? null) };
  }
  if (f.kind === 'withdrawal' && rules.withdrawalLeft(f.status)) {
    // The fee leaves the account with the amount.
    const quantity = dec(f.amount).plus(decOrNull(f.fee) ?? 0);
    return { id: `withdrawal:${f.flowId}`, executedAt: f.occurredAt, kind: 'withdrawal', asset: f.asset, quantity, usdtRate: null };
  }
  return null;
}

/** The account's stored deposits and withdrawals that count, for the cost basis. */
export async function readCostTransfers(db: Pool | PoolClient, accountId: number, rules: FlowRules): Promise<CostTransfer[]> {
  const { rows } = await db.query<{ kind: string; flow_id: string; asset: string; amount: string; fee: string | null; status: string | null; occurred_at: Date; usdt_rate: string | null }>(
    `SELECT kind, flow_id, asset, amount::text, fee::text, status, occurred_at, usdt_rate::text FROM cash_flows
     WHERE account_id = $1 AND kind IN ('deposit', 'withdrawal') ORDER BY occurred_at, id`, [accountId]);
  return rows.flatMap((r) => transferOf({
    kind: r.kind as CashFlowRow['kind'], flowId: r.flow_id, asset: r.asset, amount: r.amount, fee: r.fee, status: r.status, occurredAt: r.occurred_at, usdtRate: r.usdt_rate,
  }, rules) ?? []);
}
