import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core.js';
import { createServer, READ_ONLY_KEY, smallScenario, type CreateServerOptions, type FakeApiKey, type FakeBybitServer } from '../fake-bybit/index.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

/** A fake Bybit, a fresh database, a data folder and the env that ties them together. */
export interface SyncHarness {
  server: FakeBybitServer;
  db: TestDatabase;
  dataDir: string;
  env: Record<string, string>;
  /** A core on this env (closed by `close`). */
  core(extra?: Partial<CoreOptions> & { env?: Record<string, string> }): Promise<Core>;
  close(): Promise<void>;
}

export async function startHarness(opts: { key?: FakeApiKey; server?: CreateServerOptions } = {}): Promise<SyncHarness> {
  const key = opts.key ?? READ_ONLY_KEY;
  const server = await createServer({ scenario: smallScenario(), ...opts.server });
  const db = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-sync-test-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir, DATABASE_URL: db.url, BYBIT_API_KEY: key.apiKey, BYBIT_API_SECRET: key.secret, BYBIT_API_URL: server.url,
    BYBIT_TESTNET_API_URL: server.url, EXCHANGE_SYNC_LOG_LEVEL: 'DEBUG',
  };
  const cores: Core[] = [];
  return {
    server, db, dataDir, env,
    async core(extra = {}) {
      // Short backoffs and timeouts keep fault tests quick; the policy is the same.
      const tuning = { resilience: { initialDelayMs: 20, maxDelayMs: 200, requestTimeoutMs: 3000 }, ...extra.tuning };
      const c = await createCore({ ...extra, tuning, env: { ...env, ...extra.env } });
      cores.push(c);
      return c;
    },
    async close() {
      await Promise.all(cores.map((c) => c.close()));
      await server.close();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with a fresh harness and always closes it. */
export async function withHarness(opts: Parameters<typeof startHarness>[0], fn: (h: SyncHarness) => Promise<void>): Promise<void> {
  const h = await startHarness(opts);
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}
