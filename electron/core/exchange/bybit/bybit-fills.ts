import type { FillRow, FillsState, SpotMarket } from '../types.js';
import type { BybitApi } from './bybit-api.js';
import { executionListSchema, type BybitExecution } from './bybit-schemas.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Bybit keeps two years of executions on UTA; stay an hour inside so the edge is never refused. */
export const HISTORY_MS = 730 * DAY - 60 * MINUTE;
/** `/v5/execution/list` refuses a window longer than seven days. */
export const WINDOW_MS = 7 * DAY;
/** Executions can show up a little late; each incremental import re-reads this much (deduplicated). */
const OVERLAP_MS = 5 * MINUTE;

export interface WindowPlan {
  windows: Array<{ start: number; end: number }>;
  next: FillsState;
  /** Called as each window has been read in full (progress). */
  onWindow?: () => void;
}

/**
 * The windows to ask for: the whole two years on the first sync, newest first (what
 * users look at first), else only what came after the cursor. `cursor` means "covered
 * up to", so a quiet account does not walk its history again. Endpoints with wider
 * windows (deposits: 30 days) pass their own `windowMs`.
 */
export function planWindows(state: FillsState, now: number, windowMs: number = WINDOW_MS): WindowPlan {
  const cold = state.historyStart === null || state.cursor === null;
  const floor = now - HISTORY_MS;
  const from = cold ? floor : Math.max(floor, state.cursor!.getTime() - OVERLAP_MS);
  const windows: Array<{ start: number; end: number }> = [];
  for (let end = now; end > from; end -= windowMs) windows.push({ start: Math.max(from, end - windowMs), end });
  if (windows.length === 0) windows.push({ start: from, end: now });
  return { windows, next: { cursor: new Date(now), historyStart: cold ? new Date(floor) : state.historyStart } };
}

/** Fetches every page of every window; the API's gate paces them at Bybit's rate. */
export async function fetchSpotExecutions(api: BybitApi, plan: WindowPlan): Promise<BybitExecution[]> {
  const perWindow = await Promise.all(plan.windows.map(async ({ start, end }) => {
    const rows: BybitExecution[] = [];
    let cursor = '';
    do {
      const params: Record<string, string | number> = { category: 'spot', startTime: start, endTime: end, limit: 100 };
      if (cursor) params.cursor = cursor;
      const { result } = await api.privateGet('v5/execution/list', params, executionListSchema, 'the trade history');
      rows.push(...result.list);
      cursor = result.nextPageCursor ?? '';
    } while (cursor);
    plan.onWindow?.();
    return rows;
  }));
  const seen = new Set<string>();
  return perWindow.flat().filter((e) => (e.execType === undefined || e.execType === 'Trade') && !seen.has(e.execId) && seen.add(e.execId));
}

const KNOWN_QUOTES = ['USDT', 'USDC', 'USDE', 'FDUSD', 'DAI', 'EUR', 'BRL', 'BTC', 'ETH', 'MNT'];

/** base/quote of a spot symbol from the markets, or by its quote suffix for a delisted pair. */
export function splitSymbol(symbol: string, markets: ReadonlyMap<string, SpotMarket>): { base: string; quote: string } | null {
  const m = markets.get(symbol);
  if (m) return { base: m.base, quote: m.quote };
  const quote = KNOWN_QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  return quote ? { base: symbol.slice(0, -quote.length), quote } : null;
}

export function toFillRow(e: BybitExecution, markets: ReadonlyMap<string, SpotMarket>): FillRow | null {
  const pair = splitSymbol(e.symbol, markets);
  if (!pair) return null;
  const side = e.side === 'Buy' ? 'buy' : 'sell';
  // Older answers have no feeCurrency: Bybit spot charged buys in the base, sells in the quote.
  const feeCurrency = e.feeCurrency || (side === 'buy' ? pair.base : pair.quote);
  const fee = e.execFee && e.execFee !== '' ? e.execFee : null;
  return {
    fillId: e.execId, orderId: e.orderId || null, category: 'spot', symbol: e.symbol, base: pair.base, quote: pair.quote,
    side, price: e.execPrice, quantity: e.execQty, fee, feeCurrency: fee === null ? null : feeCurrency,
    feeUsdtRate: null, quoteUsdtRate: null, executedAt: new Date(Number(e.execTime)),
  };
}
