import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticCheck } from '../../shared/api.js';
import type { AppStatus, Portfolio } from '../../shared/domain.js';
import { runCli } from '../helpers/cli.js';
import { NO_WALLET_KEY, smallScenario, wholeScenario } from '../fake-bybit/index.js';
import { withHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small and whole scenarios (test/fake-bybit/scenario.ts, history-scenario.ts) carry
// every record that explains their balances: a sync must find nothing unexplained.

async function reconciliationCheck(h: SyncHarness): Promise<DiagnosticCheck> {
  const core = await h.core();
  const report = await core.invoke('diagnostics:run');
  return report.checks.find((c) => c.id === 'reconciliation')!;
}

async function stored(h: SyncHarness): Promise<Record<string, string>> {
  const { rows } = await h.db.pool.query<{ asset: string; unexplained: string }>('SELECT asset, unexplained::text FROM reconciliation ORDER BY asset');
  return Object.fromEntries(rows.map((r) => [r.asset, r.unexplained]));
}

describe('reconciliation against the fake exchange', () => {
  beforeAll(async () => {
    // The CLI runs from the built bundle.
    await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-core.mjs')]);
  });

  it('before the first sync the check skips: not synced yet', () => withHarness({}, async (h) => {
    const check = await reconciliationCheck(h);
    expect(check.status).toBe('skip');
    expect(check.detail).toMatch(/not synced yet/i);
  }));

  it('the whole portfolio, Earn and derivatives included, is explained to the last unit', () => withHarness({ server: { scenario: wholeScenario() } }, async (h) => {
    const core = await h.core();
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts[0]?.error).toBeNull();
    expect(await stored(h)).toEqual({ BTC: '0', ETH: '0', MNT: '0', QBIT: '0', SOL: '0', USDC: '0', USDT: '0', XNOP: '0' });
    const p = await core.invoke('portfolio:get');
    expect(p.items.length).toBe(8);
    for (const item of p.items) expect([item.asset, item.unexplainedQuantity]).toEqual([item.asset, '0']);
    const status = await core.invoke('status:get');
    expect(status.accounts[0]?.unexplained).toEqual([]);
    const check = await reconciliationCheck(h);
    expect(check.status).toBe('pass');
    expect(check.detail).toMatch(/8 assets/);

    const cli = JSON.parse((await runCli(['portfolio', '--json'], h.env)).stdout) as Portfolio;
    expect(cli.items.map((i) => i.unexplainedQuantity)).toEqual(Array(8).fill('0'));
    const cliStatus = JSON.parse((await runCli(['status', '--json'], h.env)).stdout) as AppStatus;
    expect(cliStatus.accounts[0]?.unexplained).toEqual([]);
  }));

  it('a deposit missing from the history leaves exactly its amount unexplained, and the check names the asset', () => {
    const scenario = smallScenario();
    // The 14050 USDC deposit is what explains USDC's 1000 (−13000 on BTCUSDC, −50 converted).
    scenario.history!.deposits = scenario.history!.deposits.filter((d) => d.coin !== 'USDC');
    return withHarness({ server: { scenario } }, async (h) => {
      const core = await h.core();
      expect((await core.sync.syncAll('test')).ok).toBe(true);
      expect(await stored(h)).toEqual({ BTC: '0', ETH: '0', MNT: '0', QBIT: '0', USDC: '14050', USDT: '0', XNOP: '0' });
      const usdc = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'USDC')!;
      expect(usdc.unexplainedQuantity).toBe('14050');
      const status = await core.invoke('status:get');
      expect(status.accounts[0]?.unexplained).toEqual([{ asset: 'USDC', quantity: '14050', likelyCause: expect.stringMatching(/before the history start/) }]);
      const check = await reconciliationCheck(h);
      expect(check.status).toBe('warn');
      expect(check.detail).toMatch(/^One asset is not explained .*USDC off by \+14050 \(held 1000, the history explains -13050\): likely coins held before the history start/);
      expect(check.recommendation).toMatch(/two years/);
      // The CLI says so too: the list in `status --json`, a line in the text.
      const cliStatus = JSON.parse((await runCli(['status', '--json'], h.env)).stdout) as AppStatus;
      expect(cliStatus.accounts[0]?.unexplained?.map((u) => [u.asset, u.quantity])).toEqual([['USDC', '14050']]);
      expect((await runCli(['status'], h.env)).stdout).toMatch(/^ {2}not explained by the imported history: USDC \+14050 \(`diagnose` names the likely cause\)$/m);
    });
  });

  it('a key that may not read deposits: every deposited coin is off, and the check says why', () => withHarness({ key: NO_WALLET_KEY }, async (h) => {
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const off = await stored(h);
    // The key reads neither the Funding wallet nor the asset history: BTC held 0.4 (UNIFIED), explained by
    // the spot fills (+0.5) and the inverse log (+0.00058161) alone: 0.4 − 0.50058161.
    expect(off).toMatchObject({ BTC: '-0.10058161', QBIT: '1000', USDC: '14050', XNOP: '123' });
    const check = await reconciliationCheck(h);
    expect(check.status).toBe('warn');
    expect(check.detail).toMatch(/QBIT off by \+1000 .*likely the key may not read deposits/);
    expect(check.recommendation).toMatch(/Wallet/);
  }));

  it('is written in the sync\'s transaction: a failure after it keeps the last one; the next sync takes a new deposit in', () => withHarness({}, async (h) => {
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const explained = await stored(h);
    expect(Object.values(explained).every((q) => q === '0')).toBe(true);
    // A deposit the balances do not show (yet): USDT is explained 5 more than it holds.
    const history = h.server.scenario.history!;
    history.deposits.push({ ...history.deposits[1]!, id: 'late-deposit', amount: '5', successAt: h.server.now() - 10_000 });
    // Marking the account synced is the write after the reconciliation.
    await h.db.pool.query(`CREATE FUNCTION planted_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted failure'; END $$;
      CREATE TRIGGER planted BEFORE UPDATE ON accounts FOR EACH ROW WHEN (NEW.last_success_at IS DISTINCT FROM OLD.last_success_at) EXECUTE FUNCTION planted_failure()`);
    expect((await core.sync.syncAll('test')).accounts[0]?.error?.errorClass).toBe('database');
    expect(await stored(h)).toEqual(explained);
    await h.db.pool.query('DROP TRIGGER planted ON accounts');
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(await stored(h)).toEqual({ ...explained, USDT: '-5' });
  }));
});
