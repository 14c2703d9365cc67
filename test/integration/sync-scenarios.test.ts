import { describe, expect, it } from 'vitest';
import { classicScenario, DEMO_KEY, NO_COIN_INFO_KEY, NO_WALLET_KEY, TESTNET_KEY } from '../fake-bybit/index.js';
import { withHarness } from '../helpers/sync-harness.js';

// Each scenario has its own fake exchange and database, so they run side by side: a
// first sync walks two years of history at Bybit's rate.

describe.concurrent('sync scenarios against the fake Bybit', () => {
  it('a testnet key syncs with testnet on, and is refused as invalid with it off', () => withHarness({ key: TESTNET_KEY, server: { environment: 'testnet' } }, async (h) => {
    const on = await h.core({ env: { BYBIT_TESTNET: 'true' } });
    const ok = await on.sync.syncAll('test');
    expect(ok.accounts[0]?.error).toBeNull();
    // Same key, testnet off, pointed at a mainnet URL that has never heard of it.
    const main = await (await import('../fake-bybit/index.js')).createServer({ environment: 'mainnet' });
    try {
      const off = await h.core({ env: { BYBIT_TESTNET: 'false', BYBIT_API_URL: main.url } });
      const failed = await off.sync.syncAll('test');
      expect(failed.ok).toBe(false);
      expect(failed.accounts[0]?.error?.errorClass).toBe('auth');
      expect(failed.accounts[0]?.error?.recommendation).toMatch(/turn testnet \(or demo\) on/);
    } finally {
      await main.close();
    }
  }));

  it('a demo-trading key syncs with demo on', () => withHarness({ key: DEMO_KEY, server: { environment: 'demo' } }, async (h) => {
    const core = await h.core({ env: { BYBIT_DEMO: 'true' } });
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error).toBeNull();
    expect((await core.invoke('portfolio:get')).totalValue).toBe('62605.922');
  }));

  it('a local clock 60 s behind or ahead still syncs: the server time is measured', () => withHarness({ server: { clockSkewMs: 60_000 } }, async (h) => {
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    h.server.clockSkewMs = -60_000;
    // A new run measures again (a fresh client each run).
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  }));

  it('a key without the coin-info permission syncs: markets come from public endpoints', () => withHarness({ key: NO_COIN_INFO_KEY }, async (h) => {
    const core = await h.core();
    const r = await core.sync.syncAll('test');
    expect(r.ok).toBe(true);
    expect(h.server.countRequests('/v5/asset/coin/query-info')).toBe(0);
  }));

  it('a key without Funding permission syncs the rest and records a warning', () => withHarness({ key: NO_WALLET_KEY }, async (h) => {
    const core = await h.core();
    const r = await core.sync.syncAll('test');
    expect(r.ok).toBe(true);
    expect(r.accounts[0]!.warnings.join(' ')).toMatch(/Funding wallet not read/);
    const btc = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    expect(btc.wallets).toEqual({ UNIFIED: '0.4' });
    const [run] = await core.invoke('history:list', { limit: 1 });
    expect(run!.warnings[0]).toMatch(/Funding wallet/);
  }));

  it('a classic (non-UTA) account reads its SPOT and CONTRACT wallets', () => withHarness({ server: { scenario: classicScenario() } }, async (h) => {
    const core = await h.core();
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error).toBeNull();
    const p = await core.invoke('portfolio:get');
    const wallets = new Set(p.items.flatMap((i) => Object.keys(i.wallets)));
    expect(wallets.has('UNIFIED')).toBe(false);
    expect([...wallets].some((w) => w === 'SPOT' || w === 'CONTRACT')).toBe(true);
  }));

  it('after a failure the next sync works without a restart, and the last good data stays', () => withHarness({}, async (h) => {
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const before = await core.invoke('portfolio:get');
    h.server.addFault({ kind: 'http', status: 502, path: '/v5/market/tickers' });
    h.server.clearRequests();
    const failed = await core.sync.syncAll('test');
    expect(failed.ok).toBe(false);
    expect(failed.accounts[0]?.error?.errorClass).toBe('exchange-down');
    // Three tries, then it gives up.
    expect(h.server.countRequests('/v5/market/tickers')).toBe(3);
    h.server.clearFaults();
    expect(await core.invoke('portfolio:get')).toEqual(before);
    const status = await core.invoke('status:get');
    expect(status.accounts[0]).toMatchObject({ state: 'failed', lastSuccessAt: expect.any(String) });
    expect(status.accounts[0]!.lastRun?.error?.recommendation).toBeTruthy();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const history = await core.invoke('history:list', { limit: 10 });
    expect(history.map((r) => r.success)).toEqual([true, false, true]);
  }));

  it('a malformed answer fails the sync as bad-response and writes nothing', () => withHarness({}, async (h) => {
    const core = await h.core();
    h.server.addFault({ kind: 'missingField', field: 'result.list', path: '/v5/account/wallet-balance' });
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('bad-response');
    const counts = await h.db.pool.query("SELECT (SELECT count(*) FROM fills)::int AS fills, (SELECT count(*) FROM portfolio_items)::int AS items, (SELECT count(*) FROM snapshots)::int AS snaps");
    expect(counts.rows[0]).toEqual({ fills: 0, items: 0, snaps: 0 });
  }));

  it('two processes sharing a database never sync one account at once', () => withHarness({}, async (h) => {
    const [a, b] = [await h.core(), await h.core()];
    const [ra, rb] = await Promise.all([a.sync.syncAll('test'), b.sync.syncAll('test')]);
    const outcomes = [ra.accounts[0]!, rb.accounts[0]!];
    expect(outcomes.filter((o) => o.skipped !== null)).toHaveLength(1);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const runs = await h.db.pool.query('SELECT count(*)::int AS n FROM sync_history');
    expect(runs.rows[0].n).toBe(1);
  }));
});
