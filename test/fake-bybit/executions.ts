// GET /v5/execution/list with Bybit's rules: 7-day windows, 2-year horizon, newest
// first, limit 1..100, opaque keyset cursor.
import { createHash } from 'node:crypto';
import { decodeKeyset, encodeKeyset } from './cursor.js';
import { mul } from './decimal.js';
import { paramsError } from './envelope.js';
import { requireCategory } from './market.js';
import { intParam, type HandlerContext } from './route-types.js';
import type { Fill, Scenario } from './scenario-types.js';

const DAY_MS = 86_400_000;
export const MAX_WINDOW_MS = 7 * DAY_MS;
/** UTA keeps two years of executions. */
export const HISTORY_MS = 730 * DAY_MS;

const DEFAULT_FEE_RATE: Record<Fill['category'], { taker: string; maker: string }> = {
  spot: { taker: '0.001', maker: '0.001' },
  linear: { taker: '0.00055', maker: '0.0002' },
  inverse: { taker: '0.00055', maker: '0.0002' },
};

function stableId(fill: Fill, index: number, salt: string): string {
  return createHash('sha1').update(`${salt}|${fill.symbol}|${fill.execTime}|${index}`).digest('hex');
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function numericId(hex: string): string {
  return (BigInt(`0x${hex.slice(0, 15)}`) % 9_000_000_000_000_000_000n + 1_000_000_000_000_000_000n).toString();
}

/** The fee a fill pays and the coin it is charged in, with the scenario defaults applied. */
export function fillFee(scenario: Scenario, fill: Fill): { execFee: string; feeCurrency: string; feeRate: string } {
  const rates = DEFAULT_FEE_RATE[fill.category];
  const feeRate = fill.feeRate ?? (fill.isMaker ? rates.maker : rates.taker);
  const value = mul(fill.execQty, fill.execPrice);
  if (fill.category !== 'spot') {
    const market = scenario.derivatives.find((m) => m.symbol === fill.symbol && m.category === fill.category);
    const settle = market ? (fill.category === 'inverse' ? market.baseCoin : market.settleCoin) : '';
    return { execFee: fill.execFee ?? mul(value, feeRate, 8), feeCurrency: fill.feeCurrency ?? settle, feeRate };
  }
  const market = scenario.spot.find((m) => m.symbol === fill.symbol);
  const base = market?.baseCoin ?? '';
  const quote = market?.quoteCoin ?? '';
  // Bybit's default: a buy pays in the coin received (base), a sell in the quote received.
  const feeCurrency = fill.feeCurrency ?? (fill.side === 'Buy' ? base : quote);
  const execFee = fill.execFee ?? mul(fill.side === 'Buy' ? fill.execQty : value, feeRate, 10);
  return { execFee, feeCurrency, feeRate };
}

function executionView(scenario: Scenario, fill: Fill, index: number): Record<string, unknown> {
  const { execFee, feeCurrency, feeRate } = fillFee(scenario, fill);
  const spot = fill.category === 'spot';
  const idHex = stableId(fill, index, 'order');
  return {
    symbol: fill.symbol,
    orderId: fill.orderId ?? (spot ? numericId(idHex) : uuid(idHex)),
    orderLinkId: fill.orderLinkId ?? '',
    side: fill.side,
    orderPrice: fill.execPrice,
    orderQty: fill.execQty,
    leavesQty: '0',
    ...(spot ? {} : { createType: 'CreateByUser' }),
    orderType: fill.orderType ?? 'Limit',
    stopOrderType: '',
    execFee,
    execId: fill.execId ?? (spot ? numericId(stableId(fill, index, 'exec')) : uuid(stableId(fill, index, 'exec'))),
    execPrice: fill.execPrice,
    execQty: fill.execQty,
    execType: fill.execType ?? 'Trade',
    execValue: mul(fill.execQty, fill.execPrice, 10),
    execTime: String(fill.execTime),
    // Bybit fills this for spot only; derivatives pay in the settle coin and leave it empty.
    feeCurrency: spot ? feeCurrency : '',
    isMaker: fill.isMaker ?? false,
    feeRate,
    tradeIv: '',
    markIv: '',
    markPrice: spot ? '' : fill.execPrice,
    indexPrice: spot ? '' : fill.execPrice,
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: spot ? '' : fill.closedSize ?? '0',
    execPnl: spot ? '' : '0',
    extraFees: '',
    marketUnit: '',
    seq: fill.seq ?? index + 1,
  };
}

/** Resolves Bybit's defaults for startTime/endTime and enforces the 7-day limit. */
export function executionWindow(query: Record<string, string>, now: number): { start: number; end: number } {
  const start = intParam(query, 'startTime');
  const end = intParam(query, 'endTime');
  if (Number.isNaN(start) || Number.isNaN(end)) throw paramsError('params error: startTime and endTime must be integers');
  if (start === undefined && end === undefined) return { start: now - MAX_WINDOW_MS, end: now };
  if (start === undefined) return { start: (end as number) - MAX_WINDOW_MS, end: end as number };
  if (end === undefined) return { start, end: start + MAX_WINDOW_MS };
  if (end < start) throw paramsError('params error: endTime must be greater than startTime');
  if (end - start > MAX_WINDOW_MS) {
    throw paramsError('params error: The time range between startTime and endTime cannot exceed 7 days');
  }
  return { start, end };
}

export function executionList(ctx: HandlerContext): unknown {
  const category = requireCategory(ctx);
  const { start, end } = executionWindow(ctx.query, ctx.now);
  const limit = intParam(ctx.query, 'limit') ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw paramsError('params error: limit must be in [1, 100]');
  const cursor = ctx.query.cursor ? decodeKeyset(ctx.query.cursor) : undefined;
  if (cursor === null) throw paramsError('params error: invalid cursor');
  const { symbol, orderId, execType, baseCoin } = ctx.query;
  const { scenario } = ctx;
  const horizon = ctx.now - HISTORY_MS;

  const matching = scenario.fills
    .map((fill, index) => ({ fill, index, seq: fill.seq ?? index + 1 }))
    .filter(({ fill }) => fill.category === category)
    .filter(({ fill }) => fill.execTime >= Math.max(start, horizon) && fill.execTime <= end)
    .filter(({ fill }) => symbol === undefined || fill.symbol === symbol)
    .filter(({ fill }) => execType === undefined || (fill.execType ?? 'Trade') === execType)
    .filter(({ fill, index }) => orderId === undefined || executionView(scenario, fill, index).orderId === orderId)
    .filter(({ fill }) => baseCoin === undefined || baseOf(scenario, fill) === baseCoin)
    .sort((a, b) => b.fill.execTime - a.fill.execTime || b.seq - a.seq);

  const rest = cursor
    ? matching.filter(({ fill, seq }) => fill.execTime < cursor.time || (fill.execTime === cursor.time && seq < cursor.seq))
    : matching;
  const pageItems = rest.slice(0, limit);
  const last = pageItems[pageItems.length - 1];
  const nextPageCursor = rest.length > limit && last ? encodeKeyset({ time: last.fill.execTime, seq: last.seq }) : '';
  return {
    nextPageCursor,
    category,
    list: pageItems.map(({ fill, index }) => executionView(scenario, fill, index)),
  };
}

function baseOf(scenario: Scenario, fill: Fill): string | undefined {
  const markets = fill.category === 'spot' ? scenario.spot : scenario.derivatives;
  return markets.find((m) => m.symbol === fill.symbol)?.baseCoin;
}
