import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/api.js';
import { runHeadlessDiagnostics } from '../../electron/core/diagnostics/headless.js';
import {
  createOkxServer, OKX_DEMO_KEY, OKX_IP_BOUND_KEY, OKX_READ_ONLY_KEY, OKX_TRADING_KEY, OKX_WRONG_PASSPHRASE_KEY, type FakeOkxKey, type FakeOkxServer,
} from '../fake-okx/index.js';
import { createServer, READ_ONLY_KEY } from '../fake-bybit/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

// Diagnostics of an OKX account against the fake OKX over loopback, one scenario per key.

let okx: FakeOkxServer;
let db: TestDatabase;
let dataDir: string;
const TIMEOUTS = { checkMs: 20_000, requestMs: 5000, stepMs: 3000 };

const env = (key: FakeOkxKey, extra: Record<string, string> = {}): Record<string, string> => ({
  DATA_DIR: dataDir, DATABASE_URL: db.url, EXCHANGE_SYNC_EXCHANGES: 'okx',
  OKX_API_KEY: key.apiKey, OKX_API_SECRET: key.secret, OKX_API_PASSWORD: key.passphrase, OKX_API_URL: okx.url, ...extra,
});
const diagnose = async (e: Record<string, string>): Promise<DiagnosticsReport> => (await runHeadlessDiagnostics({ env: e, keychain: null, timeouts: TIMEOUTS })).report;
const check = (r: DiagnosticsReport, id: string): DiagnosticCheck => {
  const found = r.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${r.checks.map((c) => c.id).join(', ')}`);
  return found;
};

beforeAll(async () => {
  okx = await createOkxServer();
  db = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-diag-okx-'));
});
afterAll(async () => {
  await okx.close();
  await db.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('diagnostics of an OKX account', () => {
  it('a read-only key: reachable, clock measured, key accepted, wallets readable, the missing IP binding flagged', async () => {
    const r = await diagnose(env(OKX_READ_ONLY_KEY));
    expect(check(r, 'reachability').data).toMatchObject({ url: okx.url, http: { ok: true, status: 200, exchangeApi: true } });
    expect(Math.abs(check(r, 'clock').data.offsetMs as number)).toBeLessThan(1000);
    expect(check(r, 'credentials')).toMatchObject({ status: 'pass' });
    expect(check(r, 'credentials').detail).toMatch(/account\/config/);
    expect(check(r, 'environment')).toMatchObject({ status: 'pass', data: { keyBelongsTo: 'mainnet' } });
    expect(check(r, 'key-health')).toMatchObject({ status: 'warn', data: { readOnly: true, canTrade: false, ipBound: false, accountMode: 'spot-and-futures' } });
    expect(check(r, 'key-health').detail).toMatch(/not bound to an IP address/);
    expect(check(r, 'wallets')).toMatchObject({ status: 'pass', data: { accountType: 'okx', wallets: { TRADING: { readable: true }, FUNDING: { readable: true }, EARN_SAVINGS: { readable: true } } } });
  });

  it('a clock 10 s off warns against OKX\'s 30 s window (Bybit\'s 5 s would fail it)', async () => {
    okx.clockSkewMs = -10_000;
    try {
      const c = check(await diagnose(env(OKX_READ_ONLY_KEY)), 'clock');
      expect(c).toMatchObject({ status: 'warn', data: { recvWindowMs: 30_000 } });
      expect(c.detail).toMatch(/allows 30 s/);
    } finally {
      okx.clockSkewMs = 0;
    }
  });

  it('a trading key is flagged as able to trade', async () => {
    const r = await diagnose(env(OKX_TRADING_KEY));
    expect(check(r, 'key-health')).toMatchObject({ status: 'warn', data: { readOnly: false, canTrade: true } });
    expect(check(r, 'key-health').detail).toMatch(/can trade/);
  });

  it('a wrong passphrase is named as such', async () => {
    const r = await diagnose(env(OKX_WRONG_PASSPHRASE_KEY));
    expect(check(r, 'credentials')).toMatchObject({ status: 'fail', data: { okxCode: '50105', meaning: 'wrong passphrase' } });
    expect(check(r, 'credentials').detail).toMatch(/passphrase/);
    // OKX knew the key: the environment is right.
    expect(check(r, 'environment').status).toBe('pass');
  });

  it('a demo key on live: the environment check finds it belongs to demo trading', async () => {
    const r = await diagnose(env(OKX_DEMO_KEY));
    expect(check(r, 'credentials')).toMatchObject({ status: 'fail', data: { okxCode: '50101' } });
    const e = check(r, 'environment');
    expect(e).toMatchObject({ status: 'fail', data: { keyBelongsTo: 'demo' } });
    expect(e.recommendation).toMatch(/OKX_DEMO=true/);
  });

  it('a demo key with OKX_DEMO=true passes; a live key with it is sent back to live', async () => {
    expect(check(await diagnose(env(OKX_DEMO_KEY, { OKX_DEMO: 'true' })), 'environment')).toMatchObject({ status: 'pass', data: { keyBelongsTo: 'demo' } });
    expect(check(await diagnose(env(OKX_READ_ONLY_KEY, { OKX_DEMO: 'true' })), 'environment')).toMatchObject({ status: 'fail', data: { keyBelongsTo: 'mainnet' } });
  });

  it('a Bybit and an OKX account are diagnosed side by side, each with its own checks', async () => {
    const bybit = await createServer();
    try {
      const r = await diagnose({ ...env(OKX_READ_ONLY_KEY), EXCHANGE_SYNC_EXCHANGES: 'bybit,okx', BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: bybit.url });
      const credentials = r.checks.filter((c) => c.id === 'credentials').map((c) => [c.account, c.status]);
      expect(credentials.sort()).toEqual([['bybit/default', 'pass'], ['okx/default', 'pass']]);
      const wallets = r.checks.filter((c) => c.id === 'wallets').map((c) => [c.account, (c.data as { accountType: string }).accountType]);
      expect(wallets.sort()).toEqual([['bybit/default', 'unified'], ['okx/default', 'okx']]);
    } finally {
      await bybit.close();
    }
  });

  it('an IP-bound key used from elsewhere is an IP failure', async () => {
    const r = await diagnose(env(OKX_IP_BOUND_KEY));
    expect(check(r, 'credentials')).toMatchObject({ status: 'fail', data: { errorClass: 'ip', okxCode: '50110' } });
  });
});
