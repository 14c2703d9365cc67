import type { AccountConfig } from '../config/app-config.js';
import { envPrefix } from '../config/env.js';
import { AppError } from '../errors.js';
import { earnPositionSchema, fundBalanceSchema, walletBalanceSchema } from '../exchange/bybit/bybit-schemas.js';
import { exchangeName, type AccountConnection } from '../exchange/create-client.js';
import type { Credentials, SecretStore } from '../secrets/secret-store.js';
import { asAppError, retCodeOf } from './check-types.js';
import { accountModeOf, type KeyInfo } from '../exchange/bybit/bybit-key-info.js';
import { fundingBalanceSchema, savingsBalanceSchema, tradingBalanceSchema } from '../exchange/okx/okx-schemas.js';
import { okxCodeOf } from '../exchange/okx/okx-errors.js';
import { isUnknownKey, openProbeClient, type ProbeClient, type ProbeClientDeps } from './probe-client.js';

/** Where a key lives: Bybit's main site, its testnet, or demo trading. */
export type Environment = 'mainnet' | 'testnet' | 'demo';

/** REST base URLs to try for each environment; null or absent = ccxt's own. */
export type EnvironmentUrls = Partial<Record<Environment, string | null>>;

/** What a session needs: the client factory's dependencies, the credential stores and the URLs of the other environments. */
export interface SessionDeps extends ProbeClientDeps {
  /** Credential stores in the sync's order (environment first). */
  stores: readonly SecretStore[];
  environmentUrls: (account: AccountConfig) => EnvironmentUrls;
}

/** One wallet type's read: readable (with how many coins) or the classified failure. */
export interface WalletRead {
  wallet: string;
  readable: boolean;
  coins: number | null;
  error: AppError | null;
}

/** What a key got on another environment's endpoint. */
export type EnvironmentProbe = { outcome: 'accepted' } | { outcome: 'rejected' } | { outcome: 'error'; error: AppError };

/**
 * Everything the checks of one account share, each asked for once: the credentials,
 * the client, the server clock, the signed key read and the wallet reads. Checks await
 * what they need, so the clock check and the credentials check cost one time request.
 */
export interface AccountSession {
  readonly account: AccountConfig;
  /** `bybit/default`. */
  readonly label: string;
  readonly exchangeName: string;
  readonly isBybit: boolean;
  readonly environment: Environment;
  credentials(): Promise<{ credentials: Credentials; source: string } | null>;
  client(): Promise<ProbeClient>;
  /** The signed read; a config AppError when no key is stored. Bybit: the key's details. */
  keyInfo(): Promise<KeyInfo | null>;
  wallets(): Promise<WalletRead[]>;
  /** Environments other than the configured one that this exchange has. */
  otherEnvironments(): Promise<Environment[]>;
  tryEnvironment(env: Environment): Promise<EnvironmentProbe>;
}

const memo = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | null = null;
  return () => (p ??= fn());
};

/** The default environment URLs: the account's overrides, and `{EXCHANGE}_DEMO_API_URL` for demo trading. */
export function environmentUrlsFromEnv(env: Readonly<Record<string, string | undefined>>): (account: AccountConfig) => EnvironmentUrls {
  return (a) => {
    const raw = env[`${envPrefix(a.exchangeId)}_DEMO_API_URL`]?.trim() ?? '';
    const demo = /^https?:\/\/\S+$/.test(raw) ? raw.replace(/\/+$/, '') : null;
    // On a demo account the plain API URL override is the demo one (as the sync applies it).
    return { mainnet: a.demo ? null : a.apiUrl, testnet: a.testnetApiUrl, demo: demo ?? (a.demo ? a.apiUrl : null) };
  };
}

/** A lazy session for one account: nothing is read or requested until a check asks. */
export function createAccountSession(account: AccountConfig, deps: SessionDeps): AccountSession {
  const environment: Environment = account.testnet ? 'testnet' : account.demo ? 'demo' : 'mainnet';
  const name = exchangeName(account.exchangeId);
  const ref = { exchangeId: account.exchangeId, accountId: account.id };

  const credentials = memo(async () => {
    for (const store of deps.stores) {
      const found = await store.get(ref);
      if (found) return { credentials: found, source: store.kind };
    }
    return null;
  });
  const connection = async (env: Environment): Promise<AccountConnection> => {
    const creds = await credentials().catch(() => null);
    const urls = deps.environmentUrls(account);
    return {
      exchangeId: account.exchangeId, accountId: account.id, testnet: env === 'testnet', demo: env === 'demo',
      // The configured environment uses exactly the account's settings; others the URLs given for them.
      // OKX serves demo trading from its live host (a header tells them apart), so its URL override holds for both.
      apiUrl: env === environment || account.exchangeId === 'okx' ? account.apiUrl : (env === 'testnet' ? null : urls[env] ?? null),
      testnetApiUrl: env === environment ? account.testnetApiUrl : (urls.testnet ?? null),
      credentials: creds?.credentials ?? { apiKey: '', secret: '' },
    };
  };
  const client = memo(async () => openProbeClient(await connection(environment), deps));
  const keyInfo = memo(async () => {
    const creds = await credentials();
    if (!creds) {
      const p = envPrefix(account.exchangeId);
      throw new AppError('config', `No API key is stored for ${account.exchangeId} account "${account.id}"`,
        account.id === 'default' ? `Set ${p}_API_KEY and ${p}_API_SECRET, or enter the key in the desktop app.` : 'Enter the API key for this account in the desktop app.');
    }
    return (await client()).signedRead();
  });

  const wallets = memo(async () => {
    const info = await keyInfo();
    const c = await client();
    if (c.isOkx) return okxWallets(c);
    const uta = info !== null && accountModeOf(info) === 'unified';
    const reads: WalletRead[] = [];
    // One after the other, so each answer's rate-limit headers are its own.
    for (const accountType of uta ? ['UNIFIED'] : ['SPOT', 'CONTRACT']) {
      reads.push(await readWallet(accountType, async () => (await c.bybitGet('v5/account/wallet-balance', { accountType }, walletBalanceSchema, `the ${accountType} wallet`)).list[0]?.coin.length ?? 0));
    }
    reads.push(await readWallet('FUND', async () => (await c.bybitGet('v5/asset/transfer/query-account-coins-balance', { accountType: 'FUND' }, fundBalanceSchema, 'the Funding wallet')).balance.length));
    // Permission is per key, not per product: one category tells whether Earn is readable.
    reads.push(await readWallet('EARN', async () => (await c.bybitGet('v5/earn/position', { category: 'FlexibleSaving' }, earnPositionSchema, 'the Earn positions (v5/earn/position)')).list.length));
    return reads;
  });

  return {
    account, label: `${account.exchangeId}/${account.id}`, exchangeName: name, isBybit: account.exchangeId === 'bybit', environment,
    credentials, client, keyInfo, wallets,
    async otherEnvironments() {
      if (account.exchangeId === 'bybit') return (['mainnet', 'testnet', 'demo'] as const).filter((e) => e !== environment);
      // OKX's demo trading is the same host with the x-simulated-trading header; it has no testnet.
      if (account.exchangeId === 'okx') return (['mainnet', 'demo'] as const).filter((e) => e !== environment);
      const hasTestnet = (await client()).ex.urls.test !== undefined;
      return hasTestnet ? (['mainnet', 'testnet'] as const).filter((e) => e !== environment) : [];
    },
    async tryEnvironment(env) {
      try {
        const other = await openProbeClient(await connection(env), deps);
        await other.signedRead();
        return { outcome: 'accepted' };
      } catch (e) {
        const err = asAppError(e);
        return isUnknownKey(err, retCodeOf(err)) || okxCodeOf(err) === '50101' ? { outcome: 'rejected' } : { outcome: 'error', error: err };
      }
    },
  };
}

/** OKX's three places the sync reads balances from, one after the other. */
async function okxWallets(c: ProbeClient): Promise<WalletRead[]> {
  return [
    await readWallet('TRADING', async () => (await c.okxGet('account/balance', {}, tradingBalanceSchema, 'the trading account'))[0]?.details.length ?? 0),
    await readWallet('FUNDING', async () => (await c.okxGet('asset/balances', {}, fundingBalanceSchema, 'the funding account')).length),
    await readWallet('EARN_SAVINGS', async () => (await c.okxGet('finance/savings/balance', {}, savingsBalanceSchema, 'the Simple Earn (savings) balances')).length),
  ];
}

async function readWallet(wallet: string, read: () => Promise<number>): Promise<WalletRead> {
  try {
    return { wallet, readable: true, coins: await read(), error: null };
  } catch (e) {
    return { wallet, readable: false, coins: null, error: asAppError(e) };
  }
}
