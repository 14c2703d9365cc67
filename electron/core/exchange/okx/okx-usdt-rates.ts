import { z } from 'zod';
import { isCash } from '../../portfolio/cost-basis.js';
import type { FillRow, SpotMarket } from '../types.js';
import type { OkxApi } from './okx-api.js';

const MINUTE = 60_000;
/** [ts, open, high, low, close, …] per candle, newest first. */
const candlesSchema = z.array(z.array(z.string()).min(5));

/**
 * Cross pairs (ETH-BTC) and fees in a third coin need that coin's USDT price at the
 * fill's time: the close of the fill's own 1-minute candle from history-candles, which
 * reaches back past the three months of fills. `after` = the next minute with limit 1
 * asks for exactly that candle. No USDT market or no candle: the rate stays null and the
 * cost basis says "partial" rather than guessing.
 */
export async function attachOkxUsdtRates(api: OkxApi, fills: FillRow[], markets: ReadonlyMap<string, SpotMarket>): Promise<void> {
  const needs = (asset: string | null, f: FillRow): asset is string => asset !== null && asset !== 'USDT' && !isCash(asset) && asset !== f.base;
  const feeCoin = (f: FillRow) => (f.feeCurrency !== f.quote ? f.feeCurrency : null);
  const minuteOf = (f: FillRow) => Math.floor(f.executedAt.getTime() / MINUTE) * MINUTE;
  const wanted = new Set<string>();
  for (const f of fills) {
    for (const asset of [f.quote, feeCoin(f)]) if (needs(asset, f) && markets.has(`${asset}-USDT`)) wanted.add(`${asset}|${minuteOf(f)}`);
  }
  const closes = new Map<string, string>();
  await Promise.all([...wanted].map(async (key) => {
    const [asset, minute] = key.split('|') as [string, string];
    const rows = await api.publicGet('market/history-candles', { instId: `${asset}-USDT`, bar: '1m', after: Number(minute) + MINUTE, limit: 1 }, candlesSchema, `the ${asset} price history`);
    const candle = rows.find((c) => c[0] === minute);
    if (candle?.[4]) closes.set(key, candle[4]);
  }));
  for (const f of fills) {
    const rate = (asset: string) => closes.get(`${asset}|${minuteOf(f)}`) ?? null;
    if (needs(f.quote, f)) f.quoteUsdtRate = rate(f.quote);
    const fee = feeCoin(f);
    if (needs(fee, f)) f.feeUsdtRate = rate(fee);
  }
}
