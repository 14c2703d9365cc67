// The fake's history endpoints, driven by ccxt's unmodified bybit class: Bybit's windows,
// page limits, cursors and permission errors.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicScenario, createServer, NO_WALLET_KEY, READ_ONLY_KEY, type FakeApiKey, type FakeBybitServer } from '../fake-bybit/index.js';

type Params = Record<string, unknown>;
type Call = (params: Params) => Promise<{ retCode: number; result: Record<string, unknown> }>;
type Client = Record<string, Call> & { urls: { api: Record<string, string> } };

const req = createRequire(import.meta.url);
const ccxtRoot = path.dirname(path.dirname(req.resolve('ccxt')));
const { default: Bybit } = (await import(pathToFileURL(path.join(ccxtRoot, 'js/src/bybit.js')).href)) as { default: new (config: Params) => Client };

const DAY = 86_400_000;

function client(server: FakeBybitServer, key: FakeApiKey = READ_ONLY_KEY): Client {
  const ex = new Bybit({ apiKey: key.apiKey, secret: key.secret, enableRateLimit: false });
  for (const k of Object.keys(ex.urls.api)) ex.urls.api[k] = server.url;
  return ex;
}

/** The retCode of a call ccxt turned into an error (ccxt puts Bybit's body in the message). */
async function retCodeOf(call: () => Promise<unknown>): Promise<number | null> {
  try {
    await call();
    return 0;
  } catch (e) {
    const m = /"retCode":(\d+)/.exec(String((e as Error).message));
    return m ? Number(m[1]) : null;
  }
}

const WINDOWED: Array<[method: string, params: Params, maxDays: number, maxLimit: number]> = [
  ['privateGetV5PositionClosedPnl', { category: 'linear' }, 7, 100],
  ['privateGetV5AccountTransactionLog', { accountType: 'UNIFIED' }, 7, 50],
  ['privateGetV5AssetDepositQueryRecord', {}, 30, 50],
  ['privateGetV5AssetWithdrawQueryRecord', {}, 30, 50],
  ['privateGetV5AssetTransferQueryInterTransferList', {}, 7, 50],
  ['privateGetV5AssetTransferQueryUniversalTransferList', {}, 7, 50],
];

describe('fake Bybit history endpoints', () => {
  let server: FakeBybitServer;
  beforeAll(async () => {
    server = await createServer();
  });
  afterAll(async () => server.close());

  it.each(WINDOWED)('%s accepts its widest window, refuses one millisecond more and a page over its limit (10001)', async (method, params, maxDays, maxLimit) => {
    const ex = client(server);
    const now = server.now();
    expect(await retCodeOf(() => ex[method]!({ ...params, startTime: now - maxDays * DAY, endTime: now }))).toBe(0);
    expect(await retCodeOf(() => ex[method]!({ ...params, startTime: now - maxDays * DAY - 1, endTime: now }))).toBe(10001);
    expect(await retCodeOf(() => ex[method]!({ ...params, limit: maxLimit + 1 }))).toBe(10001);
  });

  it('serves closed P&L newest first with a cursor, numbers as strings', async () => {
    const ex = client(server);
    const now = server.now();
    const first = await ex.privateGetV5PositionClosedPnl!({ category: 'inverse', startTime: now - 7 * DAY * 4, endTime: now - 7 * DAY * 3 });
    expect(first.retCode).toBe(0);
    const list = first.result.list as Array<Record<string, unknown>>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ symbol: 'BTCUSD', closedPnl: '0.00058161', side: 'Sell' });
    expect(typeof list[0]!.createdTime).toBe('string');
  });

  it('pages the convert history with limit and cursor, times in seconds', async () => {
    const ex = client(server);
    server.scenario.history!.converts.push({ ...server.scenario.history!.converts[0]!, exchangeTxId: 'second', createdTime: server.now() - DAY });
    const page1 = await ex.privateGetV5AssetExchangeOrderRecord!({ limit: 1 });
    const body1 = page1.result.orderBody as Array<{ exchangeTxId: string; createdTime: string }>;
    expect(body1.map((r) => r.exchangeTxId)).toEqual(['second']);
    expect(body1[0]!.createdTime).toMatch(/^\d{10}$/);
    const page2 = await ex.privateGetV5AssetExchangeOrderRecord!({ limit: 1, cursor: page1.result.nextPageCursor });
    expect((page2.result.orderBody as Array<{ exchangeTxId: string }>).map((r) => r.exchangeTxId)).toEqual(['410e85c5-0001-4000-8000-000000000001']);
    expect(page2.result.nextPageCursor).toBe('');
  });

  it('refuses the asset history to a key without a Wallet permission (10005), not the derivatives history', async () => {
    const ex = client(server, NO_WALLET_KEY);
    for (const m of ['privateGetV5AssetDepositQueryRecord', 'privateGetV5AssetWithdrawQueryRecord', 'privateGetV5AssetTransferQueryInterTransferList', 'privateGetV5AssetTransferQueryUniversalTransferList']) {
      expect(await retCodeOf(() => ex[m]!({})), m).toBe(10005);
    }
    expect(await retCodeOf(() => ex.privateGetV5PositionClosedPnl!({ category: 'linear' }))).toBe(0);
  });

  it('has no transaction log for a classic account', async () => {
    const classic = await createServer({ scenario: classicScenario() });
    try {
      expect(await retCodeOf(() => client(classic).privateGetV5AccountTransactionLog!({}))).toBe(10001);
    } finally {
      await classic.close();
    }
  });
});
