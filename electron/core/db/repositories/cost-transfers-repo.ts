import type { Pool, PoolClient } from 'pg';
import type { CashFlowRow } from '../../exchange/history-types.js';
import type { CostConvert, CostTransfer } from '../../portfolio/cost-basis.js';
import { dec, decOrNull } from '../../portfolio/decimal.js';
import type { FlowRules } from '../../portfolio/flows.js';

/** The cash-flow kinds that enter the cost basis; internal transfers stay between the account's own wallets. */
export const COST_FLOW_KINDS: readonly CashFlowRow['kind'][] = ['deposit', 'withdrawal', 'universal-transfer', 'convert'];

/** What the cost basis reads of a stored cash flow. */
export type CostFlowRow = Pick<CashFlowRow, 'kind' | 'flowId' | 'asset' | 'amount' | 'fee' | 'counterAsset' | 'counterAmount' | 'status' | 'rawType' | 'occurredAt' | 'usdtRate' | 'counterUsdtRate' | 'raw'>;

/** The account's transfers and converts in the cost basis' terms. */
export interface CostMoves {
  transfers: CostTransfer[];
  converts: CostConvert[];
}

/**
 * The cost basis' view of an account's cash flows, read by its exchange's `rules` (as the
 * reconciliation reads them): a deposit once credited, a withdrawal unless undone (the
 * balance leaves when it is requested); a universal transfer in is booked as a deposit,
 * out as a withdrawal, one that moved nothing is left out, and one whose side the records
 * cannot tell is undirected. The sides are told over all of the account's transfers, so
 * pass them all.
 */
export function costMovesOf(flows: readonly CostFlowRow[], rules: FlowRules): CostMoves {
  const sideOf = rules.transferSides(flows);
  const transfers: CostTransfer[] = [];
  const converts: CostConvert[] = [];
  for (const f of flows) {
    const base = { executedAt: f.occurredAt, asset: f.asset, quantity: dec(f.amount) };
    if (f.kind === 'deposit' && rules.depositCredited(f.status)) {
      transfers.push({ ...base, id: `deposit:${f.flowId}`, kind: 'deposit', usdtRate: decOrNull(f.usdtRate ?? null) });
    } else if (f.kind === 'withdrawal' && rules.withdrawalLeft(f.status)) {
      // The fee leaves the account with the amount.
      transfers.push({ ...base, id: `withdrawal:${f.flowId}`, kind: 'withdrawal', quantity: base.quantity.plus(decOrNull(f.fee) ?? 0), usdtRate: null });
    } else if (f.kind === 'universal-transfer') {
      const side = sideOf(f);
      if (side === 0) continue;
      const kind = side === 1 ? 'deposit' : side === -1 ? 'withdrawal' : 'undirected';
      transfers.push({ ...base, id: `transfer:${f.flowId}`, kind, usdtRate: kind === 'deposit' ? decOrNull(f.usdtRate ?? null) : null });
    } else if (f.kind === 'convert' && f.counterAsset !== null && f.counterAmount !== null) {
      converts.push({
        id: f.flowId, executedAt: f.occurredAt, from: f.counterAsset, fromQuantity: dec(f.counterAmount), to: f.asset, toQuantity: base.quantity,
        fromUsdtRate: decOrNull(f.counterUsdtRate ?? null), toUsdtRate: decOrNull(f.usdtRate ?? null),
      });
    }
  }
  return { transfers, converts };
}

/** The account's stored cash flows that the cost basis reads (see {@link COST_FLOW_KINDS}). */
export async function readCostFlows(db: Pool | PoolClient, accountId: number): Promise<CostFlowRow[]> {
  const { rows } = await db.query<{
    kind: CashFlowRow['kind']; flow_id: string; asset: string; amount: string; fee: string | null; counter_asset: string | null; counter_amount: string | null;
    status: string | null; raw_type: string | null; occurred_at: Date; usdt_rate: string | null; counter_usdt_rate: string | null; raw: unknown;
  }>(
    `SELECT kind, flow_id, asset, amount::text, fee::text, counter_asset, counter_amount::text, status, raw_type, occurred_at, usdt_rate::text, counter_usdt_rate::text,
            CASE WHEN kind = 'universal-transfer' THEN raw END AS raw
     FROM cash_flows WHERE account_id = $1 AND kind = ANY($2) ORDER BY occurred_at, id`, [accountId, COST_FLOW_KINDS]);
  return rows.map((r) => ({
    kind: r.kind, flowId: r.flow_id, asset: r.asset, amount: r.amount, fee: r.fee, counterAsset: r.counter_asset, counterAmount: r.counter_amount,
    status: r.status, rawType: r.raw_type, occurredAt: r.occurred_at, usdtRate: r.usdt_rate, counterUsdtRate: r.counter_usdt_rate, raw: r.raw,
  }));
}

/**
 * The stored flows with this sync's fresh ones, as the database will hold them: a record
 * read again replaces the stored one (its status may have moved on) but keeps a stored
 * rate, and takes a fresh one where none was stored. Also says whether anything the
 * books read changed.
 */
export function mergeCostFlows(stored: readonly CostFlowRow[], fresh: readonly CashFlowRow[]): { flows: CostFlowRow[]; changed: boolean } {
  const key = (f: Pick<CashFlowRow, 'kind' | 'flowId'>) => `${f.kind}:${f.flowId}`;
  const byKey = new Map(stored.map((f) => [key(f), f]));
  let changed = false;
  for (const f of fresh) {
    if (!COST_FLOW_KINDS.includes(f.kind)) continue;
    const old = byKey.get(key(f));
    const merged = old === undefined ? f : { ...f, usdtRate: old.usdtRate ?? f.usdtRate ?? null, counterUsdtRate: old.counterUsdtRate ?? f.counterUsdtRate ?? null };
    if (old !== undefined && old.status === merged.status && old.usdtRate === merged.usdtRate && old.counterUsdtRate === merged.counterUsdtRate) continue;
    changed = true;
    byKey.set(key(f), merged);
  }
  return { flows: [...byKey.values()], changed };
}
