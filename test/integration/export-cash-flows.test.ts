import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_KINDS } from '../../electron/core/export/export-kinds.js';
import { apiInputs } from '../../shared/api.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const rowsOf = (csv: string) => parse(csv, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
const HEADER = 'time,exchange,account,kind,asset,amount,fee,counter_asset,counter_amount,from_wallet,to_wallet,tx_id,status,raw_type,flow_id';

interface Stored { occurred_at: Date; account: string; kind: string; asset: string; amount: string; fee: string | null; counter_asset: string | null; counter_amount: string | null;
  from_wallet: string | null; to_wallet: string | null; tx_id: string | null; status: string | null; raw_type: string | null; flow_id: string }

/** A stored record as the CSV must give it back: every field, empty for NULL. */
const asCsv = (s: Stored) => ({
  time: s.occurred_at.toISOString(), exchange: 'bybit', account: s.account, kind: s.kind, asset: s.asset, amount: s.amount, fee: s.fee ?? '',
  counter_asset: s.counter_asset ?? '', counter_amount: s.counter_amount ?? '', from_wallet: s.from_wallet ?? '', to_wallet: s.to_wallet ?? '',
  tx_id: s.tx_id ?? '', status: s.status ?? '', raw_type: s.raw_type ?? '', flow_id: s.flow_id,
});

describe('alphapulse-sync export cash-flows', () => {
  let h: SyncHarness;
  const stored = async () => (await h.db.pool.query<Stored>(
    `SELECT c.occurred_at, a.account, c.kind, c.asset, c.amount::text, c.fee::text, c.counter_asset, c.counter_amount::text, c.from_wallet, c.to_wallet, c.tx_id, c.status,
            c.raw_type, c.flow_id
     FROM cash_flows c JOIN accounts a ON a.id = c.account_id WHERE a.removed_at IS NULL ORDER BY c.occurred_at, c.id`)).rows;

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness();
    expect((await runCli(['sync', '--json'], h.env)).code).toBe(0);
  });
  afterAll(async () => h?.close());

  it('is a kind of the CLI and of the export:csv call alike', () => {
    expect(EXPORT_KINDS).toContain('cash-flows');
    expect(apiInputs['export:csv'].shape.kind.options).toEqual([...EXPORT_KINDS]);
  });

  it('round-trips through a CSV parser to exactly the stored deposits, withdrawals, transfers and converts', async () => {
    const r = await runCli(['export', 'cash-flows'], h.env);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe(HEADER);
    const want = (await stored()).map(asCsv);
    // Six deposits, a withdrawal, two internal transfers, two universal transfers and a convert.
    expect(want.map((x) => x.kind).sort()).toEqual(['convert', ...Array(6).fill('deposit'), 'internal-transfer', 'internal-transfer', 'universal-transfer', 'universal-transfer', 'withdrawal']);
    expect(rowsOf(r.stdout)).toEqual(want);
    expect(rowsOf(r.stdout).find((x) => x.kind === 'convert')).toMatchObject({ asset: 'USDT', amount: '49.95', counter_asset: 'USDC', counter_amount: '50' });
  });

  it('--from/--to keep the records of those UTC days; --account keeps one account; removed accounts never appear', async () => {
    const all = await stored();
    const from = all[2]!.occurred_at.toISOString().slice(0, 10);
    const to = all[4]!.occurred_at.toISOString().slice(0, 10);
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
    const ranged = await runCli(['export', 'cash-flows', '--from', from, '--to', to], h.env);
    expect(ranged.code).toBe(0);
    const want = all.filter((s) => s.occurred_at >= new Date(`${from}T00:00:00Z`) && s.occurred_at < end).map(asCsv);
    expect(want.length).toBeGreaterThanOrEqual(3);
    expect(want.length).toBeLessThan(all.length);
    expect(rowsOf(ranged.stdout)).toEqual(want);

    // A second account with its own deposit, and a removed one with another.
    const { rows } = await h.db.pool.query<{ id: number }>(
      "INSERT INTO accounts (exchange_id, account, removed_at) VALUES ('bybit', 'side', NULL), ('bybit', 'gone', now()) RETURNING id");
    const [side, gone] = rows.map((x) => x.id);
    try {
      await h.db.pool.query(
        `INSERT INTO cash_flows (account_id, kind, flow_id, asset, amount, occurred_at, raw) VALUES
         ($1, 'deposit', 'side-1', 'ETH', 1.25, now() - interval '1 day', '{}'), ($2, 'deposit', 'gone-1', 'ETH', 9, now() - interval '1 day', '{}')`, [side, gone]);
      const both = rowsOf((await runCli(['export', 'cash-flows'], h.env)).stdout);
      expect(both.map((x) => x.flow_id)).toEqual((await stored()).map((s) => s.flow_id));
      expect(both.map((x) => x.account)).toContain('side');
      expect(both.map((x) => x.account)).not.toContain('gone');
      const onlySide = await runCli(['export', 'cash-flows', '--account', 'bybit:side'], h.env);
      expect(rowsOf(onlySide.stdout)).toEqual([expect.objectContaining({ account: 'side', kind: 'deposit', asset: 'ETH', amount: '1.25', fee: '', flow_id: 'side-1' })]);
      const onlyMain = rowsOf((await runCli(['export', 'cash-flows', '--account', 'default'], h.env)).stdout);
      expect(onlyMain).toEqual(all.map(asCsv));
      const removed = await runCli(['export', 'cash-flows', '--account', 'gone'], h.env);
      expect(removed.code).toBe(2);
      expect(removed.stderr).toMatch(/--account "gone" is not an account/);
    } finally {
      await h.db.pool.query('DELETE FROM accounts WHERE id IN ($1, $2)', [side, gone]);
    }
  });

  it('the export:csv call gives the dashboard the same CSV, with a file name', async () => {
    const core = await h.core();
    const viaApi = await core.invoke('export:csv', { kind: 'cash-flows', account: 'bybit:default' });
    const viaCli = await runCli(['export', 'cash-flows'], h.env);
    expect(viaApi.csv).toBe(viaCli.stdout);
    expect(viaApi.rows).toBe(12);
    expect(viaApi.fileName).toMatch(/^alphapulse-cash-flows-bybit-default-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
