// Public market endpoints: server time, instruments, tickers.
import { decodeOffset, encodeOffset } from './cursor.js';
import { div, mul, sub, add, placesOf, isZero } from './decimal.js';
import { paramsError } from './envelope.js';
import { derivativeMarkPrice, hash32, tickOf } from './prices.js';
import { intParam, type HandlerContext } from './route-types.js';
import type { DerivativeMarket, SpotMarket } from './scenario-types.js';

const CATEGORIES = ['spot', 'linear', 'inverse', 'option'];

export function serverTime(ctx: HandlerContext): unknown {
  return {
    timeSecond: String(Math.floor(ctx.now / 1000)),
    timeNano: `${ctx.now}000000`,
  };
}

export function requireCategory(ctx: HandlerContext, allowed = CATEGORIES): string {
  const category = ctx.query.category;
  if (category === undefined || category === '') throw paramsError('params error: category is required');
  if (!allowed.includes(category)) throw paramsError('Illegal category');
  return category;
}

function spotInstrument(m: SpotMarket): unknown {
  return {
    symbol: m.symbol,
    baseCoin: m.baseCoin,
    quoteCoin: m.quoteCoin,
    innovation: '0',
    status: m.status,
    marginTrading: 'utaOnly',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: m.basePrecision ?? '0.000001',
      quotePrecision: '0.00000001',
      minOrderQty: m.minOrderQty ?? '0.000011',
      maxOrderQty: '83',
      minOrderAmt: '5',
      maxOrderAmt: '8000000',
    },
    priceFilter: { tickSize: tickOf(m) },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
  };
}

function derivativeInstrument(m: DerivativeMarket): unknown {
  const tick = tickOf(m);
  return {
    symbol: m.symbol,
    contractType: m.contractType,
    status: m.status,
    baseCoin: m.baseCoin,
    quoteCoin: m.quoteCoin,
    launchTime: String(m.launchTime ?? 1585526400000),
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(placesOf(tick)),
    leverageFilter: { minLeverage: '1', maxLeverage: m.maxLeverage ?? '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: tick, maxPrice: mul(m.lastPrice, '20'), tickSize: tick },
    lotSizeFilter: {
      maxOrderQty: '1190.000',
      minOrderQty: m.qtyStep ?? '0.001',
      qtyStep: m.qtyStep ?? '0.001',
      postOnlyMaxOrderQty: '1190.000',
      maxMktOrderQty: '500.000',
      minNotionalValue: '5',
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: m.settleCoin,
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
  };
}

/** Offset paging as Bybit does for linear, inverse and option instruments. */
function page<T>(items: T[], ctx: HandlerContext, defaultLimit: number, maxLimit: number): { list: T[]; next: string } {
  const limit = intParam(ctx.query, 'limit') ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw paramsError(`params error: limit must be in [1, ${maxLimit}]`);
  const cursor = ctx.query.cursor;
  const offset = cursor === undefined || cursor === '' ? 0 : decodeOffset(cursor);
  if (offset === null) throw paramsError('params error: invalid cursor');
  const list = items.slice(offset, offset + limit);
  return { list, next: offset + limit < items.length ? encodeOffset(offset + limit) : '' };
}

export function instrumentsInfo(ctx: HandlerContext): unknown {
  const category = requireCategory(ctx);
  const { symbol, baseCoin } = ctx.query;
  const status = ctx.query.status ?? 'Trading';
  const keep = (m: { symbol: string; baseCoin: string; status: string }): boolean =>
    (symbol === undefined || m.symbol === symbol) &&
    (baseCoin === undefined || m.baseCoin === baseCoin) &&
    // A symbol lookup returns the instrument whatever its status, as Bybit does.
    (symbol !== undefined || m.status === status);
  if (category === 'spot') {
    // Spot is not paged: limit and cursor are ignored.
    return { category, list: ctx.scenario.spot.filter(keep).map(spotInstrument) };
  }
  if (category === 'option') {
    // The scenarios hold no options; ccxt still asks for BTC, ETH, SOL, XRP, MNT and DOGE.
    return { category, nextPageCursor: '', list: [] };
  }
  const markets = ctx.scenario.derivatives.filter((m) => m.category === category && keep(m));
  const { list, next } = page(markets, ctx, 500, 1000);
  return { category, list: list.map(derivativeInstrument), nextPageCursor: next };
}

function dayFigures(m: SpotMarket | DerivativeMarket): Record<string, string> {
  const prev = m.prevPrice24h ?? m.lastPrice;
  const tick = tickOf(m);
  const volume = m.volume24h ?? String(1000 + (hash32(m.symbol) % 100_000));
  const high = add(m.lastPrice, mul(m.lastPrice, '0.02', placesOf(tick)));
  const low = sub(m.lastPrice, mul(m.lastPrice, '0.02', placesOf(tick)));
  return {
    lastPrice: m.lastPrice,
    prevPrice24h: prev,
    price24hPcnt: isZero(prev) ? '0' : sub(div(m.lastPrice, prev, 4), '1'),
    highPrice24h: high,
    lowPrice24h: low,
    turnover24h: mul(volume, m.lastPrice, 8),
    volume24h: volume,
    bid1Price: sub(m.lastPrice, tick),
    bid1Size: '1.5',
    ask1Price: add(m.lastPrice, tick),
    ask1Size: '2.25',
  };
}

function spotTicker(m: SpotMarket): unknown {
  return { symbol: m.symbol, ...dayFigures(m), usdIndexPrice: m.quoteCoin === 'USDT' ? m.lastPrice : '' };
}

function derivativeTicker(m: DerivativeMarket, now: number): unknown {
  const mark = derivativeMarkPrice(m);
  const openInterest = String(10_000 + (hash32(m.symbol) % 50_000));
  return {
    symbol: m.symbol,
    ...dayFigures(m),
    indexPrice: m.indexPrice ?? mark,
    markPrice: mark,
    prevPrice1h: m.lastPrice,
    openInterest,
    openInterestValue: m.category === 'linear' ? mul(openInterest, mark, 2) : openInterest,
    fundingRate: m.fundingRate ?? '0.0001',
    nextFundingTime: String(Math.ceil(now / 28_800_000) * 28_800_000),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    basis: '',
    preOpenPrice: '',
    preQty: '',
    curPreListingPhase: '',
  };
}

export function tickers(ctx: HandlerContext): unknown {
  const category = requireCategory(ctx);
  const { symbol } = ctx.query;
  if (category === 'option') {
    if (ctx.query.baseCoin === undefined && symbol === undefined) throw paramsError('params error: baseCoin or symbol is required');
    return { category, list: [] };
  }
  const markets: Array<SpotMarket | DerivativeMarket> =
    category === 'spot'
      ? ctx.scenario.spot.filter((m) => m.status === 'Trading')
      : ctx.scenario.derivatives.filter((m) => m.category === category && m.status === 'Trading');
  const chosen = markets.filter((m) => symbol === undefined || m.symbol === symbol);
  if (symbol !== undefined && chosen.length === 0) throw paramsError('Not supported symbols');
  const list = chosen.map((m) => ('category' in m ? derivativeTicker(m, ctx.now) : spotTicker(m)));
  return { category, list };
}
