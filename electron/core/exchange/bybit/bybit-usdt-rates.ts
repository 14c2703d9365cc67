import { isCash } from '../../portfolio/cost-basis.js';
import type { FillRow, SpotMarket } from '../types.js';
import type { BybitApi } from './bybit-api.js';
import { klineSchema } from './bybit-schemas.js';

const MINUTE = 60_000;
/** Bybit answers at most 1,000 candles per kline request. */
export const MAX_CANDLES_PER_REQUEST = 1000;

/** One kline request: every 1-minute candle from `start` to `end` (inclusive, ms). */
export interface MinuteBatch {
  start: number;
  end: number;
}

/**
 * Groups the minutes a coin is needed at into as few kline requests as possible: each
 * request covers up to 1,000 consecutive minutes starting at the earliest minute not yet
 * covered. Fills cluster in time (a trading session), so a burst of trades costs one
 * request, and a fill alone costs one request of one candle.
 */
export function planMinuteBatches(times: readonly number[], maxCandles = MAX_CANDLES_PER_REQUEST): MinuteBatch[] {
  const minutes = [...new Set(times.map((t) => Math.floor(t / MINUTE) * MINUTE))].sort((a, b) => a - b);
  const batches: MinuteBatch[] = [];
  for (const m of minutes) {
    const last = batches[batches.length - 1];
    if (last && m < last.start + maxCandles * MINUTE) last.end = m + MINUTE - 1;
    else batches.push({ start: m, end: m + MINUTE - 1 });
  }
  return batches;
}

/**
 * Cross pairs and fees in a third coin need that coin's USDT price at the fill's time:
 * the close of the fill's own 1-minute candle, for every fill. A daily figure would move
 * the average entry by the day's range (1% and more on a volatile day). Where there is no
 * USDT market, or no candle for that minute, the rate stays null and the cost basis says
 * "partial" rather than guessing.
 */
export async function attachUsdtRates(api: BybitApi, fills: FillRow[], markets: ReadonlyMap<string, SpotMarket>): Promise<void> {
  const needs = (asset: string | null, f: FillRow): asset is string => asset !== null && asset !== 'USDT' && !isCash(asset) && asset !== f.base;
  const feeCoin = (f: FillRow) => (f.feeCurrency !== f.quote ? f.feeCurrency : null);
  const wanted = new Map<string, number[]>();
  for (const f of fills) {
    for (const asset of [f.quote, feeCoin(f)]) {
      if (needs(asset, f) && markets.has(`${asset}USDT`)) wanted.set(asset, [...(wanted.get(asset) ?? []), f.executedAt.getTime()]);
    }
  }
  const rate = await fetchUsdtRates(api, wanted);
  for (const f of fills) {
    const t = f.executedAt.getTime();
    if (needs(f.quote, f)) f.quoteUsdtRate = rate(f.quote, t);
    const fee = feeCoin(f);
    if (needs(fee, f)) f.feeUsdtRate = rate(fee, t);
  }
}

/**
 * The USDT price at given instants of each asset (its `${asset}USDT` market must exist):
 * the close of each instant's 1-minute candle, nearby minutes fetched together.
 */
export async function fetchUsdtRates(api: BybitApi, wanted: ReadonlyMap<string, number[]>): Promise<(asset: string, t: number) => string | null> {
  const closes = new Map<string, Map<number, string>>();
  await Promise.all([...wanted].map(async ([asset, times]) => {
    closes.set(asset, await minuteCloses(api, asset, planMinuteBatches(times)));
  }));
  return (asset, t) => closes.get(asset)?.get(Math.floor(t / MINUTE) * MINUTE) ?? null;
}

async function minuteCloses(api: BybitApi, asset: string, batches: MinuteBatch[]): Promise<Map<number, string>> {
  const byMinute = new Map<number, string>();
  await Promise.all(batches.map(async ({ start, end }) => {
    const limit = Math.round((end + 1 - start) / MINUTE);
    const { result } = await api.publicGet('v5/market/kline', { category: 'spot', symbol: `${asset}USDT`, interval: '1', start, end, limit }, klineSchema, `the ${asset} price history`);
    for (const c of result.list) {
      const close = c[4];
      if (close) byMinute.set(Number(c[0]), close);
    }
  }));
  return byMinute;
}
