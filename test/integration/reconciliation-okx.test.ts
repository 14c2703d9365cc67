import { describe, expect, it } from 'vitest';
import type { DiagnosticCheck } from '../../shared/api.js';
import type { Core } from '../../electron/core/core.js';
import { createOkxServer, wholeOkxScenario, type OkxScenario } from '../fake-okx/index.js';
import { okxEnv } from '../helpers/okx-env.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The whole OKX scenario (test/fake-okx/whole-scenario.ts) carries every record that
// explains its balances, read through OKX's own rules (okx-flow-rules.ts): deposit and
// withdrawal states, funding and trading bills, sub-account transfers by bill type.

async function withOkx(scenario: OkxScenario, fn: (h: SyncHarness, core: Core) => Promise<void>): Promise<void> {
  const h = await startHarness();
  const okx = await createOkxServer({ scenario });
  try {
    const core = await h.core({ env: { ...h.env, ...okxEnv(okx) } });
    expect((await core.sync.syncAll('test')).accounts.map((a) => [a.exchangeId, a.error])).toEqual([['okx', null]]);
    await fn(h, core);
  } finally {
    await h.close();
    await okx.close();
  }
}

async function stored(h: SyncHarness): Promise<Record<string, [string, string]>> {
  const { rows } = await h.db.pool.query<{ asset: string; balance: string; unexplained: string }>('SELECT asset, balance::text, unexplained::text FROM reconciliation ORDER BY asset');
  return Object.fromEntries(rows.map((r) => [r.asset, [r.balance, r.unexplained]]));
}

async function reconciliationCheck(core: Core): Promise<DiagnosticCheck> {
  return (await core.invoke('diagnostics:run')).checks.find((c) => c.id === 'reconciliation')!;
}

describe('reconciliation of an OKX account against the fake OKX', () => {
  it('every asset in every account type is explained to the last unit', () => withOkx(wholeOkxScenario(), async (h, core) => {
    expect(await stored(h)).toEqual({ BTC: ['0.5998', '0'], ETH: ['1.4985', '0'], USDT: ['6591.945', '0'] });
    const p = await core.invoke('portfolio:get');
    expect(p.items.map((i) => [i.asset, i.quantity, i.unexplainedQuantity])).toEqual([['BTC', '0.5998', '0'], ['USDT', '6591.945', '0'], ['ETH', '1.4985', '0']]);
    expect((await core.invoke('status:get')).accounts[0]?.unexplained).toEqual([]);
    const check = await reconciliationCheck(core);
    expect(check.status).toBe('pass');
    expect(check.detail).toMatch(/3 assets/);
  }));

  it('a sub-account transfer missing from the funding bills leaves exactly its amount unexplained', () => {
    const scenario = wholeOkxScenario();
    // The 300 USDT sent to a sub-account (bill type 20) is what explains part of USDT's drop.
    scenario.fundingBills = scenario.fundingBills.filter((b) => b.type !== '20');
    return withOkx(scenario, async (h, core) => {
      expect(await stored(h)).toEqual({ BTC: ['0.5998', '0'], ETH: ['1.4985', '0'], USDT: ['6591.945', '-300'] });
      const check = await reconciliationCheck(core);
      expect(check.status).toBe('warn');
      expect(check.detail).toMatch(/USDT off by -300 .*an outflow no record lists: a sub-account transfer/);
    });
  });
});
