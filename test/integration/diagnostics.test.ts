import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/api.js';
import { runCli } from '../../electron/cli/run-cli.js';
import { createCore } from '../../electron/core/core.js';
import { clockAdvice } from '../../electron/core/diagnostics/clock-check.js';
import { runHeadlessDiagnostics } from '../../electron/core/diagnostics/headless.js';
import {
  createServer, EXPIRED_KEY, EXPIRING_KEY, IP_MISMATCH_KEY, NO_EARN_KEY, NO_WALLET_KEY, READ_ONLY_KEY, TESTNET_KEY, TRADING_KEY,
  type FakeApiKey, type FakeBybitServer,
} from '../fake-bybit/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

// Diagnostics against real loopback servers: the fake Bybit once per environment
// (mainnet, testnet, demo) and a real PostgreSQL database per scenario that needs one.

let mainnet: FakeBybitServer;
let testnet: FakeBybitServer;
let demo: FakeBybitServer;
let db: TestDatabase;
let dataDir: string;

const TIMEOUTS = { checkMs: 20_000, requestMs: 5000, stepMs: 3000 };

function baseEnv(key: FakeApiKey = READ_ONLY_KEY): Record<string, string> {
  return {
    DATA_DIR: dataDir, DATABASE_URL: db.url, BYBIT_API_KEY: key.apiKey, BYBIT_API_SECRET: key.secret,
    BYBIT_API_URL: mainnet.url, BYBIT_TESTNET_API_URL: testnet.url, BYBIT_DEMO_API_URL: demo.url,
  };
}

async function diagnose(env: Record<string, string>): Promise<DiagnosticsReport> {
  return (await runHeadlessDiagnostics({ env, keychain: null, timeouts: TIMEOUTS })).report;
}

function check(report: DiagnosticsReport, id: string): DiagnosticCheck {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  [mainnet, testnet, demo] = await Promise.all([createServer(), createServer({ environment: 'testnet' }), createServer({ environment: 'demo' })]);
  db = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-diag-test-'));
});

afterAll(async () => {
  await Promise.all([mainnet?.close(), testnet?.close(), demo?.close()]);
  await db?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('diagnostics: a healthy setup', () => {
  it('passes every check after a sync (the keychain is not used) and leaks no secret', async () => {
    const core = await createCore({ env: baseEnv(), keychain: null });
    try {
      expect((await core.invoke('sync:run')).ok).toBe(true);
    } finally {
      await core.close();
    }
    const report = await diagnose(baseEnv());
    const notPassing = report.checks.filter((c) => c.status !== 'pass' && c.id !== 'keychain');
    expect(notPassing).toEqual([]);
    expect(report.ok).toBe(true);
    expect(check(report, 'keychain')).toMatchObject({ status: 'skip', detail: 'Not used: credentials come from the environment', data: { accountsWithEnvCredentials: ['bybit/default'] } });
    expect(check(report, 'database').data).toMatchObject({ mode: 'external', reachable: true, authenticated: true, databaseExists: true, pendingMigrations: 0, database: db.name });
    expect(check(report, 'database').data.roundTripMs).toEqual(expect.any(Number));
    expect(check(report, 'reachability').data).toMatchObject({ url: mainnet.url, tcp: { ok: true }, http: { ok: true, status: 200, exchangeApi: true } });
    expect(Math.abs(check(report, 'clock').data.offsetMs as number)).toBeLessThan(1000);
    expect(check(report, 'credentials').data).toMatchObject({ source: 'environment', keyHint: `…${READ_ONLY_KEY.apiKey.slice(-4)}` });
    expect(check(report, 'key-health').data).toMatchObject({ readOnly: true, canWithdraw: false, ipBound: true, expiresAt: null, accountType: 'unified', uta: 1 });
    expect(check(report, 'wallets').data).toMatchObject({ accountType: 'unified', wallets: { UNIFIED: { readable: true }, FUND: { readable: true }, EARN: { readable: true } } });
    expect(check(report, 'rate-limit').data.minHeadroomPct).toBeGreaterThanOrEqual(20);
    expect(check(report, 'sync-state').data.lastSuccessAt).not.toBeNull();
    // Every account check names the account; global ones have none.
    expect(report.checks.filter((c) => c.account === null).map((c) => c.id).sort()).toEqual(['database', 'keychain', 'settings']);
    const text = JSON.stringify(report);
    expect(text).not.toContain(READ_ONLY_KEY.secret);
    expect(text).not.toContain(READ_ONLY_KEY.apiKey);
    expect(text).not.toContain(new URL(db.url).password);
  });

  it('streams each result as an event through the core API, and a second call joins the run', async () => {
    const core = await createCore({ env: baseEnv(), keychain: null });
    try {
      const streamed: DiagnosticCheck[] = [];
      core.events.on('diagnostics:result', (c) => streamed.push(c));
      const [a, b] = await Promise.all([core.invoke('diagnostics:run'), core.invoke('diagnostics:run')]);
      expect(b).toBe(a);
      expect(streamed).toHaveLength(a.checks.length);
      expect(new Set(streamed.map((c) => `${c.account}:${c.id}`))).toEqual(new Set(a.checks.map((c) => `${c.account}:${c.id}`)));
      expect(check(a, 'database').status).toBe('pass');
      expect(check(a, 'credentials').status).toBe('pass');
      // Input is validated like every channel's: this one takes none.
      await expect(Promise.resolve().then(() => core.invoke('diagnostics:run', { all: true } as never))).rejects.toThrow();
    } finally {
      await core.close();
    }
  });
});

describe('diagnostics: the API key', () => {
  it('names a wrong secret (10004) while the environment is right', async () => {
    const report = await diagnose({ ...baseEnv(), BYBIT_API_SECRET: 'not-the-secret-of-this-key-000000000' });
    const creds = check(report, 'credentials');
    expect(creds).toMatchObject({ status: 'fail', data: { errorClass: 'auth', retCode: 10004 } });
    expect(creds.recommendation).toMatch(/API secret again/);
    expect(check(report, 'environment')).toMatchObject({ status: 'pass', data: { keyBelongsTo: 'mainnet' } });
    expect(check(report, 'key-health').status).toBe('skip');
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).not.toContain('not-the-secret-of-this-key');
  });

  it('says a key rejected by mainnet belongs to testnet, and how to turn testnet on', async () => {
    const report = await diagnose(baseEnv(TESTNET_KEY));
    expect(check(report, 'credentials')).toMatchObject({ status: 'fail', data: { retCode: 10003 } });
    const env = check(report, 'environment');
    expect(env).toMatchObject({ status: 'fail', data: { configured: 'mainnet', keyBelongsTo: 'testnet', tried: { testnet: 'accepted', demo: 'rejected' } } });
    expect(env.detail).toContain('This key belongs to testnet');
    expect(env.detail).toContain('turn testnet on for this account');
    expect(env.recommendation).toContain('BYBIT_TESTNET=true');
  });

  it('says a key known nowhere was mistyped or deleted, after asking every environment', async () => {
    const report = await diagnose({ ...baseEnv(), BYBIT_API_KEY: 'NOSUCHKEY000000000' });
    const env = check(report, 'environment');
    expect(env).toMatchObject({ status: 'fail', data: { keyBelongsTo: null, tried: { testnet: 'rejected', demo: 'rejected' } } });
    expect(env.detail).toMatch(/mistyped, deleted/);
    expect(env.recommendation).toMatch(/Copy the API key and secret again/);
  });

  it('explains an expired key (33004)', async () => {
    const report = await diagnose(baseEnv(EXPIRED_KEY));
    const creds = check(report, 'credentials');
    expect(creds).toMatchObject({ status: 'fail', data: { errorClass: 'auth', retCode: 33004, meaning: 'API key expired' } });
    expect(creds.recommendation).toMatch(/new read-only key/);
    expect(check(report, 'environment').status).toBe('pass');
  });

  it('says the reverse too: testnet is on but the key is a mainnet key', async () => {
    const report = await diagnose({ ...baseEnv(READ_ONLY_KEY), BYBIT_TESTNET: 'true' });
    const env = check(report, 'environment');
    expect(env).toMatchObject({ status: 'fail', data: { configured: 'testnet', keyBelongsTo: 'mainnet' } });
    expect(env.detail).toContain('turn testnet off');
    expect(env.recommendation).toContain('unset BYBIT_TESTNET');
    expect(check(report, 'reachability').data.url).toBe(testnet.url);
  });

  it('warns about a key that can trade and withdraw and is not IP-bound', async () => {
    const report = await diagnose(baseEnv(TRADING_KEY));
    const health = check(report, 'key-health');
    expect(health).toMatchObject({ status: 'warn', data: { readOnly: false, canTrade: true, canWithdraw: true, ipBound: false } });
    expect(health.recommendation).toMatch(/Read-Only key/);
    expect(check(report, 'credentials').status).toBe('pass');
  });

  it('warns about a key that expires within 14 days', async () => {
    const report = await diagnose(baseEnv(EXPIRING_KEY));
    const health = check(report, 'key-health');
    expect(health.status).toBe('warn');
    expect(health.data.expiresInDays as number).toBeGreaterThan(2);
    expect(health.data.expiresInDays as number).toBeLessThanOrEqual(3);
    expect(health.data.canTrade).toBe(false);
    expect(health.detail).toMatch(/expires in \d days, on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/);
    expect(health.detail).not.toMatch(/\d{4}-\d{2}-\d{2}T|\(s\)/);
    expect(health.recommendation).toMatch(/new key/);
  });

  it('fails an IP-bound key used from another address with class ip', async () => {
    const report = await diagnose(baseEnv(IP_MISMATCH_KEY));
    const creds = check(report, 'credentials');
    expect(creds).toMatchObject({ status: 'fail', data: { errorClass: 'ip', retCode: 10010 } });
    expect(creds.recommendation).toMatch(/IP address/);
    expect(check(report, 'environment').status).toBe('pass');
    expect(check(report, 'key-health').status).toBe('skip');
  });

  it('warns when the Funding wallet needs a permission the key lacks', async () => {
    const report = await diagnose(baseEnv(NO_WALLET_KEY));
    const wallets = check(report, 'wallets');
    expect(wallets).toMatchObject({ status: 'warn', data: { wallets: { UNIFIED: { readable: true }, FUND: { readable: false, errorClass: 'permission' } } } });
    expect(wallets.recommendation).toMatch(/Account Transfer/);
    expect(wallets.recommendation).not.toMatch(/Earn/);
    expect(report.ok).toBe(true);
  });

  it('warns naming the Earn permission when the key lacks it', async () => {
    const report = await diagnose(baseEnv(NO_EARN_KEY));
    const wallets = check(report, 'wallets');
    expect(wallets).toMatchObject({ status: 'warn', data: { wallets: { UNIFIED: { readable: true }, FUND: { readable: true }, EARN: { readable: false, errorClass: 'permission' } } } });
    expect(wallets.detail).toMatch(/Earn positions \(Earn permission missing\)/);
    expect(wallets.recommendation).toMatch(/tick Earn/);
    expect(report.ok).toBe(true);
  });

  it('warns when the rate-limit headers show no headroom left', async () => {
    const tight = await createServer({ rateLimits: { '/v5/user/query-api': 1 } });
    try {
      const report = await diagnose({ ...baseEnv(), BYBIT_API_URL: tight.url });
      const limit = check(report, 'rate-limit');
      expect(limit).toMatchObject({ status: 'warn', data: { minHeadroomPct: 0 } });
      expect(limit.data.endpoints).toEqual(expect.arrayContaining([expect.objectContaining({ endpoint: 'v5/user/query-api', limit: 1, remaining: 0 })]));
      expect(limit.recommendation).toMatch(/own read-only key/);
    } finally {
      await tight.close();
    }
  });
});

describe('diagnostics: clock', () => {
  it('warns past 1 s of offset', async () => {
    mainnet.clockSkewMs = 2000;
    try {
      const report = await diagnose(baseEnv());
      const clock = check(report, 'clock');
      expect(clock.status).toBe('warn');
      // The server is 2 s ahead: this computer is 2 s behind (offset = local − server).
      expect(clock.data.offsetMs as number).toBeGreaterThan(-2600);
      expect(clock.data.offsetMs as number).toBeLessThan(-1400);
      expect(clock.recommendation).toBe(clockAdvice(process.platform));
    } finally {
      mainnet.clockSkewMs = 0;
    }
  });

  it('fails past the receive window, while signed calls still work (the app compensates)', async () => {
    mainnet.clockSkewMs = 10_000;
    try {
      const report = await diagnose(baseEnv());
      const clock = check(report, 'clock');
      expect(clock.status).toBe('fail');
      expect(clock.data.offsetMs as number).toBeLessThan(-9000);
      expect(clock.data.recvWindowMs).toBe(5000);
      expect(clock.recommendation).toBe(clockAdvice(process.platform));
      expect(check(report, 'credentials').status).toBe('pass');
    } finally {
      mainnet.clockSkewMs = 0;
    }
  });
});

describe('diagnostics: network and database failures stay independent', () => {
  it('fails reachability on a closed port with a recommendation; the database still passes', async () => {
    const port = await closedPort();
    const report = await diagnose({ ...baseEnv(), BYBIT_API_URL: `http://127.0.0.1:${port}` });
    const reach = check(report, 'reachability');
    expect(reach).toMatchObject({ status: 'fail', data: { port, tcp: { ok: false, code: 'ECONNREFUSED' } } });
    expect(reach.recommendation).toContain('BYBIT_API_URL');
    // The key could not be asked about: not checked rather than wrong.
    expect(check(report, 'credentials').status).toBe('skip');
    expect(check(report, 'clock').status).toBe('skip');
    // A skipped check says why, and leaves the advice to the check that found the cause.
    for (const id of ['credentials', 'clock']) {
      expect(check(report, id).detail, id).toMatch(/^Not checked: /);
      expect(check(report, id).recommendation, id).toBe('');
    }
    expect(check(report, 'database').status).toBe('pass');
    expect(report.ok).toBe(false);
  });

  it('fails the database on a closed port while every exchange check passes', async () => {
    const port = await closedPort();
    const password = 'hunter2-not-for-display';
    const report = await diagnose({ ...baseEnv(), DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:${port}/alphapulse` });
    const database = check(report, 'database');
    expect(database).toMatchObject({ status: 'fail', data: { mode: 'external', host: '127.0.0.1', port, reachable: false, errorClass: 'database' } });
    expect(database.recommendation).toMatch(/DATABASE_URL/);
    for (const id of ['reachability', 'clock', 'credentials', 'environment', 'key-health', 'wallets', 'rate-limit']) {
      expect(check(report, id).status, id).toBe('pass');
    }
    expect(check(report, 'sync-state').status).toBe('skip');
    expect(JSON.stringify(report)).not.toContain(password);
  });

  it('reports the last failed sync with its class, and the circuit breaker, from the database', async () => {
    const own = await createTestDatabase();
    try {
      const env = { ...baseEnv(), DATABASE_URL: own.url, BYBIT_API_SECRET: 'wrong-secret-for-this-key-00000000' };
      const core = await createCore({ env, keychain: null });
      try {
        expect((await core.invoke('sync:run')).ok).toBe(false);
      } finally {
        await core.close();
      }
      const state = check(await diagnose(env), 'sync-state');
      expect(state).toMatchObject({ status: 'warn', data: { lastSuccessAt: null, lastRun: { success: false, errorClass: 'auth' }, breaker: { state: 'closed', consecutiveFailures: 1 } } });
      expect(state.detail).toMatch(/^The last sync, \d+(\.\d)? (ms|s|min) ago, failed \(api key\): /);
      expect(state.detail).not.toMatch(/\[|\d{4}-\d{2}-\d{2}T/);
      expect(state.recommendation).not.toBe('');
    } finally {
      await own.drop();
    }
  });
});

describe('alphapulse-sync diagnose', () => {
  async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks = { out: '', err: '' };
    stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
    stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
    const code = await runCli(args, { env, stdout, stderr, stopSignal: new Promise(() => undefined) });
    return { code, stdout: chunks.out, stderr: chunks.err };
  }

  it('--json prints exactly { ok, checks } with the documented fields and exits 0 when nothing fails', async () => {
    const r = await cli(['diagnose', '--json'], baseEnv(NO_WALLET_KEY));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DiagnosticsReport;
    expect(Object.keys(report).sort()).toEqual(['checks', 'ok']);
    for (const c of report.checks) {
      expect(Object.keys(c).sort()).toEqual(['account', 'data', 'detail', 'id', 'recommendation', 'status', 'title']);
      expect(['pass', 'warn', 'fail', 'skip']).toContain(c.status);
      if (c.status === 'warn' || c.status === 'fail') expect(c.recommendation, c.id).not.toBe('');
    }
    // A warning (the Funding wallet) is not a failure.
    expect(report.checks.some((c) => c.status === 'warn')).toBe(true);
    expect(report.ok).toBe(true);
  });

  it('exits 1 when a check fails, and still reports the exchange when the database is down', async () => {
    const port = await closedPort();
    const r = await cli(['diagnose', '--json'], { ...baseEnv(), DATABASE_URL: `postgres://postgres:pw-secret-123@127.0.0.1:${port}/alphapulse` });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as DiagnosticsReport;
    expect(check(report, 'database').status).toBe('fail');
    expect(check(report, 'credentials').status).toBe('pass');
    expect(r.stdout).not.toContain('pw-secret-123');
  });

  it('prints a readable, redacted text report', async () => {
    const r = await cli(['diagnose'], baseEnv(TRADING_KEY));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^AlphaPulse Sync diagnostics — /);
    expect(r.stdout).toMatch(new RegExp(`App \\S+ · Node ${process.versions.node.replace(/\./g, '\\.')} · `));
    expect(r.stdout).toContain('bybit/default');
    expect(r.stdout).toMatch(/WARN {2}API key safety: The key works, but the key can trade and withdraw/);
    expect(r.stdout).toContain(`…${TRADING_KEY.apiKey.slice(-4)}`);
    expect(r.stdout).not.toContain(TRADING_KEY.apiKey);
    expect(r.stdout).not.toContain(TRADING_KEY.secret);
  });

  it('exits 2 on a configuration error, before any check runs', async () => {
    const r = await cli(['diagnose', '--json'], { ...baseEnv(), EXCHANGE_SYNC_INTERVAL_MINUTES: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/EXCHANGE_SYNC_INTERVAL_MINUTES/);
  });
});
