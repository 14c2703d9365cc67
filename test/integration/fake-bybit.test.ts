// The fake Bybit V5 server driven by ccxt's unmodified bybit class, pointed at it the
// way the app does: every entry of `urls.api` replaced by the fake's URL.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT_IN_KEYS, EXPIRED_KEY, EXPIRING_KEY, IP_MISMATCH_KEY, NO_COIN_INFO_KEY, NO_EARN_KEY, NO_WALLET_KEY, READ_ONLY_KEY, TESTNET_KEY,
  TRADING_KEY, benchScenario, classicScenario, createServer, fillFee, smallScenario, wholeScenario, type FakeApiKey, type FakeBybitServer,
  type Fill, type Scenario,
} from '../fake-bybit/index.js';
import { parse } from '../fake-bybit/decimal.js';

type Params = Record<string, unknown>;
interface Balance { total: Record<string, number | undefined>; used: Record<string, number | undefined> }
interface Envelope<R> { retCode: number; retMsg: string; result: R; time: number }
interface ExecPage { nextPageCursor: string; category: string; list: Array<{ execId: string; execTime: string; symbol: string; feeCurrency: string; execFee: string }> }
interface WalletResult { list: Array<{ accountType: string; coin: Array<{ coin: string; walletBalance: string; totalPositionIM: string; unrealisedPnl: string; equity: string }> }> }

/** The slice of ccxt's bybit class these tests use. */
interface BybitClient {
  urls: { api: Record<string, string> };
  options: Params & { timeDifference: number };
  timeout: number;
  last_response_headers: Record<string, string> | undefined;
  loadMarkets(reload?: boolean): Promise<Record<string, unknown>>;
  fetchMarkets(): Promise<unknown[]>;
  fetchTime(): Promise<number | undefined>;
  fetchBalance(params?: Params): Promise<Balance>;
  fetchTickers(symbols?: string[], params?: Params): Promise<Record<string, { last?: number }>>;
  fetchPositions(symbols?: string[], params?: Params): Promise<Array<{ symbol: string; contracts?: number; initialMargin?: number; unrealizedPnl?: number }>>;
  fetchMyTrades(symbol?: string, since?: number, limit?: number, params?: Params): Promise<Array<{ symbol: string; fee?: { cost?: number; currency?: string } }>>;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<number[][]>;
  privateGetV5ExecutionList(params: Params): Promise<Envelope<ExecPage>>;
  privateGetV5PositionList(params: Params): Promise<Envelope<unknown>>;
  privateGetV5UserQueryApi(params?: Params): Promise<Envelope<{ readOnly: number; ips: string[]; deadlineDay: number; expiredAt: string; uta: number; permissions: Record<string, string[]> }>>;
  privateGetV5AccountWalletBalance(params: Params): Promise<Envelope<WalletResult> | string>;
  privateGetV5EarnPosition(params: Params): Promise<Envelope<{ list: Array<Record<string, string>> }>>;
}
type ErrorClass = abstract new (...args: never[]) => Error;

const req = createRequire(import.meta.url);
const ccxtRoot = path.dirname(path.dirname(req.resolve('ccxt')));
const { default: Bybit } = (await import(pathToFileURL(path.join(ccxtRoot, 'js/src/bybit.js')).href)) as { default: new (config: Params) => BybitClient };
const errors = (await import(pathToFileURL(path.join(ccxtRoot, 'js/src/base/errors.js')).href)) as Record<
  'AuthenticationError' | 'PermissionDenied' | 'InvalidNonce' | 'BadRequest' | 'RateLimitExceeded' | 'ExchangeNotAvailable' | 'NetworkError' | 'RequestTimeout',
  ErrorClass
>;

const DAY = 86_400_000;

function client(server: FakeBybitServer, key: FakeApiKey = READ_ONLY_KEY, extra: Params = {}): BybitClient {
  const ex = new Bybit({ apiKey: key.apiKey, secret: key.secret, enableRateLimit: false, ...extra });
  for (const k of Object.keys(ex.urls.api)) ex.urls.api[k] = server.url;
  return ex;
}

/** Runs `call`, expects it to throw `errorClass`, returns the retCode found in ccxt's message. */
async function failure(call: () => Promise<unknown>, errorClass: ErrorClass): Promise<number | null> {
  const error = await call().then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorClass);
  const match = /"retCode":(\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : null;
}

/** Fetches every page of one execution window through ccxt's implicit API. */
async function allPages(ex: BybitClient, params: Params, between?: () => void): Promise<{ pages: number; ids: string[]; times: number[] }> {
  const ids: string[] = [];
  const times: number[] = [];
  let cursor = '';
  let pages = 0;
  do {
    const res = await ex.privateGetV5ExecutionList({ ...params, ...(cursor ? { cursor } : {}) });
    pages += 1;
    for (const e of res.result.list) {
      ids.push(e.execId);
      times.push(Number(e.execTime));
    }
    cursor = res.result.nextPageCursor;
    between?.();
  } while (cursor !== '');
  return { pages, ids, times };
}

describe('fake Bybit V5 server through ccxt', () => {
  let server: FakeBybitServer;

  beforeAll(async () => {
    server = await createServer({ scenario: smallScenario() });
  });
  afterEach(() => server.reset());
  afterAll(async () => server.close());

  describe('authentication', () => {
    it('accepts ccxt signatures and serves balances, markets and positions', async () => {
      const ex = client(server);
      await ex.loadMarkets();
      const unified = await ex.fetchBalance();
      expect(unified.total.BTC).toBe(0.4);
      expect(unified.total.XNOP).toBe(123);
      // Bybit leaves availableToWithdraw empty; ccxt then derives `used` from locked + position IM.
      expect(unified.used.USDT).toBe(850);
      const fund = await ex.fetchBalance({ type: 'funding' });
      expect(fund.total).toEqual({ BTC: 0.1, USDT: 250 });
      const spot = await ex.fetchTickers(undefined, { type: 'spot' });
      expect(spot['BTC/USDT']?.last).toBe(90000);
      expect(Object.keys(spot)).toHaveLength(9);
      // Without a type ccxt asks for linear swaps only.
      expect(Object.keys(await ex.fetchTickers())).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
      const positions = await ex.fetchPositions();
      expect(positions.map((p) => [p.symbol, p.contracts, p.initialMargin, p.unrealizedPnl])).toEqual([['BTC/USDT:USDT', 0.1, 850, 500]]);
      const logged = server.requests.filter((r) => r.apiKey !== null);
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(server.requests)).not.toContain(READ_ONLY_KEY.secret);
    });

    it('answers a wrong secret with 10004 (AuthenticationError)', async () => {
      const ex = client(server, { ...READ_ONLY_KEY, secret: 'not-the-secret' });
      expect(await failure(() => ex.fetchBalance(), errors.AuthenticationError)).toBe(10004);
    });

    it('answers an unknown key with 10003 (AuthenticationError)', async () => {
      const ex = client(server, { ...READ_ONLY_KEY, apiKey: 'NOSUCHKEY000000000' });
      expect(await failure(() => ex.privateGetV5UserQueryApi(), errors.AuthenticationError)).toBe(10003);
    });

    it('refuses a timestamp outside the window with 10002, and timeDifference fixes it', async () => {
      server.clockSkewMs = 10_000; // the local clock is 10 s behind the server
      const ex = client(server);
      expect(await failure(() => ex.privateGetV5UserQueryApi(), errors.InvalidNonce)).toBe(10002);
      const last = server.requests.at(-1);
      expect(last?.retCode).toBe(10002);
      // ccxt's nonce is local time − timeDifference: measure the offset first.
      const serverTime = await ex.fetchTime();
      ex.options.timeDifference = Date.now() - (serverTime ?? 0);
      expect((await ex.privateGetV5UserQueryApi()).retCode).toBe(0);

      server.clockSkewMs = -3_000; // a local clock ahead by 3 s: ts ≥ server + 1000
      const ahead = client(server);
      expect(await failure(() => ahead.privateGetV5UserQueryApi(), errors.InvalidNonce)).toBe(10002);
    });

    it('knows a testnet key only on a testnet instance, and vice versa', async () => {
      expect(await failure(() => client(server, TESTNET_KEY).fetchBalance(), errors.AuthenticationError)).toBe(10003);
      const testnet = await createServer({ environment: 'testnet' });
      try {
        expect((await client(testnet, TESTNET_KEY).privateGetV5UserQueryApi()).retCode).toBe(0);
        expect(await failure(() => client(testnet, READ_ONLY_KEY).privateGetV5UserQueryApi(), errors.AuthenticationError)).toBe(10003);
      } finally {
        await testnet.close();
      }
    });

    it('refuses expired keys (33004), foreign IPs (10010) and FUND without Wallet permission (10005)', async () => {
      expect(await failure(() => client(server, EXPIRED_KEY).privateGetV5UserQueryApi(), errors.AuthenticationError)).toBe(33004);
      expect(await failure(() => client(server, IP_MISMATCH_KEY).privateGetV5UserQueryApi(), errors.PermissionDenied)).toBe(10010);
      const noWallet = client(server, NO_WALLET_KEY);
      expect((await noWallet.fetchBalance()).total.BTC).toBe(0.4);
      expect(await failure(() => noWallet.fetchBalance({ type: 'funding' }), errors.PermissionDenied)).toBe(10005);
    });

    it('serves Earn positions with Bybit\'s fields, redeemed Flexible Saving rows included, and refuses a key without Earn (10005)', async () => {
      const whole = await createServer({ scenario: wholeScenario() });
      try {
        const ex = client(whole);
        const flexible = (await ex.privateGetV5EarnPosition({ category: 'FlexibleSaving' })).result.list;
        expect(flexible.map((r) => [r.coin, r.amount])).toEqual([['USDT', '1000'], ['BTC', '0.05'], ['ETH', '0'], ['USDT', '10']]);
        expect(Object.keys(flexible[0]!)).toEqual(expect.arrayContaining(['coin', 'productId', 'amount', 'totalPnl', 'claimableYield', 'id', 'status', 'orderId', 'estimateRedeemTime', 'estimateStakeTime', 'estimateInterestCalculationTime', 'settlementTime']));
        const onChain = (await ex.privateGetV5EarnPosition({ category: 'OnChain', coin: 'ETH' })).result.list;
        expect(onChain).toEqual([expect.objectContaining({ coin: 'ETH', productId: '8', amount: '1.5', status: 'Active' })]);
        expect(await failure(() => ex.privateGetV5EarnPosition({}), errors.BadRequest)).toBe(10001);
        expect(await failure(() => client(whole, NO_EARN_KEY).privateGetV5EarnPosition({ category: 'OnChain' }), errors.PermissionDenied)).toBe(10005);
        expect(whole.equity()).toBe('77165.6621');
      } finally {
        await whole.close();
      }
    });

    it('reproduces loadMarkets failing on /v5/asset/coin/query-info, while public markets load', async () => {
      const ex = client(server, NO_COIN_INFO_KEY);
      expect(await failure(() => ex.loadMarkets(), errors.PermissionDenied)).toBe(10005);
      expect((await ex.fetchMarkets()).length).toBe(12);
      expect((await ex.privateGetV5UserQueryApi()).retCode).toBe(0);
    });

    it('describes each key in query-api the way the key-health check needs', async () => {
      const readOnly = (await client(server).privateGetV5UserQueryApi()).result;
      expect(readOnly).toMatchObject({ readOnly: 1, ips: ['127.0.0.1'], deadlineDay: -2, expiredAt: '1970-01-01T00:00:00Z', uta: 1 });
      const trading = (await client(server, TRADING_KEY).privateGetV5UserQueryApi()).result;
      expect(trading).toMatchObject({ readOnly: 0, ips: ['*'] });
      expect(trading.permissions.Wallet).toContain('Withdraw');
      const expiring = (await client(server, EXPIRING_KEY).privateGetV5UserQueryApi()).result;
      expect(expiring.deadlineDay).toBe(3);
      expect(Date.parse(expiring.expiredAt) - server.now()).toBeLessThan(7 * DAY);
      expect(new Set(BUILT_IN_KEYS.map((k) => k.apiKey)).size).toBe(BUILT_IN_KEYS.length);
    });
  });

  describe('executions', () => {
    it('pages newest first with an opaque cursor and refuses windows over 7 days', async () => {
      const now = server.now();
      for (let i = 0; i < 250; i++) {
        server.addFill({ category: 'spot', symbol: 'SOLUSDT', side: 'Buy', execQty: '1', execPrice: '150', execTime: now - 5 * DAY + i * 60_000 });
      }
      const ex = client(server);
      const window = { category: 'spot', startTime: now - 6 * DAY, endTime: now, limit: 100 };
      const newFill: Fill = { category: 'spot', symbol: 'SOLUSDT', side: 'Sell', execQty: '1', execPrice: '151', execTime: now - 1000 };
      // A fill arriving between pages is newer than the cursor: it must neither appear nor shift the pages.
      const { pages, ids, times } = await allPages(ex, window, () => {
        if (!server.scenario.fills.includes(newFill)) server.addFill(newFill);
      });
      expect(pages).toBe(3);
      // The scenario's own fills are all older than 6 days.
      expect(ids).toHaveLength(250);
      expect(new Set(ids).size).toBe(250);
      expect(times).toEqual([...times].sort((a, b) => b - a));

      expect(await failure(() => ex.privateGetV5ExecutionList({ category: 'spot', startTime: now - 7 * DAY - 1, endTime: now }), errors.BadRequest)).toBe(10001);
      expect((await ex.privateGetV5ExecutionList({ category: 'spot', startTime: now - 7 * DAY, endTime: now })).retCode).toBe(0);
      expect(await failure(() => ex.privateGetV5ExecutionList({ category: 'spot', limit: 101 }), errors.BadRequest)).toBe(10001);
    });

    it('defaults to the last 7 days, or 7 days from startTime / up to endTime', async () => {
      const now = server.now();
      const ex = client(server);
      const symbols = async (params: Params): Promise<string[]> =>
        (await ex.privateGetV5ExecutionList({ category: 'spot', ...params })).result.list.map((e) => e.symbol);
      expect(await symbols({})).toEqual([]);
      expect(await symbols({ startTime: now - 13 * DAY })).toEqual(['ETHUSDT']);
      expect(await symbols({ endTime: now - 14 * DAY })).toEqual(['ETHBTC']);
      expect(await symbols({ startTime: now - 61 * DAY, endTime: now - 59 * DAY })).toEqual(['BTCUSDT']);
    });

    it('never returns history older than 2 years, and reports fees as Bybit does', async () => {
      const now = server.now();
      const ex = client(server);
      expect((await ex.privateGetV5ExecutionList({ category: 'spot', startTime: now - 801 * DAY, endTime: now - 794 * DAY })).result.list).toEqual([]);
      const seen: ExecPage['list'] = [];
      for (let end = now; end > now - 730 * DAY; end -= 7 * DAY) {
        seen.push(...(await ex.privateGetV5ExecutionList({ category: 'spot', startTime: Math.max(end - 7 * DAY, now - 730 * DAY), endTime: end, limit: 100 })).result.list);
      }
      expect(seen.map((e) => `${e.symbol} ${e.execFee} ${e.feeCurrency}`).sort()).toEqual([
        'BTCUSDC 10 MNT',
        'BTCUSDT 0.0004 BTC',
        'BTCUSDT 3.168 USDT',
        'ETHBTC 0.002 ETH',
        'ETHUSDT 0.001 ETH',
        'MNTUSDT 0.06 MNT',
      ]);
      // ccxt ignores feeCurrency and guesses the fee coin (base for a buy): the 10 MNT fee comes back as BTC.
      const trades = await ex.fetchMyTrades(undefined, now - 46 * DAY, undefined, { type: 'spot' });
      expect(trades.map((t) => [t.symbol, t.fee?.cost, t.fee?.currency])).toEqual([['BTC/USDC', 10, 'BTC']]);
    });

    it('serves klines from the scenario price history', async () => {
      const ex = client(server);
      const now = server.now();
      // BTC was 60000 when ETH was bought on ETHBTC, 20 days ago.
      const [candle] = await ex.fetchOHLCV('BTC/USDT', '1h', now - 20 * DAY, 1);
      expect(candle?.[4]).toBe(60000);
    });
  });

  describe('positions and wallets', () => {
    it('requires settleCoin or symbol for linear and derives IM from open positions', async () => {
      const ex = client(server);
      expect(await failure(() => ex.privateGetV5PositionList({ category: 'linear' }), errors.BadRequest)).toBe(10001);
      const usdt = async (): Promise<WalletResult['list'][number]['coin'][number] | undefined> => {
        const res = await ex.privateGetV5AccountWalletBalance({ accountType: 'UNIFIED' });
        if (typeof res === 'string') throw new Error('unexpected raw body');
        return res.result.list[0]?.coin.find((c) => c.coin === 'USDT');
      };
      expect(await usdt()).toMatchObject({ walletBalance: '5000', totalPositionIM: '850', unrealisedPnl: '500', equity: '5500' });
      server.scenario.positions = [];
      server.setBalance('UNIFIED', 'USDT', '4000');
      expect(await usdt()).toMatchObject({ walletBalance: '4000', totalPositionIM: '0', unrealisedPnl: '0' });
    });

    it('serves inverse positions margined in the base coin', async () => {
      const ex = client(server);
      server.scenario.positions.push({ category: 'inverse', symbol: 'BTCUSD', side: 'Buy', size: '1000', avgPrice: '80000', leverage: '5', createdTime: server.now() - DAY });
      const inverse = await ex.fetchPositions(undefined, { subType: 'inverse' });
      // 1000 USD of contracts: value 0.0125 BTC, IM 0.0025 BTC, uPnL 1000 × (1/80000 − 1/90000) BTC.
      expect(inverse.map((p) => [p.symbol, p.contracts, p.initialMargin, p.unrealizedPnl])).toEqual([['BTC/USD:BTC', 1000, 0.0025, 0.00138889]]);
      const res = await ex.privateGetV5AccountWalletBalance({ accountType: 'UNIFIED', coin: 'BTC' });
      if (typeof res === 'string') throw new Error('unexpected raw body');
      expect(res.result.list[0]?.coin[0]).toMatchObject({ coin: 'BTC', totalPositionIM: '0.0025', unrealisedPnl: '0.00138889', equity: '0.40138889' });
    });

    it('serves a classic account through SPOT and CONTRACT wallets', async () => {
      const classic = await createServer({ scenario: classicScenario() });
      try {
        const ex = client(classic);
        expect((await ex.fetchBalance()).total).toEqual({ USDT: 5000 });
        expect((await ex.fetchBalance({ type: 'spot' })).total.BTC).toBe(0.4);
        expect((await ex.privateGetV5UserQueryApi()).result.uta).toBe(0);
      } finally {
        await classic.close();
      }
    });
  });

  describe('faults', () => {
    it('makes each fault observable through ccxt', async () => {
      const ex = client(server, READ_ONLY_KEY, { timeout: 400 });
      await ex.loadMarkets();
      const wallet = '/v5/account/wallet-balance';
      server.addFault({ path: wallet, kind: 'http', status: 502, times: 1 });
      await failure(() => ex.fetchBalance(), errors.ExchangeNotAvailable);
      server.addFault({ path: wallet, kind: 'reset', times: 1 });
      await failure(() => ex.fetchBalance(), errors.NetworkError);
      server.addFault({ path: wallet, kind: 'hang', times: 1 });
      await failure(() => ex.fetchBalance(), errors.RequestTimeout);
      server.addFault({ path: wallet, kind: 'http', status: 403, times: 1 });
      await failure(() => ex.fetchBalance(), errors.RateLimitExceeded);
      server.addFault({ path: wallet, kind: 'retCode', retCode: 10006, times: 1 });
      expect(await failure(() => ex.fetchBalance(), errors.RateLimitExceeded)).toBe(10006);
      expect(ex.last_response_headers).toMatchObject({ 'X-Bapi-Limit-Status': '0' });
      server.addFault({ kind: 'retCode', retCode: 10016, times: 1 });
      await failure(() => ex.fetchTime(), Error);
      expect((await ex.fetchBalance()).total.BTC).toBe(0.4);
    });

    it('passes malformed, truncated and incomplete bodies through ccxt without an error', async () => {
      // ccxt raises nothing here: the app itself must check the shape (bad-response).
      const ex = client(server);
      await ex.loadMarkets();
      const wallet = '/v5/account/wallet-balance';
      for (const fault of [{ kind: 'malformedJson' }, { kind: 'truncatedJson' }] as const) {
        server.addFault({ path: wallet, times: 1, ...fault });
        expect(typeof (await ex.privateGetV5AccountWalletBalance({ accountType: 'UNIFIED' }))).toBe('string');
        server.addFault({ path: wallet, times: 1, ...fault });
        expect((await ex.fetchBalance()).total).toEqual({});
      }
      server.addFault({ path: wallet, kind: 'missingField', field: 'result.list', times: 1 });
      expect((await ex.fetchBalance()).total).toEqual({});
    });

    it('adds latency and takes faults over the HTTP control endpoint', async () => {
      const ex = client(server);
      server.addFault({ path: '/v5/market/time', kind: 'latency', ms: 150, times: 1 });
      const started = Date.now();
      await ex.fetchTime();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);

      const added = await fetch(`${server.url}/__control/faults`, { method: 'POST', body: JSON.stringify({ path: '/v5/market/time', kind: 'http', status: 503 }) });
      expect(added.status).toBe(200);
      await failure(() => ex.fetchTime(), errors.ExchangeNotAvailable);
      await failure(() => ex.fetchTime(), errors.ExchangeNotAvailable);
      await fetch(`${server.url}/__control/faults`, { method: 'DELETE' });
      expect(await ex.fetchTime()).toBeGreaterThan(0);
      const log = (await (await fetch(`${server.url}/__control/requests`)).json()) as { counts: Record<string, number> };
      expect(log.counts['/v5/market/time']).toBe(4);
      expect((await fetch(`${server.url}/v5/no/such/path`)).status).toBe(404);
    });
  });

  describe('rate limits and the request log', () => {
    it('sends X-Bapi-Limit headers and answers 10006 past the per-key limit', async () => {
      const limited = await createServer({ rateLimits: { '/v5/account/info': 2 }, enforceRateLimits: true });
      try {
        const ex = client(limited);
        await ex.privateGetV5UserQueryApi();
        expect(ex.last_response_headers).toMatchObject({ 'X-Bapi-Limit': '10', 'X-Bapi-Limit-Status': '9' });
        const info = (ex as unknown as { privateGetV5AccountInfo(): Promise<unknown> }).privateGetV5AccountInfo.bind(ex);
        await info();
        await info();
        expect(await failure(info, errors.RateLimitExceeded)).toBe(10006);
        expect(Number(ex.last_response_headers?.['X-Bapi-Limit-Reset-Timestamp'])).toBeGreaterThan(limited.now() - 1000);
      } finally {
        await limited.close();
      }
    });

    it('counts requests per path', async () => {
      const ex = client(server);
      server.clearRequests();
      await ex.loadMarkets();
      // ccxt's loadMarkets: spot, linear and inverse (each twice, with PreLaunch), six option bases, coin info.
      expect(server.requestCounts()).toEqual({ '/v5/market/instruments-info': 11, '/v5/asset/coin/query-info': 1 });
      await ex.fetchBalance();
      expect(server.countRequests('/v5/account/wallet-balance')).toBe(1);
      const entry = server.requests.find((r) => r.path === '/v5/account/wallet-balance');
      expect(entry).toMatchObject({ method: 'GET', query: { accountType: 'UNIFIED' }, apiKey: READ_ONLY_KEY.apiKey, status: 200, retCode: 0 });
      expect(entry?.finishedAt).toBeGreaterThanOrEqual(entry?.startedAt ?? Infinity);
    });
  });
});

describe('benchScenario', () => {
  it('builds the benchmark account deterministically', () => {
    const now = Date.UTC(2026, 10, 21);
    const a: Scenario = benchScenario({ assets: 40, fills: 2000, days: 400, positions: 5, seed: 7, now });
    expect(benchScenario({ seed: 7, now })).toEqual(a);
    expect(a.wallets.UNIFIED).toHaveLength(40);
    expect(a.wallets.FUND).toHaveLength(40);
    expect(a.fills).toHaveLength(2000);
    expect(a.positions.filter((p) => p.category === 'linear')).toHaveLength(5);
    expect(a.positions.filter((p) => p.category === 'inverse')).toHaveLength(2);
    expect(new Set(a.earn?.map((e) => e.category))).toEqual(new Set(['FlexibleSaving', 'OnChain']));
    expect(a.fills.every((f) => f.execTime > now - 400 * DAY && f.execTime <= now)).toBe(true);
    expect(a.fills.some((f) => f.feeCurrency === 'MNT')).toBe(true);
    expect(a.wallets.UNIFIED.every((c) => !c.walletBalance.startsWith('-'))).toBe(true);
    // Holdings are exactly what the fills explain (UNIFIED + FUND + Earn), checked on one coin.
    const sol = a.fills.filter((f) => f.symbol === 'SOLUSDT');
    let explained = 0n;
    for (const f of sol) {
      const { execFee, feeCurrency } = fillFee(a, f);
      explained += f.side === 'Buy' ? parse(f.execQty) - (feeCurrency === 'SOL' ? parse(execFee) : 0n) : -parse(f.execQty);
    }
    const held = ['UNIFIED', 'FUND'] as const;
    const earned = (a.earn ?? []).filter((e) => e.coin === 'SOL').map((e) => e.amount);
    expect(earned).toHaveLength(1);
    const total = [...held.map((w) => a.wallets[w].find((c) => c.coin === 'SOL')?.walletBalance ?? '0'), ...earned].reduce((sum, v) => sum + parse(v), 0n);
    expect(total).toBe(explained);
  });
});
