import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { startEmbeddedServer } from '../../electron/core/db/embedded-server.js';
import { isProcessAlive, waitForExit } from '../../electron/core/db/process-utils.js';
import { readPostmasterPid, serverPaths } from '../../electron/core/db/server-files.js';
import { LOG_FILE } from '../../electron/core/logging/logger.js';
import type { ApiReply } from '../../shared/api.js';
import { createApiDispatcher } from '../../electron/core/transport/api-dispatch.js';
import { nodeApi } from '../e2e/helpers/node-api.js';
import { startServe } from '../e2e/helpers/serve-process.js';
import { withHarness } from '../helpers/sync-harness.js';

// The built-in PostgreSQL killed under a running core (what `serve` and the desktop app
// are): calls in between fail as classified database errors, then everything works again
// without restarting the process.

const quiet = { debug() {}, info() {}, warn() {} };

async function killPostmaster(dataDir: string): Promise<number> {
  const info = await readPostmasterPid(serverPaths(dataDir).pgData);
  if (!info) throw new Error('no postmaster.pid');
  process.kill(info.pid, 'SIGKILL');
  expect(await waitForExit(info.pid, 10_000)).toBe(true);
  return info.pid;
}

/** Calls as a front end makes them: errors come back as data, classified. */
function frontEnd(core: Core): (channel: string, input?: unknown) => Promise<ApiReply> {
  return createApiDispatcher({ handlers: core.api, redact: (s) => core.redactor.redact(s), warn: () => undefined });
}

async function logLines(dataDir: string): Promise<Array<Record<string, unknown>>> {
  const text = await fs.readFile(path.join(dataDir, 'logs', LOG_FILE), 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the built-in database server killed under a running core', () => {
  it('is started again: status, portfolio and sync work afterwards, and the calls in between fail as database errors', async () => {
    await withHarness({}, async (h) => {
      const core = await h.core({ env: { DATABASE_URL: '' } });
      const call = frontEnd(core);
      expect(core.db.embedded?.owned).toBe(true);
      expect((await core.sync.syncAll('test')).ok).toBe(true);

      const killed = await killPostmaster(h.dataDir);
      // Right after the kill every reply is either a success (already recovered) or a
      // classified database error, never "internal".
      const replies: ApiReply[] = [];
      for (const channel of ['status:get', 'portfolio:get', 'status:get']) replies.push(await call(channel));
      for (const r of replies) if (!r.ok) expect(r.error.errorClass).toBe('database');

      await expect.poll(async () => (await call('status:get')).ok, { timeout: 30_000, interval: 200 }).toBe(true);
      const portfolio = await call('portfolio:get');
      expect(portfolio.ok && (portfolio.value as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const synced = await call('sync:run');
      expect(synced.ok && (synced.value as { ok: boolean }).ok).toBe(true);

      const now = await readPostmasterPid(serverPaths(h.dataDir).pgData);
      expect(now?.pid).not.toBe(killed);
      expect(isProcessAlive(now!.pid)).toBe(true);
      expect(core.db.embedded?.owned).toBe(true);
      await core.close();
      // Owned, so stopped with the core.
      expect(await waitForExit(now!.pid, 30_000)).toBe(true);
    });
  });

  it('killed mid-sync: the sync fails as a database error, is recorded, and the next sync succeeds', async () => {
    await withHarness({}, async (h) => {
      const core = await h.core({ env: { DATABASE_URL: '' } });
      expect((await core.sync.syncAll('test')).ok).toBe(true);
      h.server.addFault({ kind: 'latency', ms: 1500, path: '/v5/position/list' });
      // Held inside this sync's exchange reads (the first sync asked for positions too).
      const seen = h.server.requests.length;
      const pending = core.sync.syncAll('test');
      await expect.poll(() => h.server.requests.slice(seen).some((r) => r.path === '/v5/position/list'), { timeout: 30_000, interval: 25 }).toBe(true);
      await killPostmaster(h.dataDir);
      const failed = await pending;
      expect(failed.ok).toBe(false);
      expect(failed.accounts[0]?.error?.errorClass).toBe('database');
      h.server.clearFaults();
      const again = await core.sync.syncAll('test');
      expect(again.accounts[0]?.error).toBeNull();
      const { rows } = await core.db.pool.query<{ ok: number; failed: number }>(
        'SELECT count(*) FILTER (WHERE success)::int AS ok, count(*) FILTER (WHERE NOT success)::int AS failed FROM sync_history');
      expect(rows[0]).toEqual({ ok: 2, failed: 1 });
    });
  });
});

describe('alphapulse-sync serve on the built-in server', () => {
  // The bundle is built by the e2e global setup (test/e2e/build-setup.ts).
  it('kill -9 of its PostgreSQL: calls answer or fail as database errors, then work again, without restarting serve', async () => {
    await withHarness({}, async (h) => {
      const serve = await startServe({ ...h.env, DATABASE_URL: '', EXCHANGE_SYNC_ENABLED: 'false' });
      const client = nodeApi(serve.origin, serve.token);
      const outcome = (channel: 'status:get' | 'portfolio:get') => client.api.invoke(channel).then(() => 'ok', (e: { errorClass?: string }) => e.errorClass);
      let after = 0;
      try {
        expect((await client.api.invoke('sync:run', { trigger: 'manual', force: false })).ok).toBe(true);
        const killed = await killPostmaster(h.dataDir);
        for (const channel of ['status:get', 'portfolio:get', 'status:get'] as const) expect(['ok', 'database']).toContain(await outcome(channel));
        await expect.poll(() => outcome('status:get'), { timeout: 30_000, interval: 200 }).toBe('ok');
        expect(await outcome('portfolio:get')).toBe('ok');
        expect((await client.api.invoke('sync:run', { trigger: 'manual', force: false })).ok).toBe(true);
        after = (await readPostmasterPid(serverPaths(h.dataDir).pgData))?.pid ?? 0;
        expect(after).not.toBe(killed);
      } finally {
        client.close();
        expect(await serve.stop()).toBe(0);
      }
      // serve started the new server, so it stopped it on exit.
      expect(await waitForExit(after, 30_000)).toBe(true);
      expect(serve.stderr()).not.toMatch(/internal|Unexpected failure|ECONNREFUSED/);
    });
  });
});

describe('an external PostgreSQL that goes away mid-sync', () => {
  it('every call fails as a database error, and the failed run that could not be recorded is logged classified, never as a raw socket error', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-dbgone-'));
    const server = await startEmbeddedServer({ dataDir: dir, log: quiet, durability: 'none' });
    const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${server.database}`;
    try {
      await withHarness({}, async (h) => {
        const core = await h.core({ env: { DATABASE_URL: url } });
        h.server.addFault({ kind: 'latency', ms: 1500, path: '/v5/position/list' });
        const pending = core.sync.syncAll('test');
        await expect.poll(() => h.server.requests.some((r) => r.path === '/v5/position/list'), { timeout: 30_000, interval: 25 }).toBe(true);
        await server.stop();
        const failed = await pending;
        expect(failed.accounts[0]?.error?.errorClass).toBe('database');
        // With nothing to restart, every call a front end makes says "database", with advice.
        const call = frontEnd(core);
        for (const channel of ['status:get', 'portfolio:get', 'history:list']) {
          const reply = await call(channel, channel === 'history:list' ? { limit: 5 } : undefined);
          expect(reply.ok).toBe(false);
          if (!reply.ok) expect(reply.error).toMatchObject({ errorClass: 'database', message: expect.stringMatching(/Nothing accepts connections at 127\.0\.0\.1:\d+/) });
        }
        await core.close();
        const lines = await logLines(h.dataDir);
        const record = lines.find((l) => l.msg === 'could not record the failed run');
        expect(record?.message).toMatch(/Nothing accepts connections at 127\.0\.0\.1:\d+/);
        expect(JSON.stringify(lines)).not.toMatch(/ECONNREFUSED|Unexpected failure/);
      });
    } finally {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
