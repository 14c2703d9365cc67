import type { BalanceRow, ExchangeAccountClient } from '../exchange/types.js';
import { DAY_MS, dayOf, flowsOfFills, reconstructDaily, type BackfillPoint } from '../portfolio/backfill.js';
import type { CostFill } from '../portfolio/cost-basis.js';
import { dec, ZERO, type Dec } from '../portfolio/decimal.js';

/**
 * Two years of net value on the first sync, instead of a single dot: each day from the
 * first imported trade up to the day before the first measured point, reconstructed from
 * today's balances and the trades, valued at daily closes (one request per asset).
 * Null when the exchange has no daily prices (no backfill for it).
 */
export async function reconstructHistory(client: ExchangeAccountClient, input: {
  balances: readonly BalanceRow[];
  fills: readonly CostFill[];
  now: Date;
  firstSyncAt: Date | null;
  signal: AbortSignal;
}): Promise<BackfillPoint[] | null> {
  if (!client.dailyCloses) return null;
  const flows = flowsOfFills(input.fills);
  if (flows.length === 0) return [];
  const firstDay = dayOf(Math.min(...flows.map((f) => f.at.getTime())));
  const lastDay = dayOf((input.firstSyncAt ?? input.now).getTime()) - DAY_MS;
  if (lastDay < firstDay) return [];
  const current = new Map<string, Dec>();
  for (const b of input.balances) current.set(b.asset, (current.get(b.asset) ?? ZERO).plus(dec(b.quantity)));
  const assets = new Set([...current.keys(), ...flows.map((f) => f.asset)]);
  assets.delete('USDT');
  const raw = await client.dailyCloses([...assets].sort(), firstDay, lastDay, input.signal);
  const closes = new Map([...raw].map(([asset, byDay]) => [asset, new Map([...byDay].map(([day, close]) => [day, dec(close)]))]));
  return reconstructDaily({ current, flows, closes, firstDay, lastDay });
}
