import { linkedController } from '../../abort.js';
import type { AppError } from '../../errors.js';
import type { CcxtExchange } from '../ccxt-loader.js';
import type { ErrorContext } from '../classify-error.js';
import type { ResilienceOptions } from '../resilience.js';
import type { BalanceRow, CollectInput, CollectResult, ExchangeAccountClient, MarketsCache } from '../types.js';
import { countOf } from '../../../../shared/format/plural.js';
import { OkxApi } from './okx-api.js';
import { fetchOkxSpotFills } from './okx-fills.js';
import { collectOkxHistory } from './okx-history.js';
import { attachOkxUsdtRates } from './okx-usdt-rates.js';
import { fetchOkxKeyInfo, okxAccountMode } from './okx-key-info.js';
import { parseFundingBalance, parsePositions, parseSavingsBalance, parseTickers, parseTradingBalance, toFillRow } from './okx-parse.js';
import { contractsSchema, fundingBalanceSchema, instrumentsSchema, positionsSchema, savingsBalanceSchema, tickersSchema, tradingBalanceSchema } from './okx-schemas.js';
import { createSpotMarkets } from '../spot-markets.js';

export interface OkxClientDeps {
  ex: CcxtExchange;
  errorContext: ErrorContext;
  marketsCache: MarketsCache;
  /** Identifies the API host in the markets cache (live, demo or an override URL). */
  endpointKey: string;
  now: () => Date;
  resilience: Partial<ResilienceOptions>;
}

/**
 * OKX V5 read path. A warm sync with nothing new is one request per kind of data, all in
 * flight at once: spot tickers, trading account, funding account, savings, positions,
 * spot fills since the cursor, SWAP/FUTURES/MARGIN fills, deposits, withdrawals, closed
 * positions, and the trading and funding accounts' bills. Markets come from a daily DB cache; the clock is measured
 * once per client (public/time) and the key's details (account/config) once per account.
 */
export function createOkxClient(deps: OkxClientDeps): ExchangeAccountClient {
  const api = new OkxApi(deps.ex, deps.errorContext, { resilience: deps.resilience });
  const spotMarkets = createSpotMarkets({
    exchangeId: 'okx', endpointKey: deps.endpointKey, cache: deps.marketsCache, now: deps.now,
    fetch: async () => (await api.publicGet('public/instruments', { instType: 'SPOT' }, instrumentsSchema, 'the market list'))
      .map((i) => ({ symbol: i.instId, base: i.baseCcy, quote: i.quoteCcy })),
  });

  // Contract values rarely change; a kept client reads each contract type once.
  const contractValues = new Map<string, string>();
  const contractTypesRead = new Set<string>();

  /** The contract values the open positions need, reading each missing type's instruments once. */
  async function contractsFor(types: readonly string[]): Promise<Map<string, string>> {
    const missing = [...new Set(types)].filter((t) => (t === 'SWAP' || t === 'FUTURES') && !contractTypesRead.has(t));
    await Promise.all(missing.map(async (instType) => {
      const data = await api.publicGet('public/instruments', { instType }, contractsSchema, `the ${instType} contracts`);
      for (const i of data) if (i.ctVal !== '') contractValues.set(i.instId, i.ctVal);
      contractTypesRead.add(instType);
    }));
    return contractValues;
  }

  /** A read the key may lack permission for: the sync goes on without it and says so. */
  async function optional(read: () => Promise<BalanceRow[]>, label: string, warnings: string[]): Promise<BalanceRow[]> {
    try {
      return await read();
    } catch (e) {
      if ((e as AppError).errorClass !== 'permission') throw e;
      warnings.push(`${label} not read: ${(e as AppError).message}. ${(e as AppError).recommendation}`);
      return [];
    }
  }

  async function collect(input: CollectInput, warnings: string[], stop: AbortController): Promise<CollectResult> {
    const first = api.requestCount();
    api.use.reset();
    input.onProgress({ step: 'prices', done: 0, total: null, message: 'Reading prices' });
    const prices = Promise.all([spotMarkets(), api.publicGet('market/tickers', { instType: 'SPOT' }, tickersSchema, 'the prices')]);
    // Awaited below; if a step before that fails, the failure is that step's, not this one's.
    prices.catch(() => undefined);
    if (api.clockOffsetMs() === null) await api.measureClock();
    const offset = api.clockOffsetMs() ?? 0;
    const serverNow = deps.now().getTime() - offset;
    input.onProgress({ step: 'balances', done: 0, total: null, message: 'Reading balances' });
    // On a first sync the key's details come first: a wrong key then fails on one signed request.
    const mode = input.accountMode ?? okxAccountMode(await fetchOkxKeyInfo(api));
    const [[markets, tickers], trading, funding, savings, positions, fills, history] = await settleAll(stop, [
      prices,
      api.privateGet('account/balance', {}, tradingBalanceSchema, 'the trading account').then(parseTradingBalance),
      optional(async () => parseFundingBalance(await api.privateGet('asset/balances', {}, fundingBalanceSchema, 'the funding account')), 'Funding account', warnings),
      optional(async () => parseSavingsBalance(await api.privateGet('finance/savings/balance', {}, savingsBalanceSchema, 'the Simple Earn (savings) balances')), 'Simple Earn savings', warnings),
      api.privateGet('account/positions', {}, positionsSchema, 'the open positions').then(async (data) => parsePositions(data, await contractsFor(data.map((p) => p.instType)))),
      fetchOkxSpotFills(api, input.fills, serverNow, input.onProgress),
      collectOkxHistory(api, { cursors: input.cursors ?? {}, serverNow }, warnings),
    ] as const);
    input.onProgress({ step: 'positions', done: 1, total: 1, message: 'Positions read' });
    const rows = fills.rows.flatMap((f) => toFillRow(f, markets) ?? []);
    const skipped = fills.rows.length - rows.length;
    if (skipped > 0) warnings.push(`${countOf(skipped, 'trade')} on markets that no longer exist ${skipped === 1 ? 'was' : 'were'} skipped.`);
    await attachOkxUsdtRates(api, rows, markets);
    return {
      serverTime: new Date(serverNow), clockOffsetMs: offset,
      balances: [...trading, ...funding, ...savings], tickers: parseTickers(tickers, markets),
      fills: rows, fillsState: fills.next, positions, accountMode: mode, warnings, history,
      requests: api.requestCount() - first, rateUse: api.use.usage(),
    };
  }

  return {
    requestCount: () => api.requestCount(),
    collect: async (input) => {
      const link = linkedController(input.signal);
      api.useSignal(link.signal);
      try {
        return await collect(input, [], link.controller);
      } finally {
        link.dispose();
      }
    },
  };
}

/** Awaits every read; the first failure aborts the others and, once all settled, is thrown. */
async function settleAll<T extends readonly unknown[]>(stop: AbortController, chains: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  let failed: { error: unknown } | null = null;
  const settled = await Promise.allSettled(chains.map((c) => Promise.resolve(c).catch((error: unknown) => {
    if (!failed) {
      failed = { error };
      stop.abort(error);
    }
    throw error;
  })));
  if (failed) throw (failed as { error: unknown }).error;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
