import { describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../../electron/core/config/app-config.js';
import { createAccountSession, environmentUrlsFromEnv } from '../../../electron/core/diagnostics/account-session.js';
import type { NetProbes } from '../../../electron/core/diagnostics/net-probes.js';
import { reachabilityCheck } from '../../../electron/core/diagnostics/reachability-check.js';
import { createCcxtLoader } from '../../../electron/core/exchange/ccxt-loader.js';
import { createRedactor } from '../../../electron/core/redact.js';

// No network: each layer of the path is a fake, so any layer can fail on demand.
const loader = createCcxtLoader();
const ACCOUNT: AccountConfig = { exchangeId: 'bybit', id: 'default', label: null, enabled: true, testnet: false, demo: false, apiUrl: null, testnetApiUrl: null, source: 'env' };

function session(account: Partial<AccountConfig> = {}) {
  return createAccountSession({ ...ACCOUNT, ...account }, {
    loader, redactor: createRedactor(), now: () => new Date(), requestTimeoutMs: 1000, stores: [], environmentUrls: environmentUrlsFromEnv({}),
  });
}

function coded(code: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(code);
  e.code = code;
  return e;
}

const healthy: NetProbes = {
  lookup: async () => ['198.51.100.10'],
  tcpConnect: async () => undefined,
  tlsHandshake: async () => ({ protocol: 'TLSv1.3', subject: 'api.bybit.com', issuer: 'DigiCert Inc', validTo: 'Jan 1 00:00:00 2030 GMT' }),
  httpGet: async () => ({ status: 200, contentType: 'application/json', body: '{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1"}}' }),
};

const run = (probes: Partial<NetProbes>, account: Partial<AccountConfig> = {}, env: Record<string, string> = {}) => {
  let t = 0;
  return reachabilityCheck(session(account), { net: { ...healthy, ...probes }, stepTimeoutMs: 1000, env, elapsed: () => (t += 5) }).run();
};

describe('reachability check', () => {
  it('walks DNS, TCP, TLS and HTTP to ccxt\'s own Bybit URL', async () => {
    const o = await run({});
    expect(o).toMatchObject({ status: 'pass', data: { url: 'https://api.bybit.com', host: 'api.bybit.com', port: 443, dns: { ok: true, addresses: ['198.51.100.10'] }, tcp: { ok: true, address: '198.51.100.10' }, tls: { ok: true, protocol: 'TLSv1.3' }, http: { ok: true, status: 200, exchangeApi: true } } });
    expect(o.data.latencyMs).toEqual(expect.any(Number));
  });

  it('uses the testnet and demo hosts as the sync would', async () => {
    expect((await run({}, { testnet: true })).data.url).toBe('https://api-testnet.bybit.com');
    expect((await run({}, { demo: true })).data.url).toBe('https://api-demo.bybit.com');
    expect((await run({}, { apiUrl: 'https://api.bybit.eu' })).data.url).toBe('https://api.bybit.eu');
  });

  it('fails a DNS lookup with the regional domains and the variable to set', async () => {
    const o = await run({ lookup: async () => { throw coded('ENOTFOUND'); } });
    expect(o).toMatchObject({ status: 'fail', data: { dns: { ok: false, code: 'ENOTFOUND' } } });
    expect(o.recommendation).toContain('BYBIT_API_URL');
    expect(o.recommendation).toContain('api.bybit.eu');
    expect(o.recommendation).toContain('api.bybit.kz');
    expect(o.recommendation).toContain('api.bytick.com');
  });

  it('names TLS interception (a corporate proxy or antivirus) on a certificate error', async () => {
    const o = await run({ tlsHandshake: async () => { throw coded('SELF_SIGNED_CERT_IN_CHAIN'); } });
    expect(o).toMatchObject({ status: 'fail', data: { tls: { ok: false, code: 'SELF_SIGNED_CERT_IN_CHAIN' } } });
    expect(o.recommendation).toMatch(/intercepts/);
    expect(o.recommendation).toContain('api.bybit.eu');
  });

  it('names the testnet variable for a testnet account', async () => {
    const o = await run({ tcpConnect: async () => { throw coded('ETIMEDOUT'); } }, { testnet: true });
    expect(o.status).toBe('fail');
    expect(o.recommendation).toContain('BYBIT_TESTNET_API_URL');
  });

  it('fails HTTP 403 (region or IP limit) and warns on a page that is not the API', async () => {
    const blocked = await run({ httpGet: async () => ({ status: 403, contentType: 'text/plain', body: 'access too frequent' }) });
    expect(blocked).toMatchObject({ status: 'fail', data: { http: { status: 403 } } });
    expect(blocked.recommendation).toContain('api.bybit.eu');
    const portal = await run({ httpGet: async () => ({ status: 200, contentType: 'text/html', body: '<html>Sign in to the Wi-Fi</html>' }) }, {}, { HTTPS_PROXY: 'http://proxy:3128' });
    expect(portal).toMatchObject({ status: 'warn', data: { http: { exchangeApi: false }, proxyVariables: ['HTTPS_PROXY'] } });
    expect(portal.recommendation).toMatch(/captive portal/);
  });

  it('warns, not fails, when the exchange answers with a server error', async () => {
    const o = await run({ httpGet: async () => ({ status: 503, contentType: 'text/html', body: '<html>503</html>' }) });
    expect(o.status).toBe('warn');
    expect(o.recommendation).toMatch(/status page/);
  });
});
