import { AppError, configError } from '../errors.js';
import type { Credentials } from '../secrets/secret-store.js';
import type { CcxtExchange, CcxtLoader } from './ccxt-loader.js';
import type { ErrorContext } from './classify-error.js';
import type { Redactor } from '../redact.js';
import type { ExchangeAccountClient, MarketsCache } from './types.js';
import { createBybitClient } from './bybit/bybit-client.js';
import { createGenericClient } from './generic-client.js';
import { createOkxClient } from './okx/okx-client.js';
import type { ResilienceOptions } from './resilience.js';

/** One exchange account's connection settings (no secrets but the credentials object). */
export interface AccountConnection {
  exchangeId: string;
  accountId: string;
  testnet: boolean;
  demo: boolean;
  apiUrl: string | null;
  testnetApiUrl: string | null;
  credentials: Credentials;
}

export interface ClientFactoryDeps {
  loader: CcxtLoader;
  redactor: Redactor;
  marketsCache: MarketsCache;
  now: () => Date;
  /** Timeouts, retries and backoff; defaults suit real exchanges, tests shorten them. */
  resilience?: Partial<ResilienceOptions>;
}

const OWN_PACING = new Set(['bybit', 'okx']);
const NAMES: Record<string, string> = { bybit: 'Bybit', okx: 'OKX' };
export const exchangeName = (id: string): string => NAMES[id] ?? id[0]!.toUpperCase() + id.slice(1);

/** A ccxt instance set up as a sync sets it up, and what classifying its errors needs. */
export interface ExchangeInstance {
  ex: CcxtExchange;
  errorContext: ErrorContext;
  /** Identifies the API host (mainnet, testnet, demo or the override URL). */
  endpointKey: string;
}

/**
 * The ccxt instance for an account: credentials registered with the redactor, testnet,
 * demo trading and URL overrides applied. The sync's clients, the connection test and
 * the diagnostics all start here, so an account is reached the same way everywhere.
 */
export async function createExchangeInstance(conn: AccountConnection, deps: Pick<ClientFactoryDeps, 'loader' | 'redactor'>): Promise<ExchangeInstance> {
  const { apiKey, secret, password } = conn.credentials;
  for (const s of [apiKey, secret, password]) deps.redactor.addSecret(s);
  const Exchange = await deps.loader.load(conn.exchangeId);
  const ex = new Exchange({
    apiKey, secret, ...(password ? { password } : {}),
    // Bybit and OKX pace each endpoint themselves; ccxt's single bucket would serialise them.
    enableRateLimit: !OWN_PACING.has(conn.exchangeId),
    options: { adjustForTimeDifference: false, recvWindow: 5000 },
  });
  ex.verbose = false;
  selectEnvironment(ex, conn);
  const errorContext: ErrorContext = { exchangeName: exchangeName(conn.exchangeId), testnet: conn.testnet, demo: conn.demo, redactor: deps.redactor };
  const override = conn.testnet ? conn.testnetApiUrl : conn.apiUrl;
  const endpointKey = override ?? (conn.testnet ? 'testnet' : conn.demo ? 'demo' : 'mainnet');
  return { ex, errorContext, endpointKey };
}

/**
 * A fresh ccxt instance per client: a failed loadMarkets or a stale clock offset stays
 * cached on an instance, so a client is dropped after a failure.
 */
export async function createExchangeClient(conn: AccountConnection, deps: ClientFactoryDeps): Promise<ExchangeAccountClient> {
  const { ex, errorContext, endpointKey } = await createExchangeInstance(conn, deps);
  if (conn.exchangeId === 'bybit') {
    return createBybitClient({ ex, errorContext, marketsCache: deps.marketsCache, endpointKey, now: deps.now, resilience: deps.resilience ?? {} });
  }
  if (conn.exchangeId === 'okx') {
    return createOkxClient({ ex, errorContext, marketsCache: deps.marketsCache, endpointKey, now: deps.now, resilience: deps.resilience ?? {} });
  }
  return createGenericClient({ ex, errorContext, now: deps.now, resilience: deps.resilience ?? {} });
}

function selectEnvironment(ex: CcxtExchange, conn: AccountConnection): void {
  if (conn.testnet && conn.demo) throw configError('An account cannot be on testnet and demo trading at once', 'Turn one of them off in the account settings.');
  if (conn.exchangeId === 'okx') {
    // OKX has no testnet: its demo trading is the same host with the x-simulated-trading
    // header, which ccxt's okx class sends in sandbox mode (its enableDemoTrading swaps to
    // URLs okx does not define).
    if (conn.testnet) throw configError('OKX has no testnet', 'Use demo trading instead (OKX_DEMO=true, or Demo in the account settings) with a key created under Demo Trading.');
    if (conn.demo) ex.setSandboxMode(true);
    applyUrlOverride(ex, conn.apiUrl);
    return;
  }
  if (conn.testnet) {
    try {
      ex.setSandboxMode(true);
    } catch {
      throw configError(`${exchangeName(conn.exchangeId)} has no testnet in ccxt`, 'Turn testnet off for this account.');
    }
  }
  if (conn.demo) {
    if (typeof ex.enableDemoTrading !== 'function') throw configError(`${exchangeName(conn.exchangeId)} has no demo trading`, 'Turn demo trading off for this account.');
    ex.enableDemoTrading(true);
  }
  applyUrlOverride(ex, conn.testnet ? conn.testnetApiUrl : conn.apiUrl);
}

function applyUrlOverride(ex: CcxtExchange, override: string | null): void {
  if (!override) return;
  if (typeof ex.urls.api === 'string') {
    ex.urls.api = override;
    return;
  }
  for (const key of Object.keys(ex.urls.api)) ex.urls.api[key] = override;
  if (Object.keys(ex.urls.api).length === 0) throw new AppError('config', 'Cannot override this exchange\'s API URL', 'Remove the API URL override.');
}
