// `npm run attack`: reruns the security matrix against a real `serve` on loopback (the
// built CLI, a fresh data folder with its own built-in database, two fake Bybits) and
// prints held/broken per row. Every row is bounded in tries and time; nothing leaves
// 127.0.0.0/8. Exit code 0 when every row held.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer, READ_ONLY_KEY } from '../test/fake-bybit/index.js';
import { badEnvValues, urlPasswordEcho } from './attack/rows-env.js';
import { keyToOtherUrl, malformedInputs } from './attack/rows-api.js';
import { halfOpen, pathTraversal, tokenGuessing } from './attack/rows-transport.js';
import { startServe } from './attack/serve-child.js';
import type { AttackContext, Row, RowResult } from './attack/types.js';

const OVERALL_LIMIT_MS = 6 * 60_000;

async function main(): Promise<number> {
  const started = performance.now();
  const cleanups: Array<() => Promise<unknown>> = [];
  const limit = setTimeout(() => {
    process.stderr.write('attack: over the overall time limit, stopping\n');
    void Promise.allSettled(cleanups.map((c) => c())).then(() => process.exit(1));
  }, OVERALL_LIMIT_MS);
  limit.unref();
  const root = path.resolve(import.meta.dirname, '..');
  const build = spawnSync(process.execPath, [path.join(process.env.ATTACK_CLI_ROOT ?? root, 'scripts', 'build-core.mjs')], { stdio: 'inherit', cwd: process.env.ATTACK_CLI_ROOT ?? root });
  if (build.status !== 0) throw new Error('building the CLI failed');
  const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-attack-'));
  const dataDir = path.join(scratchDir, 'data');
  const home = await createServer();
  const other = await createServer();
  const results: RowResult[] = [];
  const run = async (row: Row, ctx: AttackContext) => {
    const t0 = performance.now();
    const r = await row(ctx).catch((e: unknown) => ({ row: row.name, held: false, figures: `the row itself failed: ${e instanceof Error ? e.message : String(e)}` }));
    results.push(r);
    process.stderr.write(`attack: ${r.held ? 'held  ' : 'BROKEN'} ${r.row} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  };
  try {
    const token = randomBytes(32).toString('hex');
    process.stderr.write('attack: starting serve (fresh data folder, built-in database)…\n');
    const serve = await startServe({
      DATA_DIR: dataDir, BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: home.url,
      EXCHANGE_SYNC_ENABLED: 'false', ALPHAPULSE_SERVE_TOKEN: token,
    });
    cleanups.push(() => serve.stop(), () => stopLeftoverServer(dataDir));
    const ctx: AttackContext = {
      serve, home, other, envKey: READ_ONLY_KEY.apiKey, envSecret: READ_ONLY_KEY.secret, scratchDir,
      cliEnv: { DATA_DIR: path.join(scratchDir, 'cli-data') },
    };
    try {
      for (const row of [tokenGuessing, pathTraversal, malformedInputs, keyToOtherUrl, halfOpen]) await run(row, ctx);
    } finally {
      await serve.stop();
      await stopLeftoverServer(dataDir);
    }
    results.push(await refusalLogging(path.join(dataDir, 'logs', 'alphapulse-sync.log')));
    for (const row of [badEnvValues, urlPasswordEcho]) await run(row, ctx);
  } finally {
    // A CLI run killed at its time bound (an older build that did not refuse a value) may have left its database.
    await stopLeftoverServer(path.join(scratchDir, 'cli-data'));
    await home.close();
    await other.close();
    await fs.rm(scratchDir, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`\nAttack run ${new Date().toISOString()} on ${os.type()} ${os.release()} ${os.arch()}, ${cpu} × ${os.cpus().length}, Node ${process.version}; ${seconds} s\n\n`);
  process.stdout.write('| row | result | figures |\n| --- | --- | --- |\n');
  for (const r of results) process.stdout.write(`| ${r.row} | ${r.held ? 'held' : '**broken**'} | ${r.figures.replace(/\|/g, '\\|')} |\n`);
  return results.every((r) => r.held) ? 0 : 1;
}

/**
 * The built-in database of this run's data folder, if serve left it running (it does when
 * a connection outlived it): stopped by the PID in its own postmaster.pid, nothing else.
 */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(pidFile.split('\n', 1)[0]);
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 50; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The wrong tokens above must be in the log as a few summary lines, not one line each. */
async function refusalLogging(file: string): Promise<RowResult> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n').filter((l) => /refused/.test(l) && /token|dashboard/.test(l));
  const counted = lines.reduce((n, l) => n + Number(/dashboard refused (\d+)/.exec(l)?.[1] ?? 1), 0);
  return {
    row: 'refusals in the log',
    held: lines.length > 0 && lines.length <= 5,
    figures: `${lines.length} log lines for ${counted} refused connections`,
  };
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`attack: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
