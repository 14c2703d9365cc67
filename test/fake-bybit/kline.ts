// GET /v5/market/kline: candles drawn from the scenario's price history, so the price
// the app looks up for a fill's time is the one the scenario says it was.
import { cmp, mul, placesOf } from './decimal.js';
import { paramsError } from './envelope.js';
import { hash32, priceAt, tickOf } from './prices.js';
import { requireCategory } from './market.js';
import { intParam, type HandlerContext } from './route-types.js';
import type { DerivativeMarket, SpotMarket } from './scenario-types.js';

const MINUTE = 60_000;
const FIXED_INTERVALS: Record<string, number> = {
  '1': MINUTE,
  '3': 3 * MINUTE,
  '5': 5 * MINUTE,
  '15': 15 * MINUTE,
  '30': 30 * MINUTE,
  '60': 60 * MINUTE,
  '120': 120 * MINUTE,
  '240': 240 * MINUTE,
  '360': 360 * MINUTE,
  '720': 720 * MINUTE,
  D: 1440 * MINUTE,
  W: 7 * 1440 * MINUTE,
};
// 1970-01-01 was a Thursday; weekly candles open on Monday 00:00 UTC.
const WEEK_OFFSET = 4 * 1440 * MINUTE;

function candleStart(interval: string, t: number): number {
  if (interval === 'M') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const size = FIXED_INTERVALS[interval] ?? MINUTE;
  const offset = interval === 'W' ? WEEK_OFFSET : 0;
  return Math.floor((t - offset) / size) * size + offset;
}

function nextStart(interval: string, start: number): number {
  if (interval === 'M') {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return start + (FIXED_INTERVALS[interval] ?? MINUTE);
}

function prevStart(interval: string, start: number): number {
  return candleStart(interval, start - 1);
}

function candle(market: SpotMarket | DerivativeMarket, interval: string, start: number): string[] {
  const end = nextStart(interval, start) - 1;
  const open = priceAt(market, start);
  const close = priceAt(market, end);
  const middle = priceAt(market, Math.floor((start + end) / 2));
  const prices = [open, close, middle];
  const high = prices.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
  const low = prices.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
  const volume = String(1 + (hash32(`${market.symbol}${start}`) % 5000));
  return [String(start), open, high, low, close, volume, mul(volume, close, placesOf(tickOf(market)) + 2)];
}

export function kline(ctx: HandlerContext): unknown {
  const category = requireCategory(ctx, ['spot', 'linear', 'inverse']);
  const { symbol, interval } = ctx.query;
  if (!symbol) throw paramsError('params error: symbol is required');
  if (!interval || (interval !== 'M' && FIXED_INTERVALS[interval] === undefined)) {
    throw paramsError('params error: invalid interval');
  }
  const markets: Array<SpotMarket | DerivativeMarket> =
    category === 'spot' ? ctx.scenario.spot : ctx.scenario.derivatives.filter((m) => m.category === category);
  const market = markets.find((m) => m.symbol === symbol);
  if (!market) throw paramsError('Not supported symbols');
  const limit = intParam(ctx.query, 'limit') ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw paramsError('params error: limit must be in [1, 1000]');
  const start = intParam(ctx.query, 'start');
  const end = Math.min(intParam(ctx.query, 'end') ?? ctx.now, ctx.now);
  if (Number.isNaN(start) || Number.isNaN(end)) throw paramsError('params error: start and end must be integers');

  const starts: number[] = [];
  if (start !== undefined) {
    // From the candle containing `start` forward, as far as `end` or `limit` allows.
    for (let t = candleStart(interval, start); t <= end && starts.length < limit; t = nextStart(interval, t)) starts.push(t);
    starts.reverse();
  } else {
    for (let t = candleStart(interval, end); starts.length < limit; t = prevStart(interval, t)) starts.push(t);
  }
  // Newest first, like Bybit; nothing from before the market opened.
  const opened = market.listedAt;
  const listed = opened === undefined ? starts : starts.filter((t) => t >= candleStart(interval, opened));
  return { category, symbol, list: listed.map((t) => candle(market, interval, t)) };
}
