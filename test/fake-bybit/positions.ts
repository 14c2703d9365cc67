// GET /v5/position/list and the figures wallets derive from open positions.
import { decodeKeyset, encodeKeyset } from './cursor.js';
import { cmp, div, mul, placesOf, sub } from './decimal.js';
import { paramsError } from './envelope.js';
import { derivativeMarkPrice, tickOf } from './prices.js';
import { requireCategory } from './market.js';
import { intParam, type HandlerContext } from './route-types.js';
import type { DerivativeMarket, Position, Scenario } from './scenario-types.js';

const MM_RATE = '0.005';

/** A position's computed figures, in its settle coin. */
export interface PositionFigures {
  market: DerivativeMarket;
  settleCoin: string;
  markPrice: string;
  positionValue: string;
  positionIM: string;
  positionMM: string;
  unrealisedPnl: string;
  liqPrice: string;
}

export function marketOf(scenario: Scenario, p: Position): DerivativeMarket {
  const market = scenario.derivatives.find((m) => m.category === p.category && m.symbol === p.symbol);
  if (!market) throw new Error(`scenario position ${p.symbol} has no ${p.category} market`);
  return market;
}

export function positionFigures(scenario: Scenario, p: Position): PositionFigures {
  const market = marketOf(scenario, p);
  const mark = p.markPrice ?? derivativeMarkPrice(market);
  const direction = p.side === 'Buy' ? '1' : '-1';
  const inverse = p.category === 'inverse';
  // Linear: value in quote = size × price. Inverse: value in base = contracts / price.
  const positionValue = inverse ? div(p.size, p.avgPrice, 8) : mul(p.size, p.avgPrice, 8);
  const pnl = inverse
    ? mul(p.size, sub(div('1', p.avgPrice), div('1', mark)), 8)
    : mul(p.size, sub(mark, p.avgPrice), 8);
  const places = placesOf(tickOf(market));
  const liqShift = sub(div('1', p.leverage), MM_RATE);
  const liqFactor = p.side === 'Buy' ? sub('1', liqShift) : sub('1', mul('-1', liqShift));
  return {
    market,
    settleCoin: inverse ? market.baseCoin : market.settleCoin,
    markPrice: mark,
    positionValue,
    positionIM: p.positionIM ?? div(positionValue, p.leverage, 8),
    positionMM: mul(positionValue, MM_RATE, 8),
    unrealisedPnl: mul(pnl, direction, 8),
    liqPrice: mul(p.avgPrice, liqFactor, places),
  };
}

function openPositionView(scenario: Scenario, p: Position, seq: number): Record<string, unknown> {
  const f = positionFigures(scenario, p);
  return {
    positionIdx: 0,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: p.symbol,
    side: p.side,
    size: p.size,
    avgPrice: p.avgPrice,
    positionValue: f.positionValue,
    tradeMode: p.tradeMode ?? 0,
    autoAddMargin: 0,
    positionStatus: 'Normal',
    leverage: p.leverage,
    markPrice: f.markPrice,
    liqPrice: f.liqPrice,
    bustPrice: '',
    positionIM: f.positionIM,
    positionIMByMp: f.positionIM,
    positionMM: f.positionMM,
    positionMMByMp: f.positionMM,
    positionBalance: f.positionIM,
    takeProfit: '0',
    stopLoss: '0',
    trailingStop: '0',
    sessionAvgPrice: '',
    delta: '',
    gamma: '',
    vega: '',
    theta: '',
    unrealisedPnl: f.unrealisedPnl,
    curRealisedPnl: '0',
    cumRealisedPnl: p.cumRealisedPnl ?? '0',
    adlRankIndicator: 2,
    createdTime: String(p.createdTime),
    updatedTime: String(p.updatedTime ?? p.createdTime),
    seq,
    isReduceOnly: false,
    mmrSysUpdatedTime: '',
    leverageSysUpdatedTime: '',
    tpslMode: 'Full',
  };
}

/** Bybit answers a symbol query with an entry even when nothing is open. */
function emptyPositionView(market: DerivativeMarket): Record<string, unknown> {
  return {
    positionIdx: 0, riskId: 1, riskLimitValue: '2000000', symbol: market.symbol, side: '', size: '0',
    avgPrice: '0', positionValue: '0', tradeMode: 0, autoAddMargin: 0, positionStatus: 'Normal',
    leverage: '10', markPrice: derivativeMarkPrice(market), liqPrice: '', bustPrice: '', positionIM: '0',
    positionMM: '0', positionBalance: '0', takeProfit: '0', stopLoss: '0', trailingStop: '0',
    sessionAvgPrice: '', unrealisedPnl: '0', curRealisedPnl: '0', cumRealisedPnl: '0', adlRankIndicator: 0,
    createdTime: '0', updatedTime: '0', seq: -1, isReduceOnly: false, tpslMode: 'Full',
  };
}

export function isOpen(p: Position): boolean {
  return cmp(p.size, '0') > 0;
}

export function positionList(ctx: HandlerContext): unknown {
  const category = requireCategory(ctx, ['linear', 'inverse', 'option']);
  const { symbol, settleCoin, baseCoin } = ctx.query;
  if (category === 'linear' && !symbol && !settleCoin) {
    throw paramsError('Missing some parameters that must be filled in, symbol or settleCoin');
  }
  const limit = intParam(ctx.query, 'limit') ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw paramsError('params error: limit must be in [1, 200]');
  if (category === 'option') return { category, nextPageCursor: '', list: [] };

  const { scenario } = ctx;
  const open = scenario.positions
    .map((p, index) => ({ p, seq: index + 1 }))
    .filter(({ p }) => p.category === category && isOpen(p))
    .filter(({ p }) => (symbol ? p.symbol === symbol : true))
    .filter(({ p }) => (baseCoin ? marketOf(scenario, p).baseCoin === baseCoin : true))
    .filter(({ p }) => (symbol || !settleCoin ? true : positionFigures(scenario, p).settleCoin === settleCoin))
    .sort((a, b) => (b.p.updatedTime ?? b.p.createdTime) - (a.p.updatedTime ?? a.p.createdTime) || b.seq - a.seq);

  if (symbol && open.length === 0) {
    const market = scenario.derivatives.find((m) => m.category === category && m.symbol === symbol);
    if (!market) throw paramsError('Not supported symbols');
    return { category, nextPageCursor: '', list: [emptyPositionView(market)] };
  }
  const cursor = ctx.query.cursor ? decodeKeyset(ctx.query.cursor) : undefined;
  if (cursor === null) throw paramsError('params error: invalid cursor');
  const time = (p: Position): number => p.updatedTime ?? p.createdTime;
  const after = cursor
    ? open.filter(({ p, seq }) => time(p) < cursor.time || (time(p) === cursor.time && seq < cursor.seq))
    : open;
  const pageItems = after.slice(0, limit);
  const last = pageItems[pageItems.length - 1];
  const next = after.length > limit && last ? encodeKeyset({ time: time(last.p), seq: last.seq }) : '';
  return { category, nextPageCursor: next, list: pageItems.map(({ p, seq }) => openPositionView(scenario, p, seq)) };
}
