import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase, resolveDatabaseTarget } from '../../electron/core/db/connection.js';
import { isProcessAlive } from '../../electron/core/db/process-utils.js';
import { readPostmasterPid, serverPaths } from '../../electron/core/db/server-files.js';
import type pg from 'pg';
import { createServer, READ_ONLY_KEY, smallScenario, type FakeBybitServer } from '../fake-bybit/index.js';
import { CLI_BIN } from '../helpers/cli.js';
import { withHarness } from '../helpers/sync-harness.js';

// SIGTERM / SIGINT during a one-off command, as a person (or a service manager) sends
// them: the running sync is cancelled (rolled back, no request after the signal), the
// built-in database server this process started is stopped, and the exit code says
// which signal (143 TERM, 130 INT). The exchange hangs on the key-details request, the
// first signed one of a first sync, so at the signal nothing else is under way and
// without the cancel the sync would retry it for ~47 s.

const HANG = { kind: 'hang', path: '/v5/user/query-api' } as const;
const QUIET_MS = 1500;

interface Child { exited: Promise<number | null>; kill(signal: NodeJS.Signals): void; stderr(): string }

function startCli(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout.resume();
  child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { exited, kill: (s) => child.kill(s), stderr: () => err };
}

async function waitForRequest(server: FakeBybitServer, p: string): Promise<void> {
  while (server.countRequests(p) === 0) await sleep(25);
}

async function syncRows(pool: pg.Pool): Promise<{ counts: Record<string, number>; history: unknown[] }> {
  const { rows } = await pool.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM fills)::int AS fills, (SELECT count(*) FROM balances)::int AS balances,
            (SELECT count(*) FROM snapshots)::int AS snapshots, (SELECT count(*) FROM portfolio_items)::int AS items,
            (SELECT count(*) FROM accounts WHERE fills_cursor IS NOT NULL OR last_success_at IS NOT NULL)::int AS synced_accounts`);
  const history = await pool.query('SELECT success, error_class FROM sync_history ORDER BY id');
  return { counts: rows[0]!, history: history.rows };
}

const NOTHING = { fills: 0, balances: 0, snapshots: 0, items: 0, synced_accounts: 0 };

describe('alphapulse-sync stopped by a signal', () => {
  it('SIGTERM during `sync` cancels it: exit 143, no request after the signal, nothing half-written', () => withHarness({}, async (h) => {
    h.server.addFault(HANG);
    const cli = startCli(['sync'], h.env);
    await waitForRequest(h.server, '/v5/user/query-api');
    const signalledAt = Date.now();
    cli.kill('SIGTERM');
    expect(await cli.exited, cli.stderr()).toBe(143);
    await sleep(QUIET_MS);
    expect(h.server.requests.filter((r) => r.startedAt > signalledAt).map((r) => r.path)).toEqual([]);
    expect(await syncRows(h.db.pool)).toEqual({ counts: NOTHING, history: [{ success: false, error_class: 'cancelled' }] });
  }), 120_000);

  it('SIGINT during `sync` on the built-in database: exit 130, and the server it started is stopped', async () => {
    const server = await createServer({ scenario: smallScenario() });
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-test-pg-'));
    try {
      server.addFault(HANG);
      const cli = startCli(['sync'], { DATA_DIR: dataDir, BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: server.url });
      await waitForRequest(server, '/v5/user/query-api');
      const signalledAt = Date.now();
      cli.kill('SIGINT');
      expect(await cli.exited, cli.stderr()).toBe(130);
      const pgData = serverPaths(dataDir).pgData;
      const left = await readPostmasterPid(pgData);
      expect(left === undefined || !isProcessAlive(left.pid)).toBe(true);
      await sleep(QUIET_MS);
      expect(server.requests.filter((r) => r.startedAt > signalledAt).map((r) => r.path)).toEqual([]);
      const silent = { debug() {}, info() {}, warn() {} };
      const db = await openDatabase(resolveDatabaseTarget({}), { dataDir, log: silent });
      try {
        expect(db.embedded?.owned).toBe(true);
        expect(await syncRows(db.pool)).toEqual({ counts: NOTHING, history: [{ success: false, error_class: 'cancelled' }] });
      } finally {
        await db.close();
      }
    } finally {
      await server.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
