import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../electron/core/db/embedded-server.js';
import { startHarness } from '../helpers/sync-harness.js';

// Fault-matrix rows that need a whole process or a whole database server to die.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'alphapulse-sync.js');
const quiet = { debug() {}, info() {}, warn() {} };

async function waitFor(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('faults that take a process or the database down', () => {
  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
  });

  it('database stopped during a sync: rolled back, process alive, the next sync after a restart succeeds', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-dbstop-'));
    let server = await startEmbeddedServer({ dataDir: dir, log: quiet, durability: 'none' });
    const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${server.database}`;
    const h = await startHarness();
    try {
      const core = await h.core({ env: { DATABASE_URL: url } });
      expect((await core.sync.syncAll('test')).ok).toBe(true);
      // Hold the next sync inside its exchange reads, then take the database away.
      h.server.addFault({ kind: 'latency', ms: 1500, path: '/v5/position/list' });
      const pending = core.sync.syncAll('test');
      await waitFor(() => h.server.requests.some((r) => r.path === '/v5/position/list'), 'the position request');
      await server.stop();
      const failed = await pending;
      expect(failed.ok).toBe(false);
      expect(failed.accounts[0]?.error?.errorClass).toBe('database');
      server = await startEmbeddedServer({ dataDir: dir, log: quiet, durability: 'none' });
      h.server.clearFaults();
      const again = await core.sync.syncAll('test');
      expect(again.accounts[0]?.error).toBeNull();
      const { rows } = await core.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM snapshots WHERE source = 'sync'");
      expect(rows[0]!.n).toBe(2);
    } finally {
      await h.close();
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('the process killed (SIGKILL) mid-sync: no partial rows, and the next sync completes', async () => {
    const h = await startHarness();
    try {
      // Slow executions keep the first sync busy long enough to kill it mid-way.
      h.server.addFault({ kind: 'latency', ms: 200, path: '/v5/execution/list' });
      const child = spawn(process.execPath, [bin, 'sync', '--json'], { env: { ...process.env, ...h.env }, stdio: 'ignore' });
      await waitFor(() => h.server.countRequests('/v5/execution/list') >= 20, 'the history import to be under way');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const counts = await h.db.pool.query("SELECT (SELECT count(*) FROM snapshots WHERE source = 'sync')::int AS s, (SELECT count(*) FROM fills)::int AS f, (SELECT count(*) FROM portfolio_items)::int AS p");
      expect(counts.rows[0]).toEqual({ s: 0, f: 0, p: 0 });
      h.server.clearFaults();
      const { stdout } = await run(process.execPath, [bin, 'sync', '--json'], { env: { ...process.env, ...h.env } });
      expect(JSON.parse(stdout).ok).toBe(true);
      const after = await h.db.pool.query("SELECT (SELECT count(*) FROM snapshots WHERE source = 'sync')::int AS s, (SELECT count(*) FROM fills WHERE category = 'spot')::int AS f, (SELECT count(*) FROM cash_flows)::int AS c");
      // The small scenario's 12 cash flows: 6 deposits, a withdrawal, 2 internal and 2 universal transfers, a convert.
      expect(after.rows[0]).toEqual({ s: 1, f: 6, c: 12 });
    } finally {
      await h.close();
    }
  });

  describe('settings file corrupted', () => {
    let h: Awaited<ReturnType<typeof startHarness>>;
    beforeAll(async () => { h = await startHarness(); });
    afterAll(async () => h.close());

    it('is moved aside as settings.corrupt-<time>.json, defaults are used and the user is told', async () => {
      const file = path.join(h.dataDir, 'settings.json');
      await fs.writeFile(file, '{"sync": {"intervalMinutes": "often"');
      const { stdout, stderr } = await run(process.execPath, [bin, 'status', '--json'], { env: { ...process.env, ...h.env } });
      expect(stderr).toMatch(/settings file was invalid.*moved to .*settings\.corrupt-.*\.json/);
      expect(JSON.parse(stdout).scheduler.intervalMinutes).toBe(30);
      const files = await fs.readdir(h.dataDir);
      expect(files.some((f) => /^settings\.corrupt-.+\.json$/.test(f))).toBe(true);
      expect(files).not.toContain('settings.json');
    });
  });
});
