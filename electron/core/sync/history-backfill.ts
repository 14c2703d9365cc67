import type { BalanceRow, ExchangeAccountClient } from '../exchange/types.js';
import type { StoredRates } from '../portfolio/display-rates.js';
import { DAY_MS, dayOf, reconstructDaily, type BackfillPoint } from '../portfolio/backfill.js';
import { costBasisAt, type CostConvert, type CostFill, type CostTransfer, type DepositCostBasis } from '../portfolio/cost-basis.js';
import { dec } from '../portfolio/decimal.js';
import { accountFlows, type AccountRecords, type FlowRules } from '../portfolio/flows.js';
import { balanceTotals } from './reconciliation.js';

/**
 * Two years of net value on the first sync, instead of a single dot: each day from the
 * oldest record up to the day before the first measured point, reconstructed from
 * today's balances and every flow (trades, deposits, withdrawals, transfers, converts,
 * derivative settlement), valued at daily closes (one request per asset). A coin
 * deposited 30 days ago was not held before it. Each day's holdings are costed by the
 * books (the sync's own fills, transfers and converts, under its deposit policy) as they
 * stood at that day's end, and each day carries that day's display rates (the conversion
 * pairs' closes), as a sync's snapshot carries its own. Null when the exchange has no
 * daily prices (no backfill for it).
 */
export async function reconstructHistory(client: ExchangeAccountClient, input: {
  balances: readonly BalanceRow[];
  records: AccountRecords;
  rules: FlowRules;
  now: Date;
  firstSyncAt: Date | null;
  books: { fills: readonly CostFill[]; transfers: readonly CostTransfer[]; converts: readonly CostConvert[]; policy: DepositCostBasis };
  signal: AbortSignal;
}): Promise<Array<BackfillPoint & { rates: StoredRates }> | null> {
  if (!client.dailyCloses) return null;
  const { flows } = accountFlows(input.records, input.rules);
  if (flows.length === 0) return [];
  // A loop, not Math.min(...): two years of records can exceed the argument limit.
  const firstDay = dayOf(flows.reduce((min, f) => Math.min(min, f.at.getTime()), Infinity));
  const lastDay = dayOf((input.firstSyncAt ?? input.now).getTime()) - DAY_MS;
  if (lastDay < firstDay) return [];
  const current = balanceTotals(input.balances);
  const assets = new Set([...current.keys(), ...flows.map((f) => f.asset)]);
  assets.delete('USDT');
  const { byAsset: raw, rates } = await client.dailyCloses([...assets].sort(), firstDay, lastDay, input.signal);
  const closes = new Map([...raw].map(([asset, byDay]) => [asset, new Map([...byDay].map(([day, close]) => [day, dec(close)]))]));
  const days: number[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) days.push(day);
  const { fills, transfers, converts, policy } = input.books;
  const atDayEnd = costBasisAt(fills, transfers, policy, days.map((day) => day + DAY_MS), converts);
  const books = new Map(days.map((day, i) => [day, atDayEnd[i]!]));
  return reconstructDaily({ current, flows, closes, firstDay, lastDay, books }).map((p) => ({ ...p, rates: rates.get(p.day) ?? {} }));
}
