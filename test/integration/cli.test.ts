import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../shared/api.js';
import type { Portfolio } from '../../shared/domain.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { runCli } from '../helpers/cli.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

const cli = runCli;

describe('alphapulse-sync CLI, end to end against the fake Bybit', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    // The bin runs the bundle: build it from the current sources.
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('--version prints the package\'s version', async () => {
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version'], {});
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('sync --json prints only JSON on stdout and exits 0', async () => {
    const r = await cli(['sync', '--json'], h.env);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as SyncRunSummary;
    expect(summary.ok).toBe(true);
    expect(summary.accounts[0]).toMatchObject({ exchangeId: 'bybit', account: 'default', ok: true, fillsImported: 6 });
  });

  it('portfolio --json prints the stored holdings with values and average entries', async () => {
    const r = await cli(['portfolio', '--json'], h.env);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as Portfolio;
    expect(p.quote).toBe('USDT');
    expect(p.totalValue).toBe('62605.922');
    const btc = p.items.find((i) => i.asset === 'BTC')!;
    expect(btc).toMatchObject({ exchangeId: 'bybit', account: 'default', quantity: '0.5', currentPrice: '90000', value: '45000', avgEntryPartial: true, wallets: { UNIFIED: '0.4', FUND: '0.1' } });
    expect(btc.avgEntryPrice).toBe(new Dec('29013').div('0.5996').toString());
    expect(p.items.find((i) => i.asset === 'XNOP')).toMatchObject({ currentPrice: null, value: null, avgEntryPrice: null });
  });

  it('status and history report the runs; text output is readable', async () => {
    const status = await cli(['status', '--json'], h.env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).accounts[0]).toMatchObject({ exchangeId: 'bybit', state: 'ok' });
    const history = await cli(['history', '--limit', '5'], h.env);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/bybit\/default\s+ok/);
    const text = await cli(['portfolio'], h.env);
    expect(text.stdout).toMatch(/^BTC\s+bybit\/default\s+0\.5\s+90,000\.00\s+45,000\.00/m);
  });

  it('a wrong secret fails with exit 1, a classified error and a recommendation', async () => {
    const r = await cli(['sync'], { ...h.env, BYBIT_API_SECRET: 'wrong-secret-value-123' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED \[auth\]/);
    expect(r.stdout).toMatch(/API secret/);
    expect(r.stdout + r.stderr).not.toContain('wrong-secret-value-123');
  });

  it('bad input exits 2 with a message naming it, and no stack trace', async () => {
    const interval = await cli(['status'], { ...h.env, EXCHANGE_SYNC_INTERVAL_MINUTES: 'abc' });
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain('EXCHANGE_SYNC_INTERVAL_MINUTES');
    expect(interval.stderr).not.toMatch(/\n\s+at /);
    const padded = await cli(['sync'], { ...h.env, BYBIT_API_KEY: ` ${h.env.BYBIT_API_KEY}` });
    expect(padded.code).toBe(2);
    expect(padded.stderr).toContain('BYBIT_API_KEY');
    const url = await cli(['status'], { ...h.env, DATABASE_URL: 'postgres://u:secretpw@/' });
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('DATABASE_URL');
    expect(url.stderr).not.toContain('secretpw');
    const unknown = await cli(['frobnicate'], h.env);
    expect(unknown.code).toBe(2);
    const limit = await cli(['history', '--limit', '0'], h.env);
    expect(limit.code).toBe(2);
    const exchange = await cli(['status'], { ...h.env, EXCHANGE_SYNC_EXCHANGES: 'bybit,not an id' });
    expect(exchange.code).toBe(2);
    const unknown2 = await cli(['sync'], { ...h.env, EXCHANGE_SYNC_EXCHANGES: 'bybit,nosuchexchange', NOSUCHEXCHANGE_API_KEY: 'k1234567', NOSUCHEXCHANGE_API_SECRET: 's1234567' });
    expect(unknown2.code).toBe(2);
    expect(unknown2.stderr).toContain('EXCHANGE_SYNC_EXCHANGES has "nosuchexchange", which is not an exchange ccxt knows');
    // Without credentials too: the variable and the id are named, a close match suggested.
    const typo = await cli(['status'], { ...h.env, EXCHANGE_SYNC_EXCHANGES: 'bybitt' });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('EXCHANGE_SYNC_EXCHANGES has "bybitt", which is not an exchange ccxt knows (did you mean "bybit"?)');
    for (const bad of ['0', '-5']) {
      const r = await cli(['status'], { ...h.env, EXCHANGE_SYNC_INTERVAL_MINUTES: bad });
      expect(r.code).toBe(2);
    }
    const emptyKey = await cli(['sync'], { ...h.env, BYBIT_API_KEY: '' });
    expect(emptyKey.code).toBe(2);
    expect(emptyKey.stderr).toContain('BYBIT_API_KEY');
  });

  it('--help works for every command and exits 0', async () => {
    for (const args of [['--help'], ['sync', '--help'], ['portfolio', '--help'], ['history', '--help'], ['serve', '--help']]) {
      const r = await cli(args, h.env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: alphapulse-sync/);
    }
  });
});
