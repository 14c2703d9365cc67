import { describe, expect, it } from 'vitest';
import { EXPIRED_KEY, IP_MISMATCH_KEY, READ_ONLY_KEY, type FaultSpec } from '../fake-bybit/index.js';
import { withHarness, type SyncHarness } from '../helpers/sync-harness.js';
import type { Core } from '../../electron/core/core.js';

// One test per row of the fault matrix (README: When things go wrong). Each starts from a good sync, injects
// the fault, and checks the outcome, that the last good data is intact and that no
// partial rows were written. Rows run side by side: each has its own exchange and database.

function withGoodSync(opts: Parameters<typeof withHarness>[0], fn: (h: SyncHarness, core: Core, before: Snapshot) => Promise<void>, coreOpts: Parameters<SyncHarness['core']>[0] = {}): Promise<void> {
  return withHarness(opts, async (h) => {
    const first = await h.core();
    expect((await first.sync.syncAll('test')).ok).toBe(true);
    // Tight timeouts only for the faulty run: a loaded machine must not fail the good one.
    const core = Object.keys(coreOpts).length ? await h.core(coreOpts) : first;
    await fn(h, core, await snapshot(h, core));
  });
}

interface Snapshot { portfolio: unknown; counts: Record<string, number> }

async function snapshot(h: SyncHarness, core: Core): Promise<Snapshot> {
  const { rows } = await h.db.pool.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM fills)::int AS fills, (SELECT count(*) FROM snapshots)::int AS snapshots,
            (SELECT count(*) FROM snapshot_items)::int AS snapshot_items, (SELECT count(*) FROM balances)::int AS balances,
            (SELECT count(*) FROM positions)::int AS positions, (SELECT count(*) FROM portfolio_items)::int AS items`);
  return { portfolio: await core.invoke('portfolio:get'), counts: rows[0]! };
}

/** The fault's sync failed with `errorClass`, and nothing but its history row was written. */
async function expectFailedCleanly(h: SyncHarness, core: Core, before: Snapshot, errorClass: string) {
  const r = await core.sync.syncAll('test');
  expect(r.ok).toBe(false);
  expect(r.accounts[0]?.error?.errorClass).toBe(errorClass);
  expect(r.accounts[0]?.error?.recommendation.length).toBeGreaterThan(10);
  expect(await snapshot(h, core)).toEqual(before);
  const [last] = await core.invoke('history:list', { limit: 1 });
  expect(last).toMatchObject({ success: false, error: { errorClass } });
  return r;
}

const fault = (spec: FaultSpec) => spec;

describe.concurrent('fault matrix', () => {
  it('invalid key (10003) and bad signature (10004): fail fast as auth, no retry, the breaker counts it', () => withHarness({ key: { ...READ_ONLY_KEY, apiKey: 'UNKNOWNKEY0000000000' } }, async (h) => {
    const core = await h.core();
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('auth');
    expect(r.accounts[0]?.error?.message).toMatch(/API key is invalid/);
    // One signed request was refused; nothing was retried.
    expect(h.server.requests.filter((q) => q.apiKey !== null)).toHaveLength(1);
    expect(r.accounts[0]?.breaker).toMatchObject({ state: 'closed', consecutiveFailures: 1, lastErrorClass: 'auth' });
    const wrongSecret = await h.core({ env: { BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: 'not-the-secret-000000' } });
    h.server.clearRequests();
    const s = await wrongSecret.sync.syncAll('test');
    expect(s.accounts[0]?.error?.errorClass).toBe('auth');
    expect(s.accounts[0]?.error?.message).toMatch(/signature/);
    expect(h.server.requests.filter((q) => q.apiKey !== null)).toHaveLength(1);
    expect(s.accounts[0]?.breaker.consecutiveFailures).toBe(2);
  }));

  it('clock beyond the receive window (10002): the offset is measured again and the sync succeeds', () => withGoodSync({}, async (h, core) => {
    h.server.addFault(fault({ kind: 'retCode', retCode: 10002, path: '/v5/account/wallet-balance', times: 1 }));
    h.server.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(h.server.countRequests('/v5/market/time')).toBe(1);
    expect(h.server.countRequests('/v5/account/wallet-balance')).toBe(2);
  }));

  it('IP not allowed (10010): class ip with the IP recommendation', () => withHarness({ key: IP_MISMATCH_KEY }, async (h) => {
    const r = await (await h.core()).sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('ip');
    expect(r.accounts[0]?.error?.recommendation).toMatch(/IP address/);
  }));

  it('key expired (33004): class auth, recommends a new key', () => withHarness({ key: EXPIRED_KEY }, async (h) => {
    const r = await (await h.core()).sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('auth');
    expect(r.accounts[0]?.error?.message).toMatch(/expired/);
    expect(r.accounts[0]?.error?.recommendation).toMatch(/new read-only key/);
  }));

  // The exchange's clock runs two minutes behind ours: the reset it announces must be
  // read on its clock, or the retry would come at once.
  it('rate limit (10006): waits for the reset, then succeeds', () => withGoodSync({ server: { clockSkewMs: -120_000 } }, async (h, core) => {
    h.server.addFault(fault({ kind: 'retCode', retCode: 10006, path: '/v5/account/wallet-balance', times: 1 }));
    h.server.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const [limited, retry, ...rest] = h.server.requests.filter((q) => q.path === '/v5/account/wallet-balance');
    expect(rest).toEqual([]);
    expect(limited?.retCode).toBe(10006);
    // The fake announces a reset one second after it answers (so never before this). The
    // client reads it through its measured clock offset, which can be off by part of a
    // round trip; allow half the window for that. A retry that ignored the reset comes
    // after the 20 ms backoff.
    const resetNoEarlierThan = limited!.startedAt + 1000;
    expect(retry!.startedAt).toBeGreaterThanOrEqual(resetNoEarlierThan - 500);
    expect(retry?.retCode).toBe(0);
  }));

  it('IP rate limit (HTTP 403): backs off, then succeeds', () => withGoodSync({}, async (h, core) => {
    h.server.addFault(fault({ kind: 'http', status: 403, path: '/v5/market/tickers', times: 1 }));
    h.server.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(h.server.countRequests('/v5/market/tickers')).toBe(2);
  }));

  it.each([
    ['HTTP 500 HTML page', fault({ kind: 'http', status: 500, path: '/v5/account/wallet-balance' }), 'exchange-down'],
    ['HTTP 502 HTML page', fault({ kind: 'http', status: 502, path: '/v5/account/wallet-balance' }), 'exchange-down'],
    ['connection reset', fault({ kind: 'reset', path: '/v5/account/wallet-balance' }), 'network'],
    ['no response', fault({ kind: 'hang', path: '/v5/account/wallet-balance' }), 'network'],
  ])('%s: retried, then failed, last good data intact', (_name, spec, errorClass) => withGoodSync({}, async (h, core, before) => {
    h.server.addFault(spec);
    h.server.clearRequests();
    await expectFailedCleanly(h, core, before, errorClass);
    expect(h.server.countRequests('/v5/account/wallet-balance')).toBe(3);
  }, { tuning: { resilience: { initialDelayMs: 20, maxDelayMs: 100, requestTimeoutMs: 400 } } }));

  it.each([
    ['malformed JSON', fault({ kind: 'malformedJson', path: '/v5/execution/list' })],
    ['truncated JSON', fault({ kind: 'truncatedJson', path: '/v5/position/list' })],
    ['a missing field', fault({ kind: 'missingField', field: 'result.list', path: '/v5/account/wallet-balance' })],
  ])('%s: class bad-response, nothing written', (_name, spec) => withGoodSync({}, async (h, core, before) => {
    h.server.addFault(spec);
    await expectFailedCleanly(h, core, before, 'bad-response');
  }));

  it('database restarted while idle (pg_terminate_backend): no crash, the next sync succeeds', () => withGoodSync({}, async (h, core) => {
    await h.db.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error).toBeNull();
    expect((await core.invoke('status:get')).accounts[0]?.state).toBe('ok');
  }));

  it('circuit breaker: opens after 3 failures, a manual sync is refused until forced, a trial after the cooldown closes it', () => withHarness({}, async (h) => {
    const core = await h.core({ tuning: { breaker: { threshold: 3, cooldownMs: 600_000 } } });
    h.server.addFault(fault({ kind: 'retCode', retCode: 10003, path: '/v5/user/query-api' }));
    for (let i = 0; i < 3; i++) await core.sync.syncAll('test');
    const status = await core.invoke('status:get');
    expect(status.accounts[0]?.breaker).toMatchObject({ state: 'open', consecutiveFailures: 3, lastErrorClass: 'auth' });
    expect(status.accounts[0]?.breaker.cooldownRemainingSeconds).toBeGreaterThan(500);
    h.server.clearRequests();
    const refused = await core.invoke('sync:run', { trigger: 'manual' });
    expect(refused.ok).toBe(false);
    expect(refused.accounts[0]?.skipped).toMatch(/paused after 3 failed syncs/);
    expect(h.server.requests).toHaveLength(0);
    // Forcing runs one trial (it fails again: the key is still refused).
    const forced = await core.invoke('sync:run', { trigger: 'manual', force: true });
    expect(forced.accounts[0]?.breaker).toMatchObject({ state: 'open', consecutiveFailures: 4 });
    expect(h.server.requests.length).toBeGreaterThan(0);
    // After the cooldown one trial is allowed; once the key works again it closes.
    h.server.clearFaults();
    const later = await h.core({ tuning: { breaker: { threshold: 3, cooldownMs: 1 } } });
    expect((await later.invoke('status:get')).accounts[0]?.breaker.state).toBe('half-open');
    const trial = await later.sync.syncAll('schedule');
    expect(trial.ok).toBe(true);
    expect(trial.accounts[0]?.breaker).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  }));
});
