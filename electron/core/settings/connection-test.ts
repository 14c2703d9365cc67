import { performance } from 'node:perf_hooks';
import type { ConnectionTestResult } from '../../../shared/domain.js';
import { AppError } from '../errors.js';
import { BybitApi } from '../exchange/bybit/bybit-api.js';
import { fetchKeyInfo, isReadOnly, keyExpiry } from '../exchange/bybit/bybit-key-info.js';
import { classifyExchangeError, type ErrorContext } from '../exchange/classify-error.js';
import { createExchangeInstance, exchangeName, type AccountConnection, type ClientFactoryDeps } from '../exchange/create-client.js';
import { OkxApi } from '../exchange/okx/okx-api.js';
import { fetchOkxKeyInfo, okxBoundIps, okxPermissions } from '../exchange/okx/okx-key-info.js';

/** Tests one account's credentials with a single signed read; never throws. */
export type ConnectionTester = (conn: AccountConnection) => Promise<ConnectionTestResult>;

/**
 * Bybit: the server time (to sign inside Bybit's window), then GET /v5/user/query-api,
 * which also says whether the key is read-only and when it expires. Other exchanges:
 * ccxt's fetchBalance. The user is waiting, so nothing is retried.
 */
export function createConnectionTester(deps: ClientFactoryDeps): ConnectionTester {
  return async (conn) => {
    const started = performance.now();
    const ctx: ErrorContext = { exchangeName: exchangeName(conn.exchangeId), testnet: conn.testnet, demo: conn.demo, redactor: deps.redactor };
    const done = (error: AppError | null, key: ConnectionTestResult['key']): ConnectionTestResult => ({
      exchangeId: conn.exchangeId, id: conn.accountId, ok: error === null, key, elapsedMs: Math.round(performance.now() - started),
      error: error && { errorClass: error.errorClass, message: deps.redactor.redact(error.message), recommendation: deps.redactor.redact(error.recommendation) },
    });
    try {
      const { ex } = await createExchangeInstance(conn, deps);
      if (conn.exchangeId === 'okx') {
        // OKX: the server time, then GET /api/v5/account/config (permissions, bound IPs; OKX keys have no fixed expiry).
        const config = await fetchOkxKeyInfo(new OkxApi(ex, ctx, { resilience: { ...deps.resilience, maxAttempts: 1 } }));
        const perms = okxPermissions(config);
        return done(null, { readOnly: !perms.includes('trade') && !perms.includes('withdraw'), expiresAt: null, ipRestricted: okxBoundIps(config).length > 0 });
      }
      if (conn.exchangeId !== 'bybit') {
        await (ex.fetchBalance as () => Promise<unknown>).call(ex).catch((e: unknown) => { throw classifyExchangeError(e, { ...ctx, what: 'the balance' }); });
        return done(null, null);
      }
      const api = new BybitApi(ex, ctx, { resilience: { ...deps.resilience, maxAttempts: 1 } });
      const result = await fetchKeyInfo(api);
      const ips = (result.ips ?? []).filter((ip) => ip !== '' && ip !== '*');
      return done(null, {
        readOnly: isReadOnly(result),
        expiresAt: keyExpiry(result)?.toISOString() ?? null,
        ipRestricted: result.ips === undefined ? null : ips.length > 0,
      });
    } catch (e) {
      return done(e instanceof AppError ? e : classifyExchangeError(e, ctx), null);
    }
  };
}
