// The API keys the fake knows. All obviously fake; each one exists to drive one
// branch of the app's error handling or key-health check.
import type { Environment } from './scenario-types.js';

/** `GET /v5/user/query-api` permission groups, as Bybit names them. */
export interface KeyPermissions {
  ContractTrade: string[];
  Spot: string[];
  Wallet: string[];
  Options: string[];
  Derivatives: string[];
  CopyTrading: string[];
  BlockTrade: string[];
  Exchange: string[];
  NFT: string[];
  Affiliate: string[];
  Earn: string[];
}

/** A key as the fake stores it. */
export interface FakeApiKey {
  /** Short label for logs and test names. */
  name: string;
  apiKey: string;
  secret: string;
  environment: Environment;
  readOnly: 0 | 1;
  permissions: KeyPermissions;
  /** Bound IPs; ['*'] means not bound. */
  ips: string[];
  /** Days until expiry, counted from the server clock; null = never (IP-bound keys); ≤ 0 = expired. */
  expiresInDays: number | null;
  /** Private paths this key is refused on with 10005 although its permissions look sufficient. */
  deniedPaths?: string[];
}

function permissions(overrides: Partial<KeyPermissions>): KeyPermissions {
  return {
    ContractTrade: [],
    Spot: [],
    Wallet: [],
    Options: [],
    Derivatives: [],
    CopyTrading: [],
    BlockTrade: [],
    Exchange: [],
    NFT: [],
    Affiliate: [],
    Earn: [],
    ...overrides,
  };
}

// What a read-only key created with every box ticked shows: the read side of each group.
const READ_ALL = permissions({
  ContractTrade: ['Order', 'Position'],
  Spot: ['SpotTrade'],
  Wallet: ['AccountTransfer', 'SubMemberTransfer'],
  Options: ['OptionsTrade'],
  Derivatives: ['DerivativesTrade'],
  Exchange: ['ExchangeHistory'],
  Earn: ['Earn'],
});

function key(name: string, id: string, fields: Partial<FakeApiKey>): FakeApiKey {
  return {
    name,
    apiKey: `FAKE${id}`.padEnd(18, 'X'),
    secret: `fakesecret-${name}`.padEnd(36, '0'),
    environment: 'mainnet',
    readOnly: 1,
    permissions: READ_ALL,
    ips: ['*'],
    expiresInDays: 80,
    ...fields,
  };
}

/** Healthy read-only key, bound to 127.0.0.1, never expires: what the app should be given. */
export const READ_ONLY_KEY = key('read-only', 'READONLY', { ips: ['127.0.0.1'], expiresInDays: null });

/** Can trade spot and contracts, not IP-bound: the key-health check must warn. */
export const TRADING_KEY = key('trading', 'TRADING', {
  readOnly: 0,
  permissions: { ...READ_ALL, Wallet: ['AccountTransfer', 'SubMemberTransfer', 'Withdraw'] },
  expiresInDays: 60,
});

/** Read-only, unbound, expires in 3 days. */
export const EXPIRING_KEY = key('expiring', 'EXPIRING', { expiresInDays: 3 });

/** Expired: every private call answers 33004. */
export const EXPIRED_KEY = key('expired', 'EXPIRED', { expiresInDays: -2 });

/** Exists on testnet only: a mainnet instance answers 10003. */
export const TESTNET_KEY = key('testnet', 'TESTNET', { environment: 'testnet', ips: ['127.0.0.1'], expiresInDays: null });

/** Exists on demo trading only. */
export const DEMO_KEY = key('demo', 'DEMO', { environment: 'demo', ips: ['127.0.0.1'], expiresInDays: null });

/** Bound to addresses that exclude 127.0.0.1: every private call answers 10010. */
export const IP_MISMATCH_KEY = key('ip-mismatch', 'IPBOUND', { ips: ['203.0.113.7', '198.51.100.22'], expiresInDays: null });

/** No Wallet permission: the Funding wallet answers 10005, everything else works. */
export const NO_WALLET_KEY = key('no-wallet', 'NOWALLET', {
  permissions: { ...READ_ALL, Wallet: [] },
  ips: ['127.0.0.1'],
  expiresInDays: null,
});

/** No Earn permission: the Earn positions answer 10005, everything else works. */
export const NO_EARN_KEY = key('no-earn', 'NOEARN', {
  permissions: { ...READ_ALL, Earn: [] },
  ips: ['127.0.0.1'],
  expiresInDays: null,
});

/** Refused on /v5/asset/coin/query-info, which ccxt's loadMarkets calls whenever keys are set. */
export const NO_COIN_INFO_KEY = key('no-coin-info', 'NOCOININFO', {
  ips: ['127.0.0.1'],
  expiresInDays: null,
  deniedPaths: ['/v5/asset/coin/query-info'],
});

/** Every built-in key. */
export const BUILT_IN_KEYS: readonly FakeApiKey[] = [
  READ_ONLY_KEY,
  TRADING_KEY,
  EXPIRING_KEY,
  EXPIRED_KEY,
  TESTNET_KEY,
  DEMO_KEY,
  IP_MISMATCH_KEY,
  NO_WALLET_KEY,
  NO_EARN_KEY,
  NO_COIN_INFO_KEY,
];

/** Wallet permissions that let a key read the Funding wallet (ccxt: "requires transfer permission"). */
export function canReadFunding(k: FakeApiKey): boolean {
  return k.permissions.Wallet.some((p) => ['AccountTransfer', 'SubMemberTransfer', 'Withdraw'].includes(p));
}

/** The Earn endpoints need the key's Earn permission. */
export function canReadEarn(k: FakeApiKey): boolean {
  return k.permissions.Earn.length > 0;
}

/** Convert (coin exchange) history needs the Exchange group's history permission. */
export function canReadConverts(k: FakeApiKey): boolean {
  return k.permissions.Exchange.includes('ExchangeHistory');
}
