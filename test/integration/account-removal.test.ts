import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStatus, Portfolio } from '../../shared/domain.js';
import { createCore, type Core } from '../../electron/core/core.js';
import type { Credentials, SecretStore } from '../../electron/core/secrets/secret-store.js';
import { READ_ONLY_KEY } from '../fake-bybit/index.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
// The small account's total (wallets + the open position's 500 USDT); both accounts hold it.
const ONE = '62605.922';
const TWO = '125211.844';

function memoryKeychain(): SecretStore & { data: Map<string, Credentials> } {
  const data = new Map<string, Credentials>();
  const key = (r: { exchangeId: string; accountId: string }) => `${r.exchangeId}:${r.accountId}`;
  return {
    kind: 'keychain', data,
    get: async (r) => data.get(key(r)) ?? null,
    set: async (r, c) => { data.set(key(r), c); },
    delete: async (r) => data.delete(key(r)),
  };
}

// Two machines share one database: "home" has the env account bybit/default, the
// "desk" adds bybit/second in its settings with a key in its keychain. Each sees both.
describe('removing an account', () => {
  let h: SyncHarness;
  let home: Core;
  let desk: Core;
  let deskDir: string;

  const rowsOf = async (account: string) => (await h.db.pool.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM balances b JOIN accounts a ON a.id = b.account_id WHERE a.account = $1)::int AS balances,
            (SELECT count(*) FROM fills f JOIN accounts a ON a.id = f.account_id WHERE a.account = $1)::int AS fills,
            (SELECT count(*) FROM positions p JOIN accounts a ON a.id = p.account_id WHERE a.account = $1)::int AS positions,
            (SELECT count(*) FROM snapshots s JOIN accounts a ON a.id = s.account_id WHERE a.account = $1 AND s.source = 'sync')::int AS snapshots,
            (SELECT count(*) FROM portfolio_items WHERE account = $1)::int AS items,
            (SELECT count(*) FROM sync_history WHERE account = $1)::int AS runs`, [account])).rows[0];
  const shown = (s: AppStatus) => s.accounts.map((a) => a.account).sort();

  beforeAll(async () => {
    await run(process.execPath, [path.join(root, 'scripts', 'build-core.mjs')]);
    h = await startHarness();
    home = await h.core();
    deskDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-desk-'));
    desk = await createCore({
      env: { DATA_DIR: deskDir, DATABASE_URL: h.db.url, BYBIT_API_URL: h.server.url, EXCHANGE_SYNC_LOG_LEVEL: 'DEBUG' },
      keychain: memoryKeychain(), console: null,
      tuning: { resilience: { initialDelayMs: 20, maxDelayMs: 200, requestTimeoutMs: 3000 } },
    });
    await desk.invoke('accounts:save', { exchangeId: 'bybit', id: 'second', label: 'Desk', credentials: { apiKey: READ_ONLY_KEY.apiKey, secret: READ_ONLY_KEY.secret } });
    expect((await home.sync.syncAll('test')).ok).toBe(true);
    expect((await desk.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => {
    await desk?.close();
    await h.close();
    await fs.rm(deskDir, { recursive: true, force: true });
  });

  it('every machine shows the accounts the database holds, also one it has no key for', async () => {
    expect((await home.invoke('portfolio:get')).totalValue).toBe(TWO);
    expect(shown(await home.invoke('status:get'))).toEqual(['default', 'second']);
    expect(shown(await desk.invoke('status:get'))).toEqual(['default', 'second']);
    const listed = (await home.invoke('accounts:list')).accounts;
    expect(listed.find((a) => a.id === 'second')).toMatchObject({ source: 'database', label: 'Desk', key: { location: 'none', hint: null } });
  });

  it('a removal on a machine without the key leaves every total at once, on every machine, and the CLI agrees', async () => {
    expect(await home.invoke('accounts:remove', { exchangeId: 'bybit', id: 'second' })).toEqual({ removed: true, keyDeleted: false, history: 'kept' });
    for (const core of [home, desk]) {
      const p = await core.invoke('portfolio:get');
      expect(p.totalValue).toBe(ONE);
      expect(p.unrealisedPnl).toBe('500');
      expect(p.items.every((i) => i.account === 'default')).toBe(true);
      const status = await core.invoke('status:get');
      expect(shown(status)).toEqual(['default']);
      expect(status.totalValue).toBe(ONE);
      expect((await core.invoke('positions:list')).map((x) => x.account)).toEqual(['default']);
      expect((await core.invoke('net-value:get', { range: 'all' })).at(-1)?.value).toBe(ONE);
      expect((await core.invoke('accounts:list')).accounts.map((a) => a.id)).toEqual(['default']);
    }
    const cliPortfolio = await runCli(['portfolio', '--json'], h.env);
    expect(cliPortfolio.code).toBe(0);
    expect((JSON.parse(cliPortfolio.stdout) as Portfolio).totalValue).toBe(ONE);
    const cliStatus = JSON.parse((await runCli(['status', '--json'], h.env)).stdout) as AppStatus;
    expect(shown(cliStatus)).toEqual(['default']);
    // The machine that has the key no longer syncs it either; its history is kept.
    const again = await desk.sync.syncAll('test');
    expect(again.accounts[0]).toMatchObject({ account: 'second', skipped: expect.stringMatching(/removed/) });
    expect(await rowsOf('second')).toMatchObject({ items: 7, snapshots: 1 });
  });

  it('saving the same account again restores it with its history', async () => {
    await desk.invoke('accounts:save', { exchangeId: 'bybit', id: 'second' });
    expect((await home.invoke('portfolio:get')).totalValue).toBe(TWO);
    expect(shown(await home.invoke('status:get'))).toEqual(['default', 'second']);
    expect((await desk.sync.syncAll('test')).accounts[0]).toMatchObject({ ok: true, skipped: null });
  });

  it('the CLI removes it too, from a machine without its key, and the total drops at once', async () => {
    const r = await runCli(['remove-account', 'bybit/second', '--json'], h.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ removed: true, keyDeleted: false, history: 'kept' });
    expect((await desk.invoke('portfolio:get')).totalValue).toBe(ONE);
    const again = await runCli(['remove-account', 'bybit/second'], h.env);
    expect(again).toMatchObject({ code: 1, stdout: expect.stringMatching(/no such active account/) });
    expect((await runCli(['remove-account', 'not an account'], h.env)).code).toBe(2);
    await desk.invoke('accounts:save', { exchangeId: 'bybit', id: 'second' });
    expect((await home.invoke('portfolio:get')).totalValue).toBe(TWO);
  });

  it('a deletion that fails half-way changes nothing: one transaction', async () => {
    const before = await rowsOf('second');
    // The last delete of the removal fails, after the account's own rows went.
    await h.db.pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
      CREATE TRIGGER refuse_history_delete BEFORE DELETE ON sync_history FOR EACH ROW EXECUTE FUNCTION refuse();`);
    try {
      await expect(desk.invoke('accounts:remove', { exchangeId: 'bybit', id: 'second', history: 'delete' })).rejects.toMatchObject({ errorClass: 'database' });
    } finally {
      await h.db.pool.query('DROP TRIGGER refuse_history_delete ON sync_history; DROP FUNCTION refuse();');
    }
    expect(await rowsOf('second')).toEqual(before);
    expect((await home.invoke('portfolio:get')).totalValue).toBe(TWO);
    expect((await desk.invoke('accounts:list')).accounts.map((a) => a.id)).toContain('second');
  });

  it('removing with its history deleted deletes every row in one go and the key; the CLI total drops', async () => {
    expect(await desk.invoke('accounts:remove', { exchangeId: 'bybit', id: 'second', history: 'delete' })).toEqual({ removed: true, keyDeleted: true, history: 'deleted' });
    expect(await rowsOf('second')).toEqual({ balances: 0, fills: 0, positions: 0, snapshots: 0, items: 0, runs: 0 });
    // 6 spot fills and 5 derivative fills.
    expect(await rowsOf('default')).toMatchObject({ items: 7, fills: 11 });
    const { rows } = await h.db.pool.query<{ removed: boolean }>("SELECT removed_at IS NOT NULL AS removed FROM accounts WHERE account = 'second'");
    expect(rows).toEqual([{ removed: true }]);
    expect((JSON.parse((await runCli(['portfolio', '--json'], h.env)).stdout) as Portfolio).totalValue).toBe(ONE);
    expect((await desk.invoke('accounts:list')).accounts.map((a) => a.id)).toEqual(['default']);
  });

  it('adding a deleted account again starts it afresh', async () => {
    await desk.invoke('accounts:save', { exchangeId: 'bybit', id: 'second', credentials: { apiKey: READ_ONLY_KEY.apiKey, secret: READ_ONLY_KEY.secret } });
    expect(shown(await home.invoke('status:get'))).toEqual(['default', 'second']);
    expect((await home.invoke('portfolio:get')).totalValue).toBe(ONE);
    const first = await desk.sync.syncAll('test');
    expect(first.accounts[0]).toMatchObject({ ok: true, skipped: null, fillsImported: 6 });
    expect((await home.invoke('portfolio:get')).totalValue).toBe(TWO);
  });

  it('an account configured by the environment cannot be removed in the app', async () => {
    await expect(home.invoke('accounts:remove', { exchangeId: 'bybit' })).rejects.toMatchObject({ errorClass: 'config' });
    expect((await home.invoke('portfolio:get')).totalValue).toBe(TWO);
  });
});
