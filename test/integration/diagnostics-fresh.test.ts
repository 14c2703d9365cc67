import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/api.js';
import { runCli } from '../../electron/cli/run-cli.js';
import { isProcessAlive } from '../../electron/core/db/process-utils.js';
import { readPostmasterPid, serverPaths } from '../../electron/core/db/server-files.js';
import { runHeadlessDiagnostics } from '../../electron/core/diagnostics/headless.js';
import { createServer, READ_ONLY_KEY, type FakeBybitServer } from '../fake-bybit/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

// What a careful new user sees first: `diagnose` before any sync, and with the database
// down. Neither state may show the database's own words (SQL, SQLSTATE, socket codes).

const TIMEOUTS = { checkMs: 20_000, requestMs: 5000, stepMs: 3000 };

/** Text a raw database or socket error leaves behind; none belongs in a check's text. */
const RAW_SQL = [
  /relation "/i, /does not exist/i, /syntax error/i, /\bSQLSTATE\b/i, /ECONNREFUSED/, /PostgreSQL error/i, /at character \d/i,
  /\b(42P01|42601|42703|42883|3D000|3F000|28P01|28000|57P0[123]|08001|08006|53300|42501|25P02)\b/, /column "/i, /violates/i,
];

let exchange: FakeBybitServer;
const dirs: string[] = [];

beforeAll(async () => {
  exchange = await createServer();
});

afterAll(async () => {
  await exchange?.close();
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-diag-fresh-'));
  dirs.push(dir);
  return dir;
}

function env(dataDir: string, databaseUrl: string): Record<string, string> {
  return { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: exchange.url };
}

function check(report: DiagnosticsReport, id: string): DiagnosticCheck {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check`);
  return found;
}

function expectNoRawSql(report: DiagnosticsReport): void {
  for (const c of report.checks) {
    const text = JSON.stringify(c);
    for (const pattern of RAW_SQL) expect(text, `${c.id}: ${text}`).not.toMatch(pattern);
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function cli(args: string[], e: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.resume();
  const code = await runCli(args, { env: e, stdout, stderr, stopSignal: new Promise(() => undefined) });
  return { code, stdout: out };
}

describe('diagnose before the first sync', () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('calls a never-initialised database normal: database passes, sync state "not synced yet", exit 0, no SQL error anywhere', async () => {
    const e = env(await freshDir(), fresh.url);
    const { report } = await runHeadlessDiagnostics({ env: e, keychain: null, timeouts: TIMEOUTS });
    expectNoRawSql(report);
    expect(check(report, 'database')).toMatchObject({ status: 'pass', data: { schemaVersion: 0 } });
    expect(check(report, 'database').detail).toMatch(/not synced yet/);
    expect(check(report, 'database').data.pendingMigrations as number).toBeGreaterThan(0);
    expect(check(report, 'sync-state')).toMatchObject({ status: 'skip' });
    expect(check(report, 'sync-state').detail).toMatch(/^Not synced yet/);
    expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    expect(report.ok).toBe(true);

    const r = await cli(['diagnose', '--json'], e);
    expect(r.code).toBe(0);
    expectNoRawSql(JSON.parse(r.stdout) as DiagnosticsReport);
    // Diagnostics only look: the database is still not set up.
    const { rows } = await fresh.pool.query<{ t: string | null }>("SELECT to_regclass('sync_history')::text AS t");
    expect(rows[0]?.t).toBeNull();
  });

  it('a half-built schema (tables missing behind a recorded migration) fails in words, not SQL', async () => {
    const broken = await createTestDatabase();
    try {
      await broken.pool.query('DROP TABLE sync_history CASCADE');
      const { report } = await runHeadlessDiagnostics({ env: env(await freshDir(), broken.url), keychain: null, timeouts: TIMEOUTS });
      expectNoRawSql(report);
      expect(check(report, 'sync-state')).toMatchObject({ status: 'fail', data: { errorClass: 'database' } });
      expect(check(report, 'sync-state').detail).toMatch(/sync history could not be read/);
    } finally {
      await broken.drop();
    }
  });
});

describe('diagnose on a brand-new data folder (built-in database)', () => {
  it('starts the built-in server, calls it not synced yet, exits 0, and stops the server again', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-test-pg-'));
    dirs.push(dataDir);
    const e = { DATA_DIR: dataDir, BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: exchange.url };
    const r = await cli(['diagnose', '--json'], e);
    const report = JSON.parse(r.stdout) as DiagnosticsReport;
    expectNoRawSql(report);
    expect(check(report, 'database')).toMatchObject({ status: 'pass', data: { mode: 'embedded', schemaVersion: 0 } });
    expect(check(report, 'database').detail).toMatch(/not synced yet/);
    expect(check(report, 'sync-state').detail).toMatch(/^Not synced yet/);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
    expect(r.code).toBe(0);
    const left = await readPostmasterPid(serverPaths(dataDir).pgData);
    expect(left === undefined || !isProcessAlive(left.pid)).toBe(true);
  }, 120_000);
});

describe('diagnose with the database down', () => {
  it('fails the database check in words, skips the sync state, and shows no socket or SQL code', async () => {
    const port = await closedPort();
    const e = env(await freshDir(), `postgres://postgres:pw-secret-123@127.0.0.1:${port}/alphapulse`);
    const { report } = await runHeadlessDiagnostics({ env: e, keychain: null, timeouts: TIMEOUTS });
    expectNoRawSql(report);
    expect(check(report, 'database')).toMatchObject({ status: 'fail', data: { errorClass: 'database', reachable: false } });
    expect(check(report, 'sync-state').status).toBe('skip');
    expect(JSON.stringify(report)).not.toContain('pw-secret-123');
  });
});
