import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../shared/domain.js';
import type { Core } from '../../electron/core/core.js';
import { smallScenario, withEuroPair } from '../fake-bybit/index.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

// The small scenario (one BTCUSDT long, 0.1 at 85,000, leverage 10; funding rows −0.45
// and +0.12 in the transaction log) with the USDTEUR pair at 0.92.
describe('positions with margin and funding; figures in the display currency', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness({ server: { scenario: withEuroPair(smallScenario()) } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('a position carries its initial margin (positionIM) and the funding of its symbol from the transaction log', async () => {
    const [p] = await core.invoke('positions:list');
    // 0.1 × 85,000 / 10; funding −0.45 + 0.12, paid more than received.
    expect(p).toMatchObject({ symbol: 'BTCUSDT', margin: '850', funding: '-0.33', unrealisedPnl: '500' });
    const { rows } = await h.db.pool.query<{ margin: string }>('SELECT margin::text FROM positions');
    expect(rows).toEqual([{ margin: '850' }]);
  });

  it('each snapshot stores the exchange\'s USDC and EUR prices, and the portfolio carries the newest', async () => {
    const { rows } = await h.db.pool.query<{ display_rates: unknown }>("SELECT display_rates FROM snapshots WHERE source = 'sync'");
    expect(rows).toEqual([{ display_rates: {
      USD: { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', price: '1' },
      EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.92' },
    } }]);
    const p = await core.invoke('portfolio:get');
    expect(p.quote).toBe('USDT');
    expect(p.totalValue).toBe('62605.922');
    expect(p.rates.EUR).toMatchObject({ symbol: 'USDTEUR', price: '0.92' });
    expect(p.rates.USD).toMatchObject({ symbol: 'USDCUSDT', price: '1' });
  });

  it('the CLI converts with --currency, and otherwise follows the displayCurrency setting', async () => {
    const eur = await runCli(['portfolio', '--currency', 'eur'], h.env);
    expect(eur.code, eur.stderr).toBe(0);
    // 62,605.922 × 0.92 = 57,597.44824
    expect(eur.stdout).toMatch(/^Total: 57,597\.45 EUR/m);
    expect(eur.stdout).toMatch(/^BTC\s+bybit\/default\s+0\.5\s+82,800\.00\s+41,400\.00/m);
    expect(eur.stdout).toMatch(/Figures in EUR: 1 EUR = 1\.087 USDT \(USDTEUR\)/);
    const json = JSON.parse((await runCli(['portfolio', '--json', '--currency', 'EUR'], h.env)).stdout) as Portfolio;
    expect([json.quote, json.totalValue]).toEqual(['EUR', '57597.44824']);
    const status = await runCli(['status', '--currency', 'EUR'], h.env);
    expect(status.stdout).toMatch(/^Total value: 57,597\.45 EUR/m);

    // The setting, saved as the dashboard saves it, is the default; the flag still wins.
    await core.invoke('settings:update', { displayCurrency: 'USD' });
    expect((await runCli(['portfolio'], h.env)).stdout).toMatch(/^Total: 62,605\.92 USD\b/m);
    expect((await runCli(['portfolio', '--currency', 'USDT'], h.env)).stdout).toMatch(/^Total: 62,605\.92 USDT/m);
    await core.invoke('settings:update', { displayCurrency: 'USDT' });
  });

  it('without a stored rate the CLI says so and prints USDT; an unknown currency is a usage error', async () => {
    await h.db.pool.query("UPDATE snapshots SET display_rates = '{}'::jsonb");
    const r = await runCli(['portfolio', '--currency', 'EUR'], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Total: 62,605\.92 USDT/m);
    expect(r.stdout).toMatch(/No EUR rate is stored .*figures are in USDT\./);
    const bad = await runCli(['portfolio', '--currency', 'GBP'], h.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/USDT, USD, EUR/);
  });
});
