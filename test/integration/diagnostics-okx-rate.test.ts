import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticCheck } from '../../shared/api.js';
import type { Core } from '../../electron/core/core.js';
import { createOkxServer, type FakeOkxServer } from '../fake-okx/index.js';
import { okxEnv } from '../helpers/okx-env.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// OKX sends no rate-limit headers: the rate-limit check measures the last sync's own use of
// OKX's documented limits (okx-limits.ts), stored with its sync_history row.

const FAST = { tuning: { resilience: { initialDelayMs: 20, maxDelayMs: 100, requestTimeoutMs: 2000 } } };

describe('rate-limit headroom of an OKX account', () => {
  let h: SyncHarness;
  let okx: FakeOkxServer;
  let core: Core;
  beforeAll(async () => {
    h = await startHarness();
    okx = await createOkxServer();
    core = await h.core({ env: { ...h.env, ...okxEnv(okx) }, ...FAST });
  });
  afterAll(async () => {
    await h.close();
    await okx.close();
  });

  const rateCheck = async (): Promise<DiagnosticCheck> => (await core.invoke('diagnostics:run')).checks.find((c) => c.id === 'rate-limit' && c.account === 'okx/default')!;
  type Row = { endpoint: string; requests: number; peak: number; limit: number; windowMs: number; rateLimited: number; headroomPct: number };

  it('before any sync there is nothing measured yet', async () => {
    const c = await rateCheck();
    expect(c.status).toBe('skip');
    expect(c.detail).toMatch(/^Not measured yet: OKX sends no rate-limit headers/);
  });

  it('after a warm sync: per endpoint, the most requests started within one documented window against the limit', async () => {
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const c = await rateCheck();
    expect(c.status).toBe('pass');
    const rows = c.data.endpoints as Row[];
    // The four fills-history reads (SPOT, SWAP, FUTURES, MARGIN) start together: 4 of OKX's 10 per 2 s.
    expect(rows[0]).toEqual({ endpoint: 'trade/fills-history', requests: 4, peak: 4, limit: 10, windowMs: 2000, rateLimited: 0, headroomPct: 60 });
    expect(rows.find((r) => r.endpoint === 'asset/bills')).toEqual({ endpoint: 'asset/bills', requests: 1, peak: 1, limit: 6, windowMs: 1000, rateLimited: 0, headroomPct: 83 });
    expect(rows.find((r) => r.endpoint === 'account/balance')).toMatchObject({ peak: 1, limit: 10, headroomPct: 90 });
    // A warm sync reads each of its 11 endpoints (14 requests) and nothing else.
    expect(rows.map((r) => r.requests).reduce((a, b) => a + b, 0)).toBe(14);
    expect(c.data).toMatchObject({ minHeadroomPct: 60, rateLimited: 0 });
    expect(c.detail).toMatch(/busiest: trade\/fills-history 4 of 10 per 2 s, /);
  });

  it('a sync that OKX refused for its rate limit (50011) warns, naming the endpoint, though the sync succeeded', async () => {
    okx.addFault({ path: '/api/v5/account/balance', kind: 'retCode', retCode: 50011, times: 1 });
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const c = await rateCheck();
    expect(c.status).toBe('warn');
    // The refused request and its retry, moments later, fall in one window: 2 of 10.
    expect(c.detail).toMatch(/^OKX refused 1 of the last sync's requests .* for its rate limit: account\/balance ×1 \(the sync sent at most 2 of 10 per 2 s\)$/);
    expect(c.recommendation).toMatch(/per account, whatever the key/);
    expect((c.data.endpoints as Row[]).find((r) => r.endpoint === 'account/balance')).toMatchObject({ requests: 2, rateLimited: 1 });
  });
});
