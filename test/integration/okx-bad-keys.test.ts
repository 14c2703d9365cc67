import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOkxServer, OKX_DEMO_KEY, OKX_IP_BOUND_KEY, OKX_READ_ONLY_KEY, OKX_TRADING_KEY, OKX_WRONG_PASSPHRASE_KEY, type FakeOkxKey, type FakeOkxServer,
} from '../fake-okx/index.js';
import { runCli } from '../helpers/cli.js';
import { okxEnv, okxEnvKey } from '../helpers/okx-env.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// Every bad-key scenario of the fake OKX at sync time, in the connection test and at
// configuration time: each names its cause, never "invalid sign" alone.

describe('bad OKX keys fail with a classified error that names the cause', () => {
  let h: SyncHarness;
  let okx: FakeOkxServer;
  beforeAll(async () => {
    h = await startHarness();
    okx = await createOkxServer();
  });
  afterAll(async () => {
    await h.close();
    await okx.close();
  });

  // Forced: the failures before would otherwise open the account's breaker and skip it.
  const syncResult = async (env: Record<string, string>) => {
    const core = await h.core({ env: { ...okxEnv(okx), ...env } });
    return core.sync.syncAll('test', { force: true });
  };
  const syncWith = async (env: Record<string, string>) => {
    const summary = await syncResult(env);
    expect(summary.ok).toBe(false);
    return summary.accounts[0]!.error!;
  };

  it('a wrong passphrase says passphrase, not signature', async () => {
    const e = await syncWith({ OKX_API_PASSWORD: OKX_WRONG_PASSPHRASE_KEY.passphrase });
    expect(e.errorClass).toBe('auth');
    expect(e.message).toMatch(/rejected the API passphrase/);
    expect(e.recommendation).toMatch(/OKX_API_PASSWORD/);
  });

  it('a wrong secret says the secret does not belong to the key', async () => {
    const e = await syncWith({ OKX_API_SECRET: 'NotTheSecretOfThisKey000000000000' });
    expect(e).toMatchObject({ errorClass: 'auth' });
    expect(e.message).toMatch(/API secret does not belong to this key/);
  });

  it('a demo key on live, and a live key in demo mode, say which environment is wrong', async () => {
    const live = await syncWith(okxEnvKey(OKX_DEMO_KEY));
    expect(live.errorClass).toBe('auth');
    expect(live.message).toMatch(/demo-trading key used on the live site/);
    expect(live.recommendation).toMatch(/OKX_DEMO=true/);
    const demo = await syncWith({ OKX_DEMO: 'true' });
    expect(demo.message).toMatch(/live key used for demo trading/);
  });

  it('a demo key with OKX_DEMO=true syncs (the x-simulated-trading header is sent)', async () => {
    expect((await syncResult({ ...okxEnvKey(OKX_DEMO_KEY), OKX_DEMO: 'true' })).ok).toBe(true);
  });

  it('an IP-bound key from another address is an ip error; an unknown key an invalid key', async () => {
    expect((await syncWith(okxEnvKey(OKX_IP_BOUND_KEY))).errorClass).toBe('ip');
    const unknown = await syncWith({ OKX_API_KEY: 'okx-nobody-00000000' });
    expect(unknown.message).toMatch(/API key is invalid/);
  });

  it('a clock 60 s off is measured and signed around (OKX allows 30 s)', async () => {
    okx.clockSkewMs = 60_000;
    try {
      expect((await syncResult({})).ok).toBe(true);
    } finally {
      okx.clockSkewMs = 0;
    }
  });

  it('the settings connection test reads account/config: permissions and IP binding, or the classified cause', async () => {
    const core = await h.core({ env: okxEnv(okx) });
    const test = (key: FakeOkxKey, extra: Record<string, unknown> = {}) => core.invoke('accounts:test', {
      exchangeId: 'okx', id: 'second', label: 'Second', apiUrl: okx.url, credentials: { apiKey: key.apiKey, secret: key.secret, password: key.passphrase }, ...extra,
    });
    okx.clearRequests();
    expect(await test(OKX_TRADING_KEY)).toMatchObject({ ok: true, key: { readOnly: false, expiresAt: null, ipRestricted: false } });
    expect(okx.requests.map((r) => r.path)).toEqual(['/api/v5/public/time', '/api/v5/account/config']);
    expect(await test(OKX_READ_ONLY_KEY)).toMatchObject({ ok: true, key: { readOnly: true } });
    const wrong = await test(OKX_WRONG_PASSPHRASE_KEY);
    expect(wrong).toMatchObject({ ok: false, error: { errorClass: 'auth' } });
    expect(wrong.error!.message).toMatch(/passphrase/);
    expect(JSON.stringify(wrong)).not.toContain(OKX_WRONG_PASSPHRASE_KEY.passphrase);
    expect((await test(OKX_DEMO_KEY, { demo: true })).ok).toBe(true);
  });

  it('an OKX key without its passphrase is refused at save and test, naming the passphrase', async () => {
    const core = await h.core({ env: okxEnv(okx) });
    const input = { exchangeId: 'okx', id: 'third', label: 'Third', apiUrl: okx.url, credentials: { apiKey: OKX_READ_ONLY_KEY.apiKey, secret: OKX_READ_ONLY_KEY.secret } };
    okx.clearRequests();
    await expect(core.invoke('accounts:test', input)).rejects.toMatchObject({ errorClass: 'config', message: 'The OKX key needs its passphrase' });
    await expect(core.invoke('accounts:save', input)).rejects.toMatchObject({ errorClass: 'config', message: 'The OKX key needs its passphrase' });
    expect((await core.invoke('accounts:list')).accounts.map((a) => a.id)).not.toContain('third');
    expect(okx.requests).toHaveLength(0);
  });

  it('a missing passphrase is a configuration error naming OKX_API_PASSWORD, exit 2', async () => {
    okx.clearRequests();
    const env = { ...h.env, ...okxEnv(okx) };
    delete (env as Record<string, string | undefined>).OKX_API_PASSWORD;
    const r = await runCli(['sync', '--json'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OKX_API_PASSWORD is not set/);
    expect(okx.requests).toHaveLength(0);
  });
});
