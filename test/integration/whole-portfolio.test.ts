import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../shared/domain.js';
import type { Core } from '../../electron/core/core.js';
import { NO_EARN_KEY, wholeScenario } from '../fake-bybit/index.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, withHarness, type SyncHarness } from '../helpers/sync-harness.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

// The whole scenario (test/fake-bybit/scenario.ts): the small account plus Earn and
// USDT, USDC and inverse positions. Unrealised P&L: 500 USDT + 300 USDC × 0.9998 +
// 0.01388889 BTC × 90000 = 500 + 299.94 + 1250.0001.
const UNREALISED = '2049.9401';

describe('the whole portfolio: Earn and derivatives at equity', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness({ server: { scenario: wholeScenario() } });
    core = await h.core();
  });
  afterAll(async () => h.close());

  it('the total equals the fake exchange\'s own equity exactly', async () => {
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts[0]?.error).toBeNull();
    // The unknown Earn product is kept and named.
    expect(summary.accounts[0]!.warnings.join(' ')).toMatch(/unknown product type.*DualAsset/);
    const p = await core.invoke('portfolio:get');
    expect(p.unrealisedPnl).toBe(UNREALISED);
    expect(p.totalValue).toBe(h.server.equity());
    // BTC 0.55 × 90000 + ETH 4.497 × 3000 + USDT 6260 + USDC 1000 × 0.9998 + MNT 64.922 + QBIT 1800 + SOL 20 × 150
    expect(p.walletValue).toBe('75115.722');
    expect(p.totalValue).toBe('77165.6621');
    expect(summary.accounts[0]!.totalValue).toBe(p.totalValue);
  });

  it('each Earn coin appears with its wallet and counts in the quantity; redeemed positions do not', async () => {
    const p = await core.invoke('portfolio:get');
    const by = (asset: string) => p.items.find((i) => i.asset === asset)!;
    expect(by('BTC')).toMatchObject({ quantity: '0.55', wallets: { UNIFIED: '0.4', FUND: '0.1', EARN_FLEXIBLE: '0.05' } });
    expect(by('ETH')).toMatchObject({ quantity: '4.497', wallets: { UNIFIED: '2.997', EARN_ONCHAIN: '1.5' } });
    expect(by('SOL')).toMatchObject({ quantity: '20', value: '3000', wallets: { EARN_ONCHAIN: '20' } });
    expect(by('USDT')).toMatchObject({ quantity: '6260', wallets: { UNIFIED: '5000', FUND: '250', EARN_FLEXIBLE: '1000', 'EARN:DualAsset': '10' } });
    const { rows } = await h.db.pool.query<{ wallet: string; asset: string; quantity: string }>(
      "SELECT wallet, asset, quantity::text FROM balances WHERE wallet LIKE 'EARN%' ORDER BY wallet, asset");
    expect(rows).toEqual([
      { wallet: 'EARN:DualAsset', asset: 'USDT', quantity: '10' },
      { wallet: 'EARN_FLEXIBLE', asset: 'BTC', quantity: '0.05' },
      { wallet: 'EARN_FLEXIBLE', asset: 'USDT', quantity: '1000' },
      { wallet: 'EARN_ONCHAIN', asset: 'ETH', quantity: '1.5' },
      { wallet: 'EARN_ONCHAIN', asset: 'SOL', quantity: '20' },
    ]);
  });

  it('stores both figures per snapshot and every open position with its settle coin', async () => {
    const p = await core.invoke('portfolio:get');
    const { rows } = await h.db.pool.query<{ total: string; wallet: string; upnl: string }>(
      "SELECT total_value::text AS total, wallet_value::text AS wallet, unrealised_pnl::text AS upnl FROM snapshots WHERE source = 'sync'");
    expect(rows).toEqual([{ total: p.totalValue, wallet: p.walletValue, upnl: UNREALISED }]);
    expect((await core.invoke('net-value:get', { range: 'all' })).at(-1)).toMatchObject({ value: p.totalValue, walletValue: p.walletValue, unrealisedPnl: UNREALISED });
    const positions = await core.invoke('positions:list');
    expect(positions.map((x) => [x.category, x.symbol, x.settleCoin, x.unrealisedPnl]).sort()).toEqual([
      ['inverse', 'BTCUSD', 'BTC', '0.01388889'], ['linear', 'BTCUSDT', 'USDT', '500'], ['linear', 'ETHPERP', 'USDC', '300'],
    ]);
  });

  it('a warm sync reads inverse positions in one request and linear ones per settle coin, all kinds at once', async () => {
    h.server.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const positionReads = h.server.requests.filter((r) => r.path === '/v5/position/list').map((r) => `${r.query.category}:${r.query.settleCoin ?? '-'}`).sort();
    expect(positionReads).toEqual(['inverse:-', 'linear:USDC', 'linear:USDT']);
    expect(h.server.requests.filter((r) => r.path === '/v5/earn/position').map((r) => r.query.category).sort()).toEqual(['FlexibleSaving', 'OnChain']);
    // tickers, wallet, funding, 2 × Earn, executions, 3 position lists, and one per history kind (10)
    expect(h.server.requests).toHaveLength(19);
  });

  it('a warm sync sends every read before the first answer is back: the position lists of the last wallet go with it', async () => {
    h.server.clearRequests();
    h.server.latencyMs = 300;
    try {
      expect((await core.sync.syncAll('test')).ok).toBe(true);
    } finally {
      h.server.latencyMs = 0;
    }
    const firstAnswer = Math.min(...h.server.requests.map((r) => r.finishedAt ?? Infinity));
    expect(h.server.requests.filter((r) => r.startedAt >= firstAnswer).map((r) => `${r.path} ${r.query.category ?? ''}`)).toEqual([]);
    expect(h.server.requests).toHaveLength(19);
  });

  it('portfolio --json shows walletValue and unrealisedPnl beside a totalValue equal to the exchange\'s equity', async () => {
    const r = await runCli(['portfolio', '--json'], h.env);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as Portfolio;
    expect(p.totalValue).toBe(h.server.equity());
    expect(p.unrealisedPnl).toBe(UNREALISED);
    expect(p.items.find((i) => i.asset === 'SOL')?.wallets).toEqual({ EARN_ONCHAIN: '20' });
    const text = await runCli(['portfolio'], h.env);
    expect(text.stdout).toMatch(/^Total: 77,165\.66 USDT.*\n {2}= wallets 75,115\.72 \+ unrealised P&L of open positions 2,049\.94$/m);
  });
});

describe.concurrent('Earn faults', () => {
  it('a key without the Earn permission syncs everything else and says so', () => withHarness({ key: NO_EARN_KEY, server: { scenario: wholeScenario() } }, async (h) => {
    const core = await h.core();
    const r = await core.sync.syncAll('test');
    expect(r.ok).toBe(true);
    expect(r.accounts[0]!.warnings.join(' ')).toMatch(/Earn positions not read.*Earn permission/);
    const p = await core.invoke('portfolio:get');
    expect(p.items.flatMap((i) => Object.keys(i.wallets)).filter((w) => w.startsWith('EARN'))).toEqual([]);
    expect(p.items.find((i) => i.asset === 'BTC')?.wallets).toEqual({ UNIFIED: '0.4', FUND: '0.1' });
  }));

  it('a malformed Earn answer fails the sync as bad-response naming the endpoint, and writes nothing', () => withHarness({ server: { scenario: wholeScenario() } }, async (h) => {
    const core = await h.core();
    h.server.addFault({ kind: 'missingField', field: 'result.list.0.amount', path: '/v5/earn/position', query: { category: 'OnChain' } });
    const r = await core.sync.syncAll('test');
    expect(r.accounts[0]?.error?.errorClass).toBe('bad-response');
    expect(r.accounts[0]?.error?.message).toMatch(/v5\/earn\/position/);
    expect(r.accounts[0]?.error?.message).toMatch(/amount/);
    const counts = await h.db.pool.query('SELECT (SELECT count(*) FROM balances)::int AS balances, (SELECT count(*) FROM snapshots)::int AS snaps');
    expect(counts.rows[0]).toEqual({ balances: 0, snaps: 0 });
  }));
});
