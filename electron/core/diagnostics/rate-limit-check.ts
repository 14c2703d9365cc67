import type { Database } from '../db/connection.js';
import type { AccountSession } from './account-session.js';
import { asAppError, pass, skip, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';
import { DATABASE_CHECK_TIMEOUT_MS } from './database-check.js';
import { checkOkxRateUse } from './okx-rate-use.js';

/** Below this share of an endpoint's limit left, something else is using the key heavily. */
export const LOW_HEADROOM = 0.2;

/** Where the OKX branch reads the last sync's use of the limits. */
export interface RateLimitDeps {
  database: Database | Error | Promise<Database | Error>;
}

/**
 * Headroom on the exchange's per-endpoint limits. Bybit: from the `X-Bapi-Limit`,
 * `X-Bapi-Limit-Status` and `X-Bapi-Limit-Reset-Timestamp` headers of the signed answers
 * the other checks got. OKX, which sends no such headers: from the last sync's own use
 * of its documented limits (okx-rate-use.ts). Both warn when the exchange is refusing
 * requests for the rate limit.
 */
export function rateLimitCheck(session: AccountSession, deps: RateLimitDeps): CheckDefinition {
  return { id: 'rate-limit', account: session.label, title: 'Rate-limit headroom', timeoutMs: DATABASE_CHECK_TIMEOUT_MS, run: () => checkRateLimit(session, deps) };
}

async function checkRateLimit(session: AccountSession, deps: RateLimitDeps): Promise<CheckOutcome> {
  const isOkx = session.account.exchangeId === 'okx';
  if (!session.isBybit && !isOkx) return skip(`Checked for Bybit and OKX only (${session.exchangeName} sends no common rate-limit headers)`);
  // The signed reads of the other checks carry the headers; wait for them, whatever their outcome.
  const [key, wallets] = await Promise.allSettled([session.keyInfo(), session.wallets()]);
  const errors = [key, wallets].flatMap((r) => (r.status === 'rejected' ? [asAppError(r.reason)] : []));
  const walletErrors = wallets.status === 'fulfilled' ? wallets.value.flatMap((w) => (w.error ? [w.error] : [])) : [];
  const limited = [...errors, ...walletErrors].find((e) => e.errorClass === 'rate-limit');
  if (isOkx) {
    const measured = await checkOkxRateUse(session.exchangeName, { exchangeId: session.account.exchangeId, account: session.account.id }, deps.database);
    return limited ? limitedNow(session, limited.message, measured.data) : measured;
  }
  let endpoints;
  try {
    endpoints = (await session.client()).limits();
  } catch (e) {
    return skip(`Not checked: ${asAppError(e).message}`);
  }
  const rows = endpoints.map((e) => ({
    endpoint: e.endpoint, limit: e.limit ?? null, remaining: e.remaining ?? null,
    resetAt: e.resetAt === undefined ? null : new Date(e.resetAt).toISOString(),
    headroomPct: e.limit && e.remaining !== undefined ? Math.round((e.remaining / e.limit) * 100) : null,
  }));
  const known = rows.filter((r) => r.headroomPct !== null);
  const minHeadroomPct = known.length ? Math.min(...known.map((r) => r.headroomPct as number)) : null;
  const data = { endpoints: rows, minHeadroomPct, rateLimited: Boolean(limited) };
  if (limited) return limitedNow(session, limited.message, data);
  if (known.length === 0) return skip(errors.length ? `Not checked: ${errors[0]!.message}` : `${session.exchangeName} sent no rate-limit headers`, data);
  const tight = known.filter((r) => (r.headroomPct as number) < LOW_HEADROOM * 100);
  if (tight.length) {
    return warn(`Little headroom left: ${tight.map((r) => `${r.endpoint} ${r.remaining}/${r.limit} per second`).join(', ')}`,
      'Something else is using this key at the same time (a bot, another copy of AlphaPulse Sync): give each program its own read-only key.', data);
  }
  return pass(`Headroom: ${known.map((r) => `${r.endpoint.replace(/^v5\//, '')} ${r.remaining}/${r.limit} per s`).join(', ')}`, data);
}

function limitedNow(session: AccountSession, message: string, data: Record<string, unknown>): CheckOutcome {
  return warn(`${session.exchangeName} is limiting requests with this key right now: ${message}`,
    'Another program (a bot, a second copy of AlphaPulse Sync) may be using the same key heavily: give each program its own key. The sync waits and tries again meanwhile.', { ...data, limitedNow: true });
}
