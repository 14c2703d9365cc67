import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { FaultSpec } from '../fake-bybit/index.js';
import { createOkxServer, OKX_IP_BOUND_KEY, type FakeOkxServer } from '../fake-okx/index.js';
import { okxEnv } from '../helpers/okx-env.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The fault matrix's OKX rows: each starts from a good sync of an OKX account, injects the
// fault into the fake OKX, and checks the outcome and that the last good data is intact.

type Tuning = Parameters<SyncHarness['core']>[0];
const FAST = { tuning: { resilience: { initialDelayMs: 20, maxDelayMs: 100, requestTimeoutMs: 400 } } };

async function withOkx(fn: (h: SyncHarness, okx: FakeOkxServer, core: Core, before: unknown) => Promise<void>, coreOpts: Tuning = {}, good = true): Promise<void> {
  const h = await startHarness();
  const okx = await createOkxServer();
  try {
    const first = await h.core({ env: okxEnv(okx) });
    if (good) expect((await first.sync.syncAll('test')).ok).toBe(true);
    const core = Object.keys(coreOpts ?? {}).length ? await h.core({ ...coreOpts, env: okxEnv(okx) }) : first;
    await fn(h, okx, core, await snapshot(h, core));
  } finally {
    await h.close();
    await okx.close();
  }
}

async function snapshot(h: SyncHarness, core: Core): Promise<unknown> {
  const { rows } = await h.db.pool.query(`SELECT (SELECT count(*) FROM fills)::int AS fills, (SELECT count(*) FROM snapshots)::int AS snapshots,
    (SELECT count(*) FROM balances)::int AS balances, (SELECT count(*) FROM positions)::int AS positions, (SELECT count(*) FROM cash_flows)::int AS flows`);
  return { portfolio: await core.invoke('portfolio:get'), counts: rows[0] };
}

async function expectFailedCleanly(h: SyncHarness, core: Core, before: unknown, errorClass: string): Promise<void> {
  const r = await core.sync.syncAll('test');
  expect(r.accounts[0]?.error?.errorClass).toBe(errorClass);
  expect(r.accounts[0]?.error?.recommendation.length).toBeGreaterThan(10);
  expect(await snapshot(h, core)).toEqual(before);
}

const fault = (spec: FaultSpec) => spec;
const BALANCE = '/api/v5/account/balance';

describe.concurrent('fault matrix, OKX rows', () => {
  it('invalid key (50111): fails as auth, no request tried twice', () => withOkx(async (_h, okx, core) => {
    okx.addFault(fault({ kind: 'retCode', retCode: 50111 }));
    okx.clearRequests();
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error).toMatchObject({ errorClass: 'auth', message: expect.stringMatching(/API key is invalid/) });
    // The warm reads all start together; none is tried twice.
    const paths = okx.requests.map((q) => `${q.path}?${q.query.instType ?? ''}`);
    expect(new Set(paths).size).toBe(paths.length);
  }));

  it('clock beyond the 30 s window (50102): the clock is measured again and the sync succeeds', () => withOkx(async (_h, okx, core) => {
    okx.addFault(fault({ kind: 'retCode', retCode: 50102, path: BALANCE, times: 1 }));
    okx.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(okx.countRequests('/api/v5/public/time')).toBe(1);
    expect(okx.countRequests(BALANCE)).toBe(2);
  }));

  it('IP not whitelisted (50110): class ip with the IP recommendation', () => withOkx(async (h, okx) => {
    const core = await h.core({ env: okxEnv(okx, OKX_IP_BOUND_KEY) });
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('ip');
    expect(r.accounts[0]?.error?.recommendation).toMatch(/IP address/);
  }, {}, false));

  it.each([
    ['rate limit (50011, HTTP 429)', fault({ kind: 'retCode', retCode: 50011, path: BALANCE, times: 1 })],
    ['service unavailable (50001)', fault({ kind: 'retCode', retCode: 50001, path: BALANCE, times: 1 })],
    ['HTTP 502 once', fault({ kind: 'http', status: 502, path: BALANCE, times: 1 })],
  ])('%s: retried, then succeeds', (_name, spec) => withOkx(async (_h, okx, core) => {
    okx.addFault(spec);
    okx.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(okx.countRequests(BALANCE)).toBe(2);
  }, FAST));

  it.each([
    ['HTTP 500 HTML page', fault({ kind: 'http', status: 500, path: BALANCE }), 'exchange-down'],
    ['service unavailable (50001) throughout', fault({ kind: 'retCode', retCode: 50001, path: BALANCE }), 'exchange-down'],
    ['connection reset', fault({ kind: 'reset', path: BALANCE }), 'network'],
    ['no response', fault({ kind: 'hang', path: BALANCE }), 'network'],
  ])('%s: retried, then failed, last good data intact', (_name, spec, errorClass) => withOkx(async (h, okx, core, before) => {
    okx.addFault(spec);
    okx.clearRequests();
    await expectFailedCleanly(h, core, before, errorClass);
    expect(okx.countRequests(BALANCE)).toBe(3);
  }, FAST));

  it.each([
    ['malformed JSON', fault({ kind: 'malformedJson', path: '/api/v5/trade/fills-history' })],
    ['truncated JSON', fault({ kind: 'truncatedJson', path: '/api/v5/account/positions' })],
    ['a missing field', fault({ kind: 'missingField', field: 'data.0.details', path: BALANCE })],
  ])('%s: class bad-response, nothing written', (_name, spec) => withOkx(async (h, okx, core, before) => {
    okx.addFault(spec);
    await expectFailedCleanly(h, core, before, 'bad-response');
  }));
});
