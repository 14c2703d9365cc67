import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { createServer, EXPIRING_KEY, READ_ONLY_KEY, type FakeBybitServer } from '../fake-bybit/index.js';
import { memoryKeychain } from '../helpers/memory-keychain.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/**
 * A stored key goes only to the address it was saved for: a second fake Bybit (the
 * "other" host a stolen token or a compromised window would point the account at) must
 * never receive a request carrying it, whatever API call asks.
 */
describe('a stored key never leaves for an address it was not saved with', () => {
  let home: FakeBybitServer;
  let other: FakeBybitServer;
  let db: TestDatabase;
  let dataDir: string;
  const cores: Core[] = [];
  const leaks = (key: string) => other.requests.filter((r) => r.apiKey === key).length;
  const settingsFile = () => fs.readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '(none)');
  const open = async (env: Record<string, string>, keychain = memoryKeychain()) => {
    const core = await createCore({ env: { DATA_DIR: dataDir, DATABASE_URL: db.url, ...env }, keychain: keychain.store, console: null, tuning: { resilience: { initialDelayMs: 20, maxDelayMs: 200, requestTimeoutMs: 3000 } } });
    cores.push(core);
    return { core, keychain };
  };

  beforeAll(async () => {
    home = await createServer();
    other = await createServer();
  });
  afterAll(async () => {
    await home.close();
    await other.close();
  });
  beforeEach(async () => {
    db = await createTestDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-binding-'));
    other.clearRequests();
  });
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
    await db.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keychain account: test and save with a new address are refused; settings.json edited by hand does not move the key; re-entering the key does', async () => {
    const { core, keychain } = await open({});
    const creds = { apiKey: READ_ONLY_KEY.apiKey, secret: READ_ONLY_KEY.secret };
    await core.invoke('accounts:save', { exchangeId: 'bybit', id: 'main', apiUrl: home.url, testnetApiUrl: home.url, credentials: creds });
    expect(keychain.data.get('bybit:main')?.endpoint).toEqual(expect.any(String));
    const before = await settingsFile();
    const refused = { errorClass: 'config', message: expect.stringMatching(/needs its API key and secret again/) };
    const moves = [{ apiUrl: other.url }, { testnetApiUrl: other.url }, { testnet: true }, { demo: true }, { testnet: true, testnetApiUrl: other.url }, { apiUrl: `${other.url}/` }];
    for (const move of moves) {
      await expect(core.invoke('accounts:test', { exchangeId: 'bybit', id: 'main', ...move })).rejects.toMatchObject(refused);
      await expect(core.invoke('accounts:save', { exchangeId: 'bybit', id: 'main', ...move })).rejects.toMatchObject(refused);
    }
    expect(await settingsFile()).toBe(before);
    expect((await core.invoke('sync:run')).accounts[0]).toMatchObject({ ok: true });
    await core.invoke('diagnostics:run');
    expect(other.requests).toEqual([]);

    // Someone edits settings.json by hand (or a future bug writes it): the key stays home.
    const file = JSON.parse(before) as { accounts: Array<Record<string, unknown>> };
    file.accounts[0]!.apiUrl = other.url;
    await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify(file));
    const again = await open({}, keychain);
    const run = await again.core.invoke('sync:run');
    expect(run.accounts[0]).toMatchObject({ ok: false, error: { errorClass: 'config', message: expect.stringMatching(/saved for another address/) } });
    await again.core.invoke('diagnostics:run');
    await expect(again.core.invoke('accounts:test', { exchangeId: 'bybit', id: 'main' })).rejects.toMatchObject({ message: expect.stringMatching(/saved for another address/) });
    expect(leaks(READ_ONLY_KEY.apiKey)).toBe(0);

    // With the key and secret entered again, the new address is theirs.
    await again.core.invoke('accounts:save', { exchangeId: 'bybit', id: 'main', apiUrl: other.url, credentials: creds });
    expect((await again.core.invoke('accounts:test', { exchangeId: 'bybit', id: 'main' })).ok).toBe(true);
    expect((await again.core.invoke('sync:run')).accounts[0]).toMatchObject({ ok: true });
    expect(leaks(READ_ONLY_KEY.apiKey)).toBeGreaterThan(0);
  });

  it('environment account: no call moves it, with or without a key; a key typed into the test goes where asked', async () => {
    const { core } = await open({ BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret, BYBIT_API_URL: home.url });
    const refused = { errorClass: 'config', message: expect.stringMatching(/from the environment/) };
    for (const move of [{ apiUrl: other.url }, { testnetApiUrl: other.url }, { testnet: true }, { demo: true }]) {
      await expect(core.invoke('accounts:test', { exchangeId: 'bybit', ...move })).rejects.toMatchObject(refused);
      await expect(core.invoke('accounts:save', { exchangeId: 'bybit', ...move })).rejects.toMatchObject(refused);
    }
    await expect(core.invoke('accounts:save', { exchangeId: 'bybit', apiUrl: other.url, credentials: { apiKey: EXPIRING_KEY.apiKey, secret: EXPIRING_KEY.secret } }))
      .rejects.toMatchObject({ errorClass: 'config' });
    // A label change keeps the address.
    expect(await core.invoke('accounts:save', { exchangeId: 'bybit', label: 'Env', apiUrl: home.url })).toMatchObject({ label: 'Env', apiUrl: home.url });
    expect((await core.invoke('sync:run')).accounts[0]).toMatchObject({ ok: true });
    await core.invoke('diagnostics:run');
    const typed = await core.invoke('accounts:test', { exchangeId: 'bybit', apiUrl: other.url, credentials: { apiKey: EXPIRING_KEY.apiKey, secret: EXPIRING_KEY.secret } });
    expect(typed.ok).toBe(true);
    expect(leaks(EXPIRING_KEY.apiKey)).toBeGreaterThan(0);
    expect(leaks(READ_ONLY_KEY.apiKey)).toBe(0);
  });

  it('an environment account without a URL variable cannot be given one either', async () => {
    const { core } = await open({ BYBIT_API_KEY: READ_ONLY_KEY.apiKey, BYBIT_API_SECRET: READ_ONLY_KEY.secret });
    await expect(core.invoke('accounts:save', { exchangeId: 'bybit', apiUrl: other.url })).rejects.toMatchObject({ errorClass: 'config' });
    await expect(core.invoke('accounts:test', { exchangeId: 'bybit', apiUrl: other.url })).rejects.toMatchObject({ errorClass: 'config' });
    expect(core.config.accounts[0]?.apiUrl).toBeNull();
    expect(other.requests).toEqual([]);
  });

  it('only https addresses, http on this computer; no user name or password, never echoed', async () => {
    const { core } = await open({});
    const creds = { apiKey: READ_ONLY_KEY.apiKey, secret: READ_ONLY_KEY.secret };
    for (const apiUrl of ['http://api.bybit.example', 'http://10.0.0.5:8080', 'ftp://files.example', 'https://user:PASSWORD1@api.bybit.eu', 'http://u:PASSWORD1@[::1', 'not a url']) {
      for (const channel of ['accounts:save', 'accounts:test'] as const) {
        const err = await core.invoke(channel, { exchangeId: 'bybit', id: 'x', apiUrl, credentials: creds }).then(() => null, (e: unknown) => e as Error & { recommendation: string });
        expect(err).toMatchObject({ errorClass: 'config', message: expect.stringMatching(/^The account field apiUrl/) });
        expect(`${err!.message} ${err!.recommendation}`).not.toContain('PASSWORD1');
      }
    }
    for (const apiUrl of ['http://localhost:1', 'http://127.0.0.2:1', 'http://[::1]:1', 'https://api.bybit.eu/']) {
      expect((await core.invoke('accounts:save', { exchangeId: 'bybit', id: 'ok', apiUrl, credentials: creds })).apiUrl).toBe(apiUrl.replace(/\/$/, ''));
    }
  });
});
