import { abortable, linkedController, throwIfAborted } from '../abort.js';
import { dec } from '../portfolio/decimal.js';
import type { TickerQuote } from '../portfolio/pricing.js';
import type { CcxtExchange } from './ccxt-loader.js';
import { classifyExchangeError, type ErrorContext } from './classify-error.js';
import { exchangeRequestPolicy, type ResilienceOptions } from './resilience.js';
import type { BalanceRow, CollectInput, CollectResult, ExchangeAccountClient, FillRow } from './types.js';

interface UnifiedBalance { total?: Record<string, number | undefined> }
interface UnifiedTicker { symbol: string; last?: number; percentage?: number }
interface UnifiedMarket { symbol: string; base: string; quote: string; spot?: boolean }
interface UnifiedTrade { id?: string; order?: string; symbol: string; side: 'buy' | 'sell'; price: number; amount: number; timestamp: number; fee?: { cost?: number; currency?: string } }

/**
 * Any other ccxt exchange through the unified API. ccxt's unified structures carry
 * JS numbers; each is turned into its shortest exact decimal string (ccxt's own
 * numberToString) at this boundary and never used in arithmetic.
 */
export function createGenericClient(deps: { ex: CcxtExchange; errorContext: ErrorContext; now: () => Date; resilience: Partial<ResilienceOptions> }): ExchangeAccountClient {
  const { ex } = deps;
  const policy = exchangeRequestPolicy(ex, deps.errorContext.exchangeName, deps.resilience);
  let requests = 0;
  // The current sync's: follows the caller's signal (deadline, cancel) and aborts on the
  // first failed call, so nothing keeps running behind a failure.
  let stop: AbortController | null = null;
  const call = async <T>(method: string, what: string, ...args: unknown[]): Promise<T> => {
    const fn = ex[method];
    if (typeof fn !== 'function') throw new Error(`${ex.id} has no ${method}`);
    const current = stop?.signal ?? null;
    const failed = stop;
    return policy(async () => {
      throwIfAborted(current);
      requests += 1;
      try {
        // ccxt cannot abort a request it sent; the sync stops waiting for it at once.
        return await abortable((fn as (...a: unknown[]) => Promise<T>).apply(ex, args), current);
      } catch (e) {
        if (current?.aborted) throw e;
        throw classifyExchangeError(e, { ...deps.errorContext, what });
      }
    }, current).catch((e: unknown) => {
      failed?.abort(e);
      throw e;
    });
  };
  const num = (n: number) => (ex.numberToString as (v: number) => string)(n);
  return {
    requestCount: () => requests,
    async collect(input: CollectInput): Promise<CollectResult> {
      const link = linkedController(input.signal);
      stop = link.controller;
      try {
        return await collectWith(input);
      } finally {
        link.dispose();
      }
    },
  };

  async function collectWith(input: CollectInput): Promise<CollectResult> {
    input.onProgress({ step: 'markets', done: 0, total: null, message: 'Loading markets' });
    const markets = await call<Record<string, UnifiedMarket>>('loadMarkets', 'the market list');
    input.onProgress({ step: 'balances', done: 0, total: null, message: 'Reading balances' });
    const [balance, tickers] = await Promise.all([
      call<UnifiedBalance>('fetchBalance', 'the balances'),
      call<Record<string, UnifiedTicker>>('fetchTickers', 'the prices'),
    ]);
    const balances: BalanceRow[] = Object.entries(balance.total ?? {})
      .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] !== 0)
      .map(([asset, q]) => ({ wallet: 'SPOT', asset, quantity: num(q) }));
    const quotes: TickerQuote[] = Object.values(tickers).flatMap((t) => {
      const m = markets[t.symbol];
      if (!m || m.spot === false || typeof t.last !== 'number') return [];
      return [{ symbol: t.symbol, base: m.base, quote: m.quote, last: dec(num(t.last)), change24hPct: typeof t.percentage === 'number' ? dec(num(t.percentage)) : null }];
    });
    // Most exchanges need a symbol for trade history: ask per held asset's USDT market.
    const since = input.fills.cursor?.getTime();
    const symbols = balances.map((b) => `${b.asset}/USDT`).filter((s) => markets[s]);
    input.onProgress({ step: 'fills', done: 0, total: symbols.length, message: 'Reading trades' });
    const trades = (await Promise.all(symbols.map((s) => call<UnifiedTrade[]>('fetchMyTrades', 'the trade history', s, since)))).flat();
    const fills: FillRow[] = trades.map((t) => ({
      fillId: t.id ?? `${t.order}:${t.timestamp}`, orderId: t.order ?? null, category: 'spot', symbol: t.symbol,
      base: markets[t.symbol]!.base, quote: markets[t.symbol]!.quote, side: t.side, price: num(t.price), quantity: num(t.amount),
      fee: typeof t.fee?.cost === 'number' ? num(t.fee.cost) : null, feeCurrency: t.fee?.currency ?? null,
      feeUsdtRate: null, quoteUsdtRate: null, executedAt: new Date(t.timestamp),
    }));
    const now = deps.now();
    return {
      serverTime: now, clockOffsetMs: 0, balances, tickers: quotes, fills,
      fillsState: { cursor: now, historyStart: input.fills.historyStart ?? new Date(0) },
      positions: [], accountMode: null, warnings: [], requests,
    };
  }
}
