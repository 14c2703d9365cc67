import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { createOkxServer, smallOkxScenario, type FakeOkxServer, type OkxFundingBill } from '../fake-okx/index.js';
import { okxEnv } from '../helpers/okx-env.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The funding account's bills walked page by page against the fake's paging rules:
// asset/bills (the last month, paged by time) and asset/bills-history (since 2021, paged
// by bill id with pagingType=2), 100 per page.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `n` referral rewards of 0.01 USDT, bill ids from `firstId` up, one every `stepMs` back from `newest`. */
function rewards(n: number, firstId: number, newest: number, stepMs: number): OkxFundingBill[] {
  return Array.from({ length: n }, (_, i) => ({ billId: String(firstId + i), ccy: 'USDT', balChg: '0.01', bal: '0', type: '151', ts: newest - (n - 1 - i) * stepMs }));
}

describe('OKX funding-account bills', () => {
  let h: SyncHarness;
  let okx: FakeOkxServer;
  let core: Core;

  beforeAll(async () => {
    const now = Date.now();
    const scenario = smallOkxScenario(now);
    // 250 rewards over the last 250 days, and one 400 days old: out of the year read.
    scenario.fundingBills = [{ billId: '100', ccy: 'USDT', balChg: '5', bal: '5', type: '151', ts: now - 400 * DAY }, ...rewards(250, 1000, now - DAY, DAY)];
    h = await startHarness();
    okx = await createOkxServer({ scenario });
    core = await h.core({ env: { ...h.env, ...okxEnv(okx) } });
  });
  afterAll(async () => {
    await h.close();
    await okx.close();
  });

  const funding = async () => {
    const { rows } = await h.db.pool.query<{ n: number; sum: string }>("SELECT count(*)::int AS n, coalesce(sum(change), 0)::text AS sum FROM transaction_log WHERE category = 'funding'");
    return { n: rows[0]!.n, sum: new Dec(rows[0]!.sum).toString() };
  };
  const walk = () => okx.requests.filter((r) => r.path.startsWith('/api/v5/asset/bills')).map((r) => [r.path.slice('/api/v5/asset/'.length), r.query.after ?? null]);

  it('a first sync walks a year of bills by bill id, 100 a page, each once', async () => {
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    // Newest first: 1249…1150, 1149…1050, then 1049…1000 and the old one, which ends the walk.
    expect(walk()).toEqual([['bills-history', null], ['bills-history', '1150'], ['bills-history', '1050']]);
    expect(okx.requests.filter((r) => r.path === '/api/v5/asset/bills-history').every((r) => r.query.pagingType === '2' && r.query.limit === '100')).toBe(true);
    expect(await funding()).toEqual({ n: 250, sum: '2.5' });
  });

  it('a warm sync reads one page of asset/bills; a full one goes on in bills-history from its oldest bill', async () => {
    okx.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(walk()).toEqual([['bills', null]]);
    // 150 new rewards, one every 0.1 s up to a second ago: more than one page.
    okx.scenario.fundingBills.push(...rewards(150, 5000, okx.now() - 1000, 100));
    okx.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(walk()).toEqual([['bills', null], ['bills-history', '5050']]);
    expect(await funding()).toEqual({ n: 400, sum: '4' });
  });

  it('after more than a month without a sync, the walk starts in bills-history', async () => {
    okx.scenario.fundingBills.push(...rewards(3, 9000, okx.now() + 40 * DAY - HOUR, 1000));
    // OKX's clock 40 days on; a new app (a kept client measured the clock before) sees it.
    okx.clockSkewMs = 40 * DAY;
    okx.clearRequests();
    const later = await h.core({ env: { ...h.env, ...okxEnv(okx) } });
    expect((await later.sync.syncAll('test')).ok).toBe(true);
    // The 3 new bills and the last sync's 150 (inside the 5-minute overlap, read again) fill
    // a page and a half; the next older one ends the walk.
    expect(walk()).toEqual([['bills-history', null], ['bills-history', '5053']]);
    expect(await funding()).toEqual({ n: 403, sum: '4.03' });
  });
});
