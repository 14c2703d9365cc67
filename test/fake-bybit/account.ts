// Account-level private endpoints: key information, account information, coin list.
import { keyExpiry } from './auth.js';
import type { HandlerContext } from './route-types.js';
import type { Scenario } from './scenario-types.js';

const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** GET /v5/user/query-api: the key-health check reads readOnly, permissions, ips, expiredAt, uta. */
export function queryApi(ctx: HandlerContext): unknown {
  const key = ctx.key;
  if (!key) throw new Error('query-api needs an authenticated key');
  const expiry = keyExpiry(key, ctx.now);
  return {
    id: String(10_000_000 + key.apiKey.length * 7919),
    note: `fake ${key.name} key`,
    apiKey: key.apiKey,
    readOnly: key.readOnly,
    secret: '',
    permissions: key.permissions,
    ips: key.ips,
    type: 1,
    // IP-bound keys never expire; Bybit then reports -2 and the epoch.
    deadlineDay: expiry === null ? -2 : Math.max(0, Math.ceil((expiry - ctx.now) / DAY_MS)),
    expiredAt: expiry === null ? '1970-01-01T00:00:00Z' : iso(expiry),
    createdAt: iso(ctx.now - 30 * DAY_MS),
    unified: 0,
    uta: ctx.scenario.accountMode === 'uta' ? 1 : 0,
    userID: ctx.scenario.userId,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_1',
    kycRegion: 'DEU',
  };
}

/** GET /v5/account/info; ccxt reads unifiedMarginStatus (6 = UTA 2.0 Pro, 1 = classic). */
export function accountInfo(ctx: HandlerContext): unknown {
  return {
    marginMode: 'REGULAR_MARGIN',
    updatedTime: String(ctx.now - 30 * DAY_MS),
    unifiedMarginStatus: ctx.scenario.accountMode === 'uta' ? 6 : 1,
    dcpStatus: 'OFF',
    timeWindow: 10,
    smpGroup: 0,
    isMasterTrader: false,
    spotHedgingStatus: 'OFF',
  };
}

export function scenarioCoins(scenario: Scenario): string[] {
  const coins = new Set<string>();
  for (const m of scenario.spot) coins.add(m.baseCoin).add(m.quoteCoin);
  for (const m of scenario.derivatives) coins.add(m.baseCoin).add(m.settleCoin);
  for (const wallet of Object.values(scenario.wallets)) for (const c of wallet) coins.add(c.coin);
  return [...coins].sort();
}

/** GET /v5/asset/coin/query-info: one generic chain per coin, enough for ccxt's currencies. */
export function coinInfo(ctx: HandlerContext): unknown {
  const wanted = ctx.query.coin;
  const rows = scenarioCoins(ctx.scenario)
    .filter((coin) => wanted === undefined || coin === wanted)
    .map((coin) => ({
      name: coin,
      coin,
      remainAmount: '1000000',
      chains: [
        {
          chainType: coin,
          confirmation: '12',
          withdrawFee: '0.0005',
          depositMin: '0',
          withdrawMin: '0.001',
          chain: coin,
          chainDeposit: '1',
          chainWithdraw: '1',
          minAccuracy: '8',
          withdrawPercentageFee: '0',
          contractAddress: '',
          safeConfirmNumber: '6',
        },
      ],
    }));
  return { rows };
}
