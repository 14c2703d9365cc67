import { linkedController } from '../../abort.js';
import type { AppError } from '../../errors.js';
import type { CcxtExchange } from '../ccxt-loader.js';
import type { ErrorContext } from '../classify-error.js';
import type { BalanceRow, CollectInput, CollectResult, ExchangeAccountClient, MarketsCache, PositionRow, SpotMarket } from '../types.js';
import type { ResilienceOptions } from '../resilience.js';
import { BybitApi } from './bybit-api.js';
import { fetchSpotExecutions, planWindows, toFillRow } from './bybit-fills.js';
import { attachUsdtRates } from './bybit-usdt-rates.js';
import { attachHistoryRates } from './bybit-history-rates.js';
import { fetchDailyCloses } from './bybit-daily-closes.js';
import { EARN_CATEGORIES, parseEarnPositions, type EarnCategory } from './bybit-earn.js';
import { collectHistory } from './bybit-history-import.js';
import { parseFundBalance, parsePositions, parseTickers, parseWalletBalance } from './bybit-parse.js';
import { accountModeOf, fetchKeyInfo } from './bybit-key-info.js';
import { earnPositionSchema, fundBalanceSchema, instrumentsSchema, positionListSchema, tickersSchema, walletBalanceSchema } from './bybit-schemas.js';
import { countOf } from '../../../../shared/format/plural.js';
import { createSpotMarkets } from '../spot-markets.js';
import { windowProgress } from '../window-progress.js';

export interface BybitClientDeps {
  ex: CcxtExchange;
  errorContext: ErrorContext;
  marketsCache: MarketsCache;
  /** Identifies the API host in the markets cache (mainnet, testnet and a regional domain differ). */
  endpointKey: string;
  now: () => Date;
  resilience: Partial<ResilienceOptions>;
}

/**
 * Bybit V5 read path. A warm sync with nothing new is one request per kind of data,
 * all in flight at once: spot tickers (whose envelope also gives the server time),
 * Unified wallet, Funding wallet, the two Earn categories, executions since the cursor,
 * positions only for settle coins that carry position margin, and one for each history
 * kind (derivative trades, closed P&L, transaction log, cash flows). Markets come from
 * public endpoints via a daily DB cache, so ccxt's loadMarkets (which needs a private
 * permission) is never called.
 */
export function createBybitClient(deps: BybitClientDeps): ExchangeAccountClient {
  const api = new BybitApi(deps.ex, deps.errorContext, { resilience: deps.resilience });
  // The position lists the last wallet called for: a kept client asks for them again
  // alongside the wallet instead of after it (one round trip, not two).
  const lastPositionQueries: { value: PositionQuery[] } = { value: [{ category: 'linear', settleCoin: 'USDT' }] };
  // The member id the last Funding answer named: the next sync's books can use it from the start.
  const lastOwnId: { value: string | null } = { value: null };

  const spotMarkets = createSpotMarkets({
    exchangeId: 'bybit', endpointKey: deps.endpointKey, cache: deps.marketsCache, now: deps.now,
    fetch: async () => {
      const markets: SpotMarket[] = [];
      let cursor = '';
      do {
        const params: Record<string, string | number> = { category: 'spot', limit: 1000 };
        if (cursor) params.cursor = cursor;
        const { result } = await api.publicGet('v5/market/instruments-info', params, instrumentsSchema, 'the market list');
        for (const i of result.list) markets.push({ symbol: i.symbol, base: i.baseCoin, quote: i.quoteCoin });
        cursor = result.nextPageCursor ?? '';
      } while (cursor);
      return markets;
    },
  });

  async function accountMode(known: string | null): Promise<string> {
    if (known) return known;
    return accountModeOf(await fetchKeyInfo(api)) ?? 'classic';
  }

  async function wallets(mode: string): Promise<{ rows: BalanceRow[]; positionCoins: string[] | null }> {
    if (mode === 'unified') {
      const { result } = await api.privateGet('v5/account/wallet-balance', { accountType: 'UNIFIED' }, walletBalanceSchema, 'the Unified Trading Account');
      return parseWalletBalance(result);
    }
    // A classic account keeps derivatives and spot in separate wallets.
    const [contract, spot] = await Promise.all(['CONTRACT', 'SPOT'].map((accountType) =>
      api.privateGet('v5/account/wallet-balance', { accountType }, walletBalanceSchema, `the ${accountType} wallet`)));
    return { rows: [...parseWalletBalance(contract!.result).rows, ...parseWalletBalance(spot!.result).rows], positionCoins: null };
  }

  /** The Funding wallet's coins, and the account's own member id its answer names. */
  async function funding(warnings: string[]): Promise<{ rows: BalanceRow[]; ownId: string | null }> {
    try {
      const { result } = await api.privateGet('v5/asset/transfer/query-account-coins-balance', { accountType: 'FUND' }, fundBalanceSchema, 'the Funding wallet');
      const id = result.memberId === undefined || result.memberId === '' ? null : String(result.memberId);
      return { rows: parseFundBalance(result), ownId: id };
    } catch (e) {
      // A key without the Funding permission still syncs everything else.
      if ((e as AppError).errorClass !== 'permission') throw e;
      warnings.push(`Funding wallet not read: ${(e as AppError).message}. ${(e as AppError).recommendation}`);
      return { rows: [], ownId: null };
    }
  }

  async function positions(queries: readonly PositionQuery[]): Promise<PositionRow[]> {
    const pages = await Promise.all(queries.map(async ({ category, settleCoin }) => {
      const rows: PositionRow[] = [];
      let cursor = '';
      do {
        const params: Record<string, string | number> = { category, limit: 200 };
        if (settleCoin) params.settleCoin = settleCoin;
        if (cursor) params.cursor = cursor;
        const { result } = await api.privateGet('v5/position/list', params, positionListSchema, 'the open positions');
        rows.push(...parsePositions(result, category, settleCoin));
        cursor = result.nextPageCursor ?? '';
      } while (cursor);
      return rows;
    }));
    return pages.flat();
  }

  async function earn(warnings: string[]): Promise<BalanceRow[]> {
    const reads = await Promise.all((Object.keys(EARN_CATEGORIES) as EarnCategory[]).map(async (category) => {
      try {
        const { result } = await api.privateGet('v5/earn/position', { category }, earnPositionSchema, `the Earn positions (v5/earn/position, ${category})`);
        return { category, ...parseEarnPositions(result, category), denied: null };
      } catch (e) {
        // A key without the Earn permission still syncs everything else.
        if ((e as AppError).errorClass !== 'permission') throw e;
        return { category, rows: [], unknown: [], denied: e as AppError };
      }
    }));
    const denied = reads.find((r) => r.denied)?.denied;
    if (denied) warnings.push(`Earn positions not read (the key lacks the Earn permission): ${denied.message}. Edit the key on Bybit and tick Earn to include them.`);
    const unknown = [...new Set(reads.flatMap((r) => r.unknown))];
    if (unknown.length > 0) warnings.push(`Earn positions of an unknown product type were stored under their raw type: ${unknown.join(', ')}.`);
    return reads.flatMap((r) => r.rows);
  }

  async function collect(input: CollectInput, warnings: string[], stop: AbortController): Promise<CollectResult> {
    const firstRequest = api.requestCount();
    input.onProgress({ step: 'prices', done: 0, total: null, message: 'Reading prices' });
    const pricesRead = Promise.all([spotMarkets(), api.publicGet('v5/market/tickers', { category: 'spot' }, tickersSchema, 'the prices')]);
    // With the clock offset known (a client kept from the last sync), signed reads need
    // not wait for the first answer; otherwise the prices' envelope gives the clock.
    const offset = api.clockOffsetMs();
    const serverNow = offset !== null ? deps.now().getTime() - offset : ((await pricesRead)[1].serverTime ?? deps.now().getTime());
    input.onProgress({ step: 'balances', done: 0, total: null, message: 'Reading balances' });
    // On a first sync the key's details (account mode) come first: a wrong key then
    // fails on one signed request instead of many.
    const knownMode = input.accountMode ?? await accountMode(null);
    const plan = planWindows(input.fills, serverNow);
    const progress = windowProgress(input.onProgress);
    // Ask for the position lists the last sync needed (at first: USDT, where most
    // accounts that trade derivatives settle) alongside the wallet; once the wallet names
    // its margin coins, read what is still missing and keep only what it calls for.
    const guessed = knownMode === 'unified' ? lastPositionQueries.value : [];
    const speculative = new Map(guessed.map((q) => [queryKey(q), positions([q])]));
    for (const read of speculative.values()) read.catch(() => undefined);
    const walletChain = (async () => {
      const mode = knownMode;
      const wallet = await wallets(mode);
      const needed = positionQueries(wallet.positionCoins);
      if (mode === 'unified') lastPositionQueries.value = needed;
      const open = (await Promise.all(needed.map((q) => speculative.get(queryKey(q)) ?? positions([q])))).flat();
      return { mode, wallet, open };
    })();
    const [[markets, tickers], { mode, wallet, open: openPositions }, fund, executions, earned, , history] = await settleAll(stop, [
      pricesRead, walletChain, funding(warnings), fetchSpotExecutions(api, { ...plan, onWindow: progress.add(plan.windows.length) }), earn(warnings), Promise.all(speculative.values()),
      collectHistory(api, { cursors: input.cursors ?? {}, serverNow, mode: knownMode, progress }, warnings),
    ] as const);
    input.onProgress({ step: 'positions', done: 1, total: 1, message: 'Positions read' });
    const fills = executions.flatMap((e) => toFillRow(e, markets) ?? []);
    const unknown = executions.length - fills.length;
    if (unknown > 0) warnings.push(`${countOf(unknown, 'trade')} on markets that no longer exist ${unknown === 1 ? 'was' : 'were'} skipped.`);
    // Cross pairs, third-coin fees and the history's records, each at its own minute's price.
    await Promise.all([attachUsdtRates(api, fills, markets), history ? attachHistoryRates(api, history, markets) : undefined]);
    if (fund.ownId !== null) lastOwnId.value = fund.ownId;
    return {
      serverTime: new Date(serverNow),
      clockOffsetMs: api.clockOffsetMs() ?? 0,
      balances: [...wallet.rows, ...fund.rows, ...earned],
      ownId: fund.ownId,
      tickers: parseTickers(tickers.result, markets),
      fills,
      fillsState: plan.next,
      positions: openPositions,
      accountMode: mode,
      warnings,
      history,
      requests: api.requestCount() - firstRequest,
    };
  }

  return {
    requestCount: () => api.requestCount(),
    ownId: () => lastOwnId.value,
    dailyCloses: async (assets, fromDay, toDay, signal) => {
      api.useSignal(signal);
      return fetchDailyCloses(api, await spotMarkets(), assets, fromDay, toDay);
    },
    collect: async (input) => {
      // This sync's own signal: it follows the caller's (deadline, cancel) and also
      // aborts on the first failed read, so nothing keeps running behind a failure.
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

/**
 * Which position lists to read. Linear positions are listed per settle coin (Bybit
 * requires one), for each stablecoin the wallet says carries position margin; inverse
 * ones settle in many coins but one request without a settle coin lists them all. A
 * classic account's wallet does not say, so it reads USDT linear and inverse.
 */
export function positionQueries(marginCoins: string[] | null): PositionQuery[] {
  if (marginCoins === null) return [{ category: 'linear', settleCoin: 'USDT' }, { category: 'inverse', settleCoin: null }];
  const linear = marginCoins.filter((c) => LINEAR_SETTLE_COINS.includes(c));
  const inverse = marginCoins.some((c) => !LINEAR_SETTLE_COINS.includes(c));
  return [...linear.map((c) => ({ category: 'linear' as const, settleCoin: c })), ...(inverse ? [{ category: 'inverse' as const, settleCoin: null }] : [])];
}

const LINEAR_SETTLE_COINS = ['USDT', 'USDC'];

type PositionQuery = { category: 'linear' | 'inverse'; settleCoin: string | null };

function queryKey(q: PositionQuery): string {
  return `${q.category}:${q.settleCoin ?? ''}`;
}

/**
 * Awaits every chain; on the first failure the sync's signal aborts, so no new request
 * starts and every wait ends (the other chains fail at once) and, once all have
 * settled, that first failure is thrown: a failed sync leaves nothing running behind it.
 */
async function settleAll<T extends readonly unknown[]>(stop: AbortController, chains: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  let first: { error: unknown } | null = null;
  const watched = chains.map((c) => Promise.resolve(c).catch((error: unknown) => {
    if (!first) {
      first = { error };
      stop.abort(error);
    }
    throw error;
  }));
  const settled = await Promise.allSettled(watched);
  if (first) throw (first as { error: unknown }).error;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
