import type { BalanceRow, ExchangeAccountClient } from '../exchange/types.js';
import { DAY_MS, dayOf, reconstructDaily, type BackfillPoint } from '../portfolio/backfill.js';
import { dec } from '../portfolio/decimal.js';
import { accountFlows, type AccountRecords, type FlowRules } from '../portfolio/flows.js';
import { balanceTotals } from './reconciliation.js';

/**
 * Two years of net value on the first sync, instead of a single dot: each day from the
 * oldest record up to the day before the first measured point, reconstructed from
 * today's balances and every flow (trades, deposits, withdrawals, transfers, converts,
 * derivative settlement), valued at daily closes (one request per asset). A coin
 * deposited 30 days ago was not held before it. Null when the exchange has no daily
 * prices (no backfill for it).
 */
export async function reconstructHistory(client: ExchangeAccountClient, input: {
  balances: readonly BalanceRow[];
  records: AccountRecords;
  rules: FlowRules;
  now: Date;
  firstSyncAt: Date | null;
  signal: AbortSignal;
}): Promise<BackfillPoint[] | null> {
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
  const raw = await client.dailyCloses([...assets].sort(), firstDay, lastDay, input.signal);
  const closes = new Map([...raw].map(([asset, byDay]) => [asset, new Map([...byDay].map(([day, close]) => [day, dec(close)]))]));
  return reconstructDaily({ current, flows, closes, firstDay, lastDay });
}
