// The fake OKX V5 server driven by ccxt's unmodified okx class (it signs), pointed at it
// the way the app does: `urls.api.rest` replaced by the fake's URL.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOkxServer, OKX_DEMO_KEY, OKX_IP_BOUND_KEY, OKX_READ_ONLY_KEY, OKX_TRADING_KEY, okxSign, type FakeOkxKey, type FakeOkxServer } from '../fake-okx/index.js';

interface Envelope { code: string; msg: string; data: Array<Record<string, unknown>> }
interface OkxCcxt {
  urls: { api: Record<string, string> };
  options: Record<string, unknown>;
  setSandboxMode(on: boolean): void;
  handleErrors: (...args: unknown[]) => unknown;
  [m: string]: unknown;
}
type Ctor = new (config: Record<string, unknown>) => OkxCcxt;

async function okxClass(): Promise<Ctor> {
  const root = path.dirname(path.dirname(createRequire(import.meta.url).resolve('ccxt')));
  return ((await import(pathToFileURL(path.join(root, 'js', 'src', 'okx.js')).href)) as { default: Ctor }).default;
}

describe('fake OKX V5', () => {
  let server: FakeOkxServer;
  let Okx: Ctor;
  beforeAll(async () => {
    server = await createOkxServer();
    Okx = await okxClass();
  });
  afterAll(async () => server.close());

  /** A ccxt client whose error handling is off, so the test sees OKX's envelope as sent. */
  function client(key: FakeOkxKey, opts: { passphrase?: string; secret?: string; demo?: boolean; timeDifference?: number } = {}) {
    const ex = new Okx({ apiKey: key.apiKey, secret: opts.secret ?? key.secret, password: opts.passphrase ?? key.passphrase });
    if (opts.demo) ex.setSandboxMode(true);
    ex.urls.api.rest = server.url;
    ex.options.timeDifference = opts.timeDifference ?? 0;
    ex.handleErrors = () => true;
    const call = (method: string, params: Record<string, unknown> = {}) => (ex[method] as (p: Record<string, unknown>) => Promise<Envelope>).call(ex, params);
    return call;
  }

  it('answers a signed balance read in OKX\'s envelope with string numbers', async () => {
    const r = await client(OKX_READ_ONLY_KEY)('privateGetAccountBalance');
    expect(r.code).toBe('0');
    const usdt = (r.data[0]!.details as Array<Record<string, string>>).find((d) => d.ccy === 'USDT')!;
    expect(usdt).toMatchObject({ cashBal: '2000.5', eq: '2050.5', upl: '50' });
  });

  it('gives each bad credential its own code', async () => {
    expect((await client(OKX_READ_ONLY_KEY, { passphrase: 'wrong' })('privateGetAccountBalance')).code).toBe('50105');
    expect((await client(OKX_READ_ONLY_KEY, { secret: 'not-the-secret' })('privateGetAccountBalance')).code).toBe('50113');
    expect((await client({ ...OKX_READ_ONLY_KEY, apiKey: 'unknown' })('privateGetAccountBalance')).code).toBe('50111');
    expect((await client(OKX_DEMO_KEY)('privateGetAccountBalance')).code).toBe('50101');
    expect((await client(OKX_READ_ONLY_KEY, { demo: true })('privateGetAccountBalance')).code).toBe('50101');
    expect((await client(OKX_DEMO_KEY, { demo: true })('privateGetAccountBalance')).code).toBe('0');
    expect((await client(OKX_IP_BOUND_KEY)('privateGetAccountBalance')).code).toBe('50110');
    // 31 s behind is outside the 30 s window; 29 s is inside.
    expect((await client(OKX_READ_ONLY_KEY, { timeDifference: 31_000 })('privateGetAccountBalance')).code).toBe('50102');
    expect((await client(OKX_READ_ONLY_KEY, { timeDifference: 29_000 })('privateGetAccountBalance')).code).toBe('0');
  });

  it('checks the signature over timestamp, method, path with query, and body', async () => {
    const ts = new Date(server.now()).toISOString();
    const requestPath = '/api/v5/account/config';
    const headers = (sign: string) => ({ 'OK-ACCESS-KEY': OKX_TRADING_KEY.apiKey, 'OK-ACCESS-PASSPHRASE': OKX_TRADING_KEY.passphrase, 'OK-ACCESS-TIMESTAMP': ts, 'OK-ACCESS-SIGN': sign });
    const good = await (await fetch(server.url + requestPath, { headers: headers(okxSign(OKX_TRADING_KEY.secret, `${ts}GET${requestPath}`)) })).json() as Envelope;
    expect(good.data[0]).toMatchObject({ perm: 'read_only,trade', ip: '' });
    const res = await fetch(server.url + requestPath, { headers: headers(okxSign(OKX_TRADING_KEY.secret, `${ts}GET/api/v5/account/balance`)) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Envelope).code).toBe('50113');
  });

  it('pages fills-history newest first by bill id with after/before and limit, over three months, instType required', async () => {
    const call = client(OKX_READ_ONLY_KEY);
    expect((await call('privateGetTradeFillsHistory')).code).toBe('50014');
    const all = await call('privateGetTradeFillsHistory', { instType: 'SPOT' });
    // The 120-day-old fill is beyond fills-history's three months; the SWAP fill is another instType.
    expect(all.data.map((f) => f.billId)).toEqual(['1006', '1004', '1003', '1002']);
    const first = await call('privateGetTradeFillsHistory', { instType: 'SPOT', limit: 2 });
    expect(first.data.map((f) => f.billId)).toEqual(['1006', '1004']);
    const next = await call('privateGetTradeFillsHistory', { instType: 'SPOT', limit: 2, after: '1004' });
    expect(next.data.map((f) => f.billId)).toEqual(['1003', '1002']);
    const newer = await call('privateGetTradeFillsHistory', { instType: 'SPOT', before: '1003' });
    expect(newer.data.map((f) => f.billId)).toEqual(['1006', '1004']);
    expect((await call('privateGetTradeFillsHistory', { instType: 'SWAP' })).data).toHaveLength(1);
  });

  it('answers the funding account\'s bills: asset/bills for a month by time, bills-history since 2021 by time or bill id', async () => {
    const call = client(OKX_READ_ONLY_KEY);
    const now = server.now();
    const ts = (days: number) => String(now - days * 86_400_000);
    server.scenario.fundingBills.push({ billId: '69000', ccy: 'USDT', balChg: '3', bal: '3', type: '151', ts: now - 45 * 86_400_000 });
    try {
      const recent = await call('privateGetAssetBills');
      // Newest first, string numbers; the 45-day-old bill is beyond asset/bills' month.
      expect(recent.data.map((b) => [b.billId, b.type, b.balChg])).toEqual([['70003', '151', '2'], ['70002', '21', '0.05'], ['70001', '131', '-200']]);
      // `after` is a time on asset/bills: older than 1.5 days.
      expect((await call('privateGetAssetBills', { after: ts(1.5) })).data.map((b) => b.billId)).toEqual(['70002', '70001']);
      const history = await call('privateGetAssetBillsHistory', { pagingType: '2', limit: '2' });
      expect(history.data.map((b) => b.billId)).toEqual(['70003', '70002']);
      expect((await call('privateGetAssetBillsHistory', { pagingType: '2', after: '70002' })).data.map((b) => b.billId)).toEqual(['70001', '69000']);
      expect((await call('privateGetAssetBillsHistory', { after: ts(2.5) })).data.map((b) => b.billId)).toEqual(['70001', '69000']);
      expect((await call('privateGetAssetBillsHistory', { pagingType: '3' })).code).toBe('51000');
    } finally {
      server.scenario.fundingBills.pop();
    }
  });

  it('logs requests and injects faults', async () => {
    server.clearRequests();
    server.addFault({ path: '/api/v5/asset/balances', kind: 'retCode', retCode: 50001, times: 1 });
    const call = client(OKX_READ_ONLY_KEY);
    expect((await call('privateGetAssetBalances')).code).toBe('50001');
    expect((await call('privateGetAssetBalances')).data).toHaveLength(2);
    expect(server.countRequests('/api/v5/asset/balances')).toBe(2);
    expect(server.requests[0]).toMatchObject({ status: 503, retCode: 50001, fault: 'retCode', apiKey: OKX_READ_ONLY_KEY.apiKey });
  });
});
