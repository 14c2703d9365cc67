// `npm run bench`: the performance scenario (BENCHMARKS.md) against the fake Bybit with 50 ms latency.
// Prints each figure beside its target and floor and writes BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { createCore } from '../electron/core/core.js';
import { DEFAULT_RATE_LIMITS, PUBLISHED_HISTORY_LIMITS, READ_ONLY_KEY } from '../test/fake-bybit/index.js';
import { startRemoteFake } from './fake-process.js';
import { measureDb } from './db-figures.js';
import { measureMoney } from './money-figures.js';
import { measureOldModule } from './old-module.js';
import { measureRenderer } from './renderer-figures.js';
import { measureCliStart, measureServeRss } from './process-figures.js';
import { renderReport } from './report.js';
import { measureSync } from './sync-figures.js';
import { measureOkx, withOkxSection } from './okx-figures.js';

const LATENCY_MS = 50;
const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-bench-'));
  const server = await startRemoteFake({ FAKE_BYBIT_SCENARIO: 'bench', FAKE_BYBIT_LATENCY_MS: String(LATENCY_MS), FAKE_BYBIT_ENFORCE_RATE_LIMITS: '1', FAKE_BYBIT_PUBLISHED_LIMITS: '1' });
  const env: Record<string, string> = {
    DATA_DIR: dataDir, BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: server.url,
    EXCHANGE_SYNC_LOG_LEVEL: 'WARNING',
  };
  try {
    log('cold and warm syncs…');
    const core = await createCore({ env });
    let sync, db, old, renderer, money;
    try {
      sync = await measureSync(core, server, LATENCY_MS, { ...DEFAULT_RATE_LIMITS, ...PUBLISHED_HISTORY_LIMITS });
      log('database figures…');
      db = await measureDb(core);
      log('cost basis, backfill and CSV export…');
      money = await measureMoney(core);
      log('the dashboard in Chromium…');
      renderer = await measureRenderer(core, env);
      log('the old module\'s pattern…');
      old = await measureOldModule(server, READ_ONLY_KEY, core.db.pool.options as pg.ClientConfig);
    } finally {
      await core.close();
    }
    log('CLI start…');
    const processEnv = { ...process.env, ...env };
    const cli = await measureCliStart(processEnv);
    log('serve memory…');
    // A fresh folder, so `serve` syncs as soon as it starts (a recent sync would make it wait).
    const serveDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-bench-serve-'));
    const serve = await measureServeRss({ ...processEnv, DATA_DIR: serveDir }).finally(() => fs.rm(serveDir, { recursive: true, force: true }));
    log('an OKX account…');
    const okx = await measureOkx(LATENCY_MS);
    const report = renderReport({ latencyMs: LATENCY_MS, sync, db, old, cli, serve, renderer, money });
    process.stdout.write(`${report.console}\n`);
    await fs.writeFile(path.join(root, 'BENCHMARKS.md'), withOkxSection(report.markdown, okx));
    log('wrote BENCHMARKS.md');
  } finally {
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

await main();
