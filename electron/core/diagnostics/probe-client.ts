import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { AppError } from '../errors.js';
import type { CcxtExchange, CcxtLoader } from '../exchange/ccxt-loader.js';
import { classifyExchangeError, type ErrorContext } from '../exchange/classify-error.js';
import { createExchangeInstance, type AccountConnection } from '../exchange/create-client.js';
import { BybitApi } from '../exchange/bybit/bybit-api.js';
import { KEY_INFO_PATH, KEY_INFO_WHAT, keyInfoSchema, type KeyInfo } from '../exchange/bybit/bybit-key-info.js';
import type { LimitHeaders } from '../exchange/bybit/bybit-headers.js';
import type { Redactor } from '../redact.js';
import { OkxApi } from '../exchange/okx/okx-api.js';
import { fetchOkxKeyInfo } from '../exchange/okx/okx-key-info.js';
import type { OkxAccountConfig } from '../exchange/okx/okx-schemas.js';

/** What {@link openProbeClient} needs besides the connection. */
export interface ProbeClientDeps {
  loader: CcxtLoader;
  redactor: Redactor;
  now: () => Date;
  /** One request's limit; diagnostics never retry, they report. */
  requestTimeoutMs: number;
  /** Monotonic milliseconds, for round trips. */
  elapsed?: () => number;
}


/** One measurement of the exchange's clock. */
export interface ClockReading {
  /** Local clock minus the exchange's, in ms. */
  offsetMs: number;
  serverTime: number;
  roundTripMs: number;
}

/** Rate-limit headers seen on one private endpoint. */
export interface EndpointLimits extends LimitHeaders {
  endpoint: string;
}

/**
 * One exchange connection for diagnostics, configured exactly as the sync configures
 * it: the ccxt instance comes out of createExchangeClient itself (testnet, demo and URL
 * overrides, credentials registered with the redactor), caught as the loader builds it.
 */
export interface ProbeClient {
  readonly ex: CcxtExchange;
  readonly isBybit: boolean;
  readonly isOkx: boolean;
  readonly errorContext: ErrorContext;
  /** The REST base URL requests go to. */
  baseUrl(): string;
  clock(): Promise<ClockReading>;
  /** A signed read (Bybit: the key's details; others: the balance). Throws a classified AppError. */
  signedRead(): Promise<KeyInfo | null>;
  /** A signed Bybit GET, validated by `schema`; records the rate-limit headers it carried. */
  bybitGet<T>(path: string, params: Record<string, string | number>, schema: z.ZodType<T>, what: string): Promise<T>;
  /** Rate-limit headers of every private Bybit answer so far. */
  limits(): EndpointLimits[];
  /** OKX: the key's details (GET /api/v5/account/config), read once; null for other exchanges. */
  okxConfig(): Promise<OkxAccountConfig | null>;
  /** A signed OKX GET, validated by `schema`. Throws a classified AppError. */
  okxGet<T>(path: string, params: Record<string, string | number>, schema: z.ZodType<T>, what: string): Promise<T>;
}

/** Builds a {@link ProbeClient} for `conn`; no request is made until one is asked for. */
export async function openProbeClient(conn: AccountConnection, deps: ProbeClientDeps): Promise<ProbeClient> {
  const { ex, errorContext } = await createExchangeInstance(conn, deps);
  const elapsed = deps.elapsed ?? (() => performance.now());
  const isBybit = conn.exchangeId === 'bybit';
  const api = isBybit ? new BybitApi(ex, errorContext, { resilience: { maxAttempts: 1, requestTimeoutMs: deps.requestTimeoutMs } }) : null;
  const okx = conn.exchangeId === 'okx' ? new OkxApi(ex, errorContext, { resilience: { maxAttempts: 1, requestTimeoutMs: deps.requestTimeoutMs } }) : null;
  let okxConfigOnce: Promise<OkxAccountConfig> | null = null;
  const seen = new Map<string, EndpointLimits>();
  let clockOnce: Promise<ClockReading> | null = null;

  const unified = async <T>(method: string, what: string): Promise<T> => {
    const fn = ex[method];
    if (typeof fn !== 'function') throw classifyExchangeError(new Error(`${ex.id} has no ${method}`), { ...errorContext, what });
    try {
      return await (fn as () => Promise<T>).call(ex);
    } catch (e) {
      throw classifyExchangeError(e, { ...errorContext, what });
    }
  };

  const client: ProbeClient = {
    ex, isBybit, isOkx: okx !== null, errorContext,
    baseUrl: () => baseUrlOf(ex),
    clock() {
      clockOnce ??= (async () => {
        const wallBefore = Date.now();
        const started = elapsed();
        if (okx) {
          const serverTime = await okx.measureClock();
          const roundTripMs = elapsed() - started;
          return { offsetMs: okx.clockOffsetMs() ?? 0, serverTime, roundTripMs: Math.round(roundTripMs) };
        }
        if (api) {
          await api.measureClock();
          const roundTripMs = elapsed() - started;
          const offsetMs = api.clockOffsetMs() ?? 0;
          return { offsetMs, serverTime: Math.round(wallBefore + roundTripMs / 2 - offsetMs), roundTripMs: Math.round(roundTripMs) };
        }
        const serverTime = await unified<number>('fetchTime', 'the server time');
        const roundTripMs = elapsed() - started;
        return { offsetMs: Math.round(wallBefore + roundTripMs / 2 - serverTime), serverTime, roundTripMs: Math.round(roundTripMs) };
      })();
      return clockOnce;
    },
    async signedRead() {
      if (okx) {
        await client.okxConfig();
        return null;
      }
      if (!api) {
        await unified('fetchBalance', 'the balance');
        return null;
      }
      await client.clock();
      return client.bybitGet(KEY_INFO_PATH, {}, keyInfoSchema, KEY_INFO_WHAT);
    },
    async bybitGet(path, params, schema, what) {
      if (!api) throw classifyExchangeError(new Error(`${ex.id} is not Bybit`), { ...errorContext, what });
      try {
        const { result } = await api.privateGet(path, params, schema, what);
        return result;
      } finally {
        const limits = api.lastLimitHeaders();
        if (limits) seen.set(path, { endpoint: path, ...limits });
      }
    },
    limits: () => [...seen.values()],
    okxConfig() {
      if (!okx) return Promise.resolve(null);
      okxConfigOnce ??= (async () => {
        await client.clock();
        return fetchOkxKeyInfo(okx);
      })();
      return okxConfigOnce;
    },
    async okxGet(path, params, schema, what) {
      if (!okx) throw classifyExchangeError(new Error(`${ex.id} is not OKX`), { ...errorContext, what });
      return okx.privateGet(path, params, schema, what);
    },
  };
  return client;
}

/** The public REST base URL of a configured instance ({hostname} filled in). */
function baseUrlOf(ex: CcxtExchange): string {
  const api = ex.urls.api;
  const raw = typeof api === 'string' ? api : api.public ?? api.rest ?? Object.values(api)[0] ?? '';
  const implode = ex.implodeHostname;
  const url = typeof implode === 'function' ? String((implode as (u: string) => unknown).call(ex, raw)) : raw;
  return url.replace(/\/+$/, '');
}

/** Whether an error is the exchange saying "no such key here" (Bybit 10003, or ccxt's AuthenticationError without a code). */
export function isUnknownKey(e: AppError, retCode: number | null): boolean {
  return e.errorClass === 'auth' && (retCode === 10003 || (retCode === null && /invalid|did not accept/i.test(e.message)));
}
