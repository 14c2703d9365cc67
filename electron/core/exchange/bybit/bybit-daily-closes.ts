import { CASH_ASSETS, isCash } from '../../portfolio/cash.js';
import { dec } from '../../portfolio/decimal.js';
import { dailyDisplayRates, displayRatePairs } from '../../portfolio/display-rates.js';
import type { DailyCloses, SpotMarket } from '../types.js';
import type { BybitApi } from './bybit-api.js';
import { klineSchema } from './bybit-schemas.js';

const DAY_MS = 86_400_000;
/** Quotes tried after a direct USDT pair, as the current prices do: cash first, then BTC, ETH. */
const BRIDGES = [...[...CASH_ASSETS].filter((a) => a !== 'USDT'), 'BTC', 'ETH'];

/** The symbols whose closes price an asset in USDT: its USDT pair, or a pair and its quote's. */
function route(asset: string, markets: ReadonlyMap<string, SpotMarket>): string[] | null {
  if (markets.has(`${asset}USDT`)) return [`${asset}USDT`];
  for (const q of BRIDGES) {
    if (!markets.has(`${asset}${q}`)) continue;
    if (isCash(q)) return [`${asset}${q}`];
    if (markets.has(`${q}USDT`)) return [`${asset}${q}`, `${q}USDT`];
  }
  return null;
}

/**
 * Daily closes in USDT of each asset from `fromDay` to `toDay` (UTC day starts), priced
 * the way the current prices are (a USDT pair, else through a cash coin, BTC or ETH), and
 * each day's close of the pairs the display currencies convert through (USDCUSDT, the
 * euro pair): one kline request per symbol, shared when an asset's route uses the same
 * pair, as Bybit returns up to 1,000 daily candles at once and the history reaches two
 * years. Assets with no route are absent (unpriced); a day without a pair's candle has
 * no rate for that currency.
 */
export async function fetchDailyCloses(api: BybitApi, markets: ReadonlyMap<string, SpotMarket>, assets: readonly string[], fromDay: number, toDay: number): Promise<DailyCloses> {
  const routes = new Map<string, string[]>();
  for (const a of assets) {
    const r = route(a, markets);
    if (r) routes.set(a, r);
  }
  const pairs = displayRatePairs([...markets.values()]);
  const symbols = [...new Set([...[...routes.values()].flat(), ...Object.values(pairs).map((p) => p.symbol)])];
  const closes = new Map<string, Map<number, string>>();
  await Promise.all(symbols.map(async (symbol) => closes.set(symbol, await symbolCloses(api, symbol, fromDay, toDay))));
  const out = new Map<string, Map<number, string>>();
  for (const [asset, path] of routes) {
    const [first, second] = path.map((s) => closes.get(s) ?? new Map<number, string>());
    const byDay = new Map<number, string>();
    for (const [day, close] of first!) {
      if (second === undefined) byDay.set(day, close);
      else if (second.has(day)) byDay.set(day, dec(close).times(second.get(day)!).toString());
    }
    out.set(asset, byDay);
  }
  return { byAsset: out, rates: dailyDisplayRates(pairs, closes) };
}

async function symbolCloses(api: BybitApi, symbol: string, fromDay: number, toDay: number): Promise<Map<number, string>> {
  const byDay = new Map<number, string>();
  for (let start = fromDay; start <= toDay; start += 1000 * DAY_MS) {
    const end = Math.min(toDay, start + 999 * DAY_MS);
    const limit = Math.round((end - start) / DAY_MS) + 1;
    const { result } = await api.publicGet('v5/market/kline', { category: 'spot', symbol, interval: 'D', start, end: end + DAY_MS - 1, limit }, klineSchema, `the ${symbol} daily prices`);
    for (const c of result.list) {
      if (c[4]) byDay.set(Number(c[0]), c[4]);
    }
  }
  return byDay;
}
