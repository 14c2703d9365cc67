import { describe, expect, it } from 'vitest';
import { withHarness, type SyncHarness } from '../helpers/sync-harness.js';

// One transaction per account sync, tested where it matters: a write that fails LATE,
// after most of the sync's rows are written. A trigger in the test database raises on
// the last writes of the transaction; afterwards nothing of that sync may be visible,
// and its failure is in the history.

const DAY = 86_400_000;

/** Everything a sync writes, per table, in a comparable form. */
async function visible(h: SyncHarness): Promise<Record<string, unknown>> {
  const q = async (sql: string) => (await h.db.pool.query(sql)).rows;
  return {
    balances: await q('SELECT wallet, asset, quantity::text, updated_at FROM balances ORDER BY wallet, asset'),
    fills: await q('SELECT fill_id FROM fills ORDER BY fill_id'),
    positions: await q('SELECT category, symbol, size::text, updated_at FROM positions ORDER BY category, symbol'),
    snapshots: await q('SELECT id, total_value::text FROM snapshots ORDER BY id'),
    snapshotItems: await q('SELECT snapshot_id, asset, quantity::text FROM snapshot_items ORDER BY snapshot_id, asset'),
    items: await q('SELECT asset, quantity::text, value::text, updated_at FROM portfolio_items ORDER BY asset'),
    prices: await q('SELECT asset, price::text, updated_at FROM prices ORDER BY asset'),
    accounts: await q('SELECT fills_cursor, fills_history_start, account_mode, last_success_at FROM accounts ORDER BY id'),
    successfulRuns: await q('SELECT id FROM sync_history WHERE success ORDER BY id'),
  };
}

const LATE_FAULTS = [
  ['the accounts cursor update (the very last write)', `CREATE TRIGGER late_fault BEFORE UPDATE OF last_success_at ON accounts
     FOR EACH ROW WHEN (NEW.last_success_at IS DISTINCT FROM OLD.last_success_at) EXECUTE FUNCTION late_fault()`],
  ['the snapshot items', 'CREATE TRIGGER late_fault BEFORE INSERT ON snapshot_items FOR EACH ROW EXECUTE FUNCTION late_fault()'],
] as const;

describe('one transaction per account sync', () => {
  it.each(LATE_FAULTS)('a failure at %s leaves nothing of the sync visible and records the failure', (_where, trigger) => withHarness({}, async (h) => {
    const core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    // New data on the exchange, so the failing sync has something of its own to write.
    const now = h.server.now();
    h.server.addFill({ category: 'spot', symbol: 'SOLUSDT', side: 'Buy', execQty: '2', execPrice: '150', execTime: now - 60_000 });
    h.server.scenario.positions.push({ category: 'inverse', symbol: 'BTCUSD', side: 'Buy', size: '1000', avgPrice: '80000', leverage: '5', createdTime: now - DAY });
    const before = await visible(h);
    await h.db.pool.query(`CREATE FUNCTION late_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'late write refused by the test'; END $$`);
    await h.db.pool.query(trigger);

    const r = await core.sync.syncAll('test');
    expect(r.ok).toBe(false);
    expect(r.accounts[0]?.error?.errorClass).toBe('database');
    expect(await visible(h)).toEqual(before);
    const [last] = await core.invoke('history:list', { limit: 1 });
    expect(last).toMatchObject({ success: false, error: { errorClass: 'database' } });

    // Without the fault the same data goes in whole.
    await h.db.pool.query('DROP FUNCTION late_fault() CASCADE');
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const after = await visible(h);
    expect((after.fills as unknown[]).length).toBe((before.fills as unknown[]).length + 1);
    expect(after.successfulRuns).toHaveLength(2);
  }));
});
