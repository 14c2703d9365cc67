import type { AppError } from '../../errors.js';
import type { CcxtExchange } from '../ccxt-loader.js';
import type { ErrorContext } from '../classify-error.js';
import type { BalanceRow, CollectInput, CollectResult, ExchangeAccountClient, MarketsCache, PositionRow, SpotMarket } from '../types.js';
import type { ResilienceOptions } from '../resilience.js';
import { BybitApi } from './bybit-api.js';
import { attachUsdtRates, fetchSpotExecutions, planWindows, toFillRow } from './bybit-fills.js';
import { parseFundBalance, parsePositions, parseTickers, parseWalletBalance } from './bybit-parse.js';
import { fundBalanceSchema, instrumentsSchema, positionListSchema, queryApiSchema, tickersSchema, walletBalanceSchema } from './bybit-schemas.js';
import { countOf } from '../../../../shared/format/plural.js';

const MARKETS_MAX_AGE_MS = 24 * 3_600_000;

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
 * Bybit V5 read path (DESIGN §5). A warm sync with nothing new is five requests:
 * spot tickers (whose envelope also gives the server time), Unified wallet, Funding
 * wallet, executions since the cursor, and positions only for settle coins that
 * carry position margin. Markets come from public endpoints via a daily DB cache,
 * so ccxt's loadMarkets (which needs a private permission) is never called.
 */
export function createBybitClient(deps: BybitClientDeps): ExchangeAccountClient {
  const api = new BybitApi(deps.ex, deps.errorContext, { resilience: deps.resilience });

  // A kept client remembers its markets, so a warm sync reads them from neither the
  // exchange nor the database.
  let known: { fetchedAt: Date; bySymbol: Map<string, SpotMarket> } | null = null;
  const fresh = (fetchedAt: Date) => deps.now().getTime() - fetchedAt.getTime() < MARKETS_MAX_AGE_MS;

  async function spotMarkets(): Promise<Map<string, SpotMarket>> {
    if (known && fresh(known.fetchedAt)) return known.bySymbol;
    const cached = await deps.marketsCache.load('bybit', deps.endpointKey);
    if (cached && fresh(cached.fetchedAt)) {
      known = { fetchedAt: cached.fetchedAt, bySymbol: new Map(cached.markets.map((m) => [m.symbol, m])) };
      return known.bySymbol;
    }
    const markets: SpotMarket[] = [];
    let cursor = '';
    do {
      const params: Record<string, string | number> = { category: 'spot', limit: 1000 };
      if (cursor) params.cursor = cursor;
      const { result } = await api.publicGet('v5/market/instruments-info', params, instrumentsSchema, 'the market list');
      for (const i of result.list) markets.push({ symbol: i.symbol, base: i.baseCoin, quote: i.quoteCoin });
      cursor = result.nextPageCursor ?? '';
    } while (cursor);
    const fetchedAt = deps.now();
    await deps.marketsCache.save('bybit', deps.endpointKey, fetchedAt, markets);
    known = { fetchedAt, bySymbol: new Map(markets.map((m) => [m.symbol, m])) };
    return known.bySymbol;
  }

  async function accountMode(known: string | null): Promise<string> {
    if (known) return known;
    const { result } = await api.privateGet('v5/user/query-api', {}, queryApiSchema, 'the API key details');
    return String(result.uta ?? result.unified ?? '0') === '1' ? 'unified' : 'classic';
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

  async function funding(warnings: string[]): Promise<BalanceRow[]> {
    try {
      const { result } = await api.privateGet('v5/asset/transfer/query-account-coins-balance', { accountType: 'FUND' }, fundBalanceSchema, 'the Funding wallet');
      return parseFundBalance(result);
    } catch (e) {
      // A key without the Funding permission still syncs everything else.
      if ((e as AppError).errorClass !== 'permission') throw e;
      warnings.push(`Funding wallet not read: ${(e as AppError).message}. ${(e as AppError).recommendation}`);
      return [];
    }
  }

  async function positions(settleCoins: string[] | null): Promise<PositionRow[]> {
    const queries = settleCoins === null
      ? [{ category: 'linear', settleCoin: 'USDT' }, { category: 'inverse', settleCoin: null }]
      : settleCoins.map((coin) => ({ category: coin === 'USDT' || coin === 'USDC' ? 'linear' : 'inverse', settleCoin: coin as string | null }));
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

  async function collect(input: CollectInput, warnings: string[]): Promise<CollectResult> {
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
    // Most accounts that trade derivatives settle in USDT: ask for those positions
    // alongside the wallet; other settle coins follow once the wallet names them.
    const speculative = knownMode === 'unified' ? positions(['USDT']) : null;
    const walletChain = (async () => {
      const mode = knownMode;
      const wallet = await wallets(mode);
      const coins = wallet.positionCoins;
      const open = coins === null ? await positions(null)
        : [...(speculative && coins.includes('USDT') ? await speculative : []), ...(await positions(coins.filter((c) => !(speculative && c === 'USDT'))))];
      return { mode, wallet, open };
    })();
    const [[markets, tickers], { mode, wallet, open: openPositions }, fund, executions] = await settleAll(api, [
      pricesRead, walletChain, funding(warnings), fetchSpotExecutions(api, plan, input.onProgress), speculative ?? Promise.resolve([]),
    ] as const);
    input.onProgress({ step: 'positions', done: 1, total: 1, message: 'Positions read' });
    const fills = executions.flatMap((e) => toFillRow(e, markets) ?? []);
    const unknown = executions.length - fills.length;
    if (unknown > 0) warnings.push(`${countOf(unknown, 'trade')} on markets that no longer exist ${unknown === 1 ? 'was' : 'were'} skipped.`);
    await attachUsdtRates(api, fills, markets);
    return {
      serverTime: new Date(serverNow),
      clockOffsetMs: api.clockOffsetMs() ?? 0,
      balances: [...wallet.rows, ...fund],
      tickers: parseTickers(tickers.result, markets),
      fills,
      fillsState: plan.next,
      positions: openPositions,
      accountMode: mode,
      warnings,
      requests: api.requestCount() - firstRequest,
    };
  }

  return {
    requestCount: () => api.requestCount(),
    collect: (input) => {
      api.resume();
      return collect(input, []);
    },
  };
}

/**
 * Awaits every chain; on the first failure the API stops starting new requests (the
 * other chains fail fast at their next one) and, once all have settled, that first
 * failure is thrown: a failed sync leaves nothing running behind it.
 */
async function settleAll<T extends readonly unknown[]>(api: BybitApi, chains: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  let first: { error: unknown } | null = null;
  const watched = chains.map((c) => Promise.resolve(c).catch((error: unknown) => {
    if (!first) {
      first = { error };
      api.stop(error);
    }
    throw error;
  }));
  const settled = await Promise.allSettled(watched);
  if (first) throw (first as { error: unknown }).error;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
