import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { SettingsView } from '../../shared/domain.js';
import { createSettingsFile, type SettingsStore } from '../../electron/core/config/settings-file.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { AppError } from '../../electron/core/errors.js';
import { createServer, EXPIRING_KEY, READ_ONLY_KEY, type FakeBybitServer } from '../fake-bybit/index.js';
import { memoryKeychain } from '../helpers/memory-keychain.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/** The core's settings file, with a switch that makes writes fail like a full disk. */
function flakySettings(file: string): SettingsStore & { failWrites: boolean } {
  const inner = createSettingsFile(file);
  const s = {
    failWrites: false,
    load: () => inner.load(),
    save: async (settings: Parameters<SettingsStore['save']>[0]) => {
      if (s.failWrites) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return inner.save(settings);
    },
  };
  return s;
}

describe('settings and accounts through the API (real PostgreSQL, fake Bybit)', () => {
  let server: FakeBybitServer;
  let db: TestDatabase;
  let dataDir: string;
  let core: Core;
  let keychain: ReturnType<typeof memoryKeychain>;
  let settingsStore: ReturnType<typeof flakySettings>;
  const settingsFile = () => path.join(dataDir, 'settings.json');
  const readFile = () => fs.readFile(settingsFile(), 'utf8').catch(() => '(none)');
  const account = (over: Record<string, unknown> = {}) => ({ exchangeId: 'bybit', id: 'main', label: 'Main', apiUrl: server.url, ...over });
  const creds = { apiKey: READ_ONLY_KEY.apiKey, secret: READ_ONLY_KEY.secret };

  beforeAll(async () => { server = await createServer(); });
  afterAll(async () => { await server.close(); });
  beforeEach(async () => {
    db = await createTestDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-settings-it-'));
    keychain = memoryKeychain();
    settingsStore = flakySettings(path.join(dataDir, 'settings.json'));
    core = await createCore({ env: { DATA_DIR: dataDir, DATABASE_URL: db.url }, keychain: keychain.store, settingsStore, console: null });
  });
  afterEach(async () => {
    await core.close();
    await db.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('updates settings: persisted, applied to the scheduler live, announced', async () => {
    const changed: SettingsView[] = [];
    core.events.on('settings:changed', (v) => changed.push(v));
    expect(await core.invoke('settings:get')).toMatchObject({ sync: { enabled: true, intervalMinutes: 30 }, database: { mode: 'embedded' }, notifications: { enabled: true }, envOverrides: ['DATABASE_URL'] });
    const view = await core.invoke('settings:update', { sync: { intervalMinutes: 10 }, notifications: { enabled: false }, launchAtLogin: true });
    expect(view).toMatchObject({ sync: { enabled: true, intervalMinutes: 10 }, effectiveSync: { enabled: true, intervalMinutes: 10 }, launchAtLogin: true, notifications: { enabled: false } });
    expect(JSON.parse(await readFile())).toMatchObject({ sync: { intervalMinutes: 10 }, launchAtLogin: true, notifications: { enabled: false } });
    expect(core.scheduler.status().intervalMinutes).toBe(10);
    expect((await core.invoke('status:get')).scheduler.intervalMinutes).toBe(10);
    expect(changed.at(-1)).toEqual(view);
    await core.invoke('settings:update', { sync: { enabled: false } });
    expect(core.scheduler.status().enabled).toBe(false);
  });

  it('rejects bad input with a clear error and loses nothing', async () => {
    await core.invoke('settings:update', { sync: { intervalMinutes: 15 } });
    const before = await readFile();
    await expect(core.invoke('settings:update', { sync: { intervalMinutes: 0 } })).rejects.toBeInstanceOf(ZodError);
    await expect(core.invoke('settings:update', { database: { mode: 'external', url: 'mysql://u:pw@host/db' } }))
      .rejects.toMatchObject({ errorClass: 'config', message: 'The database URL must start with postgres:// or postgresql://' });
    await expect(core.invoke('accounts:save', account({ apiUrl: 'ftp://files.example', credentials: creds })))
      .rejects.toMatchObject({ errorClass: 'config', message: expect.stringMatching(/^The account field apiUrl must be an https:\/\/ URL/) });
    await expect(core.invoke('accounts:save', account({ testnet: true, demo: true, credentials: creds }))).rejects.toMatchObject({ errorClass: 'config' });
    await expect(core.invoke('accounts:save', account())).rejects.toMatchObject({ errorClass: 'config', message: 'A new bybit account needs its API key and secret' });
    expect(await readFile()).toBe(before);
    expect(keychain.data.size).toBe(0);
    expect(core.settings.get().sync.intervalMinutes).toBe(15);
  });

  it('keeps the database password out of every answer and out of settings.json (it goes to the keychain), and keeps it when the URL comes without one', async () => {
    const view = await core.invoke('settings:update', { database: { mode: 'external', url: 'postgres://sync:s3cret@db.example:5432/alpha', sslMode: 'require' } });
    expect(view.database).toEqual({ mode: 'external', url: 'postgres://sync@db.example:5432/alpha', passwordSet: true, sslMode: 'require', caFile: null });
    expect(view.restartRequired).toBe(true);
    expect(JSON.stringify(view)).not.toContain('s3cret');
    const again = await core.invoke('settings:update', { database: { mode: 'external', url: 'postgres://sync@db.example:5432/alpha' } });
    expect(again.database).toMatchObject({ passwordSet: true, sslMode: 'require' });
    expect(JSON.parse(await readFile()).database.url).toBe('postgres://sync@db.example:5432/alpha');
    expect(await readFile()).not.toContain('s3cret');
    expect(keychain.data.get('database:external')).toEqual({ apiKey: 'postgres://sync@db.example:5432/alpha', secret: 's3cret' });
    expect((await core.invoke('settings:update', { database: { mode: 'embedded' } })).restartRequired).toBe(false);
  });

  it('adds an account: key in the keychain, settings without secrets, synced with the live config', async () => {
    const saved = await core.invoke('accounts:save', account({ credentials: creds }));
    expect(saved).toEqual({
      exchangeId: 'bybit', id: 'main', label: 'Main', enabled: true, testnet: false, demo: false, apiUrl: server.url, testnetApiUrl: null,
      source: 'settings', key: { location: 'keychain', hint: `…${READ_ONLY_KEY.apiKey.slice(-4)}` },
    });
    expect(keychain.data.get('bybit:main')).toEqual({ ...creds, endpoint: expect.any(String) });
    const file = await readFile();
    expect(file).not.toContain(READ_ONLY_KEY.apiKey);
    expect(file).not.toContain(READ_ONLY_KEY.secret);
    const list = await core.invoke('accounts:list');
    expect(JSON.stringify(list)).not.toContain(READ_ONLY_KEY.secret);
    expect(list.keychain.status).toBe('ok');
    // The sync and the status read the new account without a restart.
    const summary = await core.invoke('sync:run', { trigger: 'manual' });
    expect(summary.accounts).toEqual([expect.objectContaining({ exchangeId: 'bybit', account: 'main', ok: true })]);
    expect((await core.invoke('status:get')).accounts.map((a) => [a.account, a.state])).toEqual([['main', 'ok']]);
  });

  it('updates an account without its key (the stored key stays), or with a new one', async () => {
    await core.invoke('accounts:save', account({ credentials: creds }));
    const relabeled = await core.invoke('accounts:save', { exchangeId: 'bybit', id: 'main', label: 'Renamed', enabled: false });
    expect(relabeled).toMatchObject({ label: 'Renamed', enabled: false, apiUrl: server.url, key: { location: 'keychain' } });
    expect(keychain.data.get('bybit:main')).toEqual({ ...creds, endpoint: expect.any(String) });
    await core.invoke('accounts:save', { exchangeId: 'bybit', id: 'main', credentials: { apiKey: EXPIRING_KEY.apiKey, secret: EXPIRING_KEY.secret } });
    expect(keychain.data.get('bybit:main')?.apiKey).toBe(EXPIRING_KEY.apiKey);
    // null deletes the key and keeps the account.
    expect(await core.invoke('accounts:save', { exchangeId: 'bybit', id: 'main', credentials: null })).toMatchObject({ id: 'main', key: { location: 'none', hint: null } });
    expect(keychain.data.has('bybit:main')).toBe(false);
    expect(core.config.accounts.map((a) => a.id)).toEqual(['main']);
  });

  it('a keychain that fails leaves settings untouched; a settings write that fails puts the old key back', async () => {
    await core.invoke('accounts:save', account({ credentials: creds }));
    const before = await readFile();
    const viewBefore = core.settings.get();
    keychain.state.failing = new AppError('keychain', 'The keychain is locked (saving a key)', 'Unlock it.');
    await expect(core.invoke('accounts:save', account({ id: 'second', credentials: creds }))).rejects.toMatchObject({ errorClass: 'keychain' });
    expect(await readFile()).toBe(before);
    keychain.state.failing = null;
    settingsStore.failWrites = true;
    const other = { apiKey: EXPIRING_KEY.apiKey, secret: EXPIRING_KEY.secret };
    await expect(core.invoke('accounts:save', account({ label: 'Changed', credentials: other }))).rejects.toMatchObject({ errorClass: 'config', message: 'The settings could not be written (ENOSPC)' });
    await expect(core.invoke('accounts:save', account({ id: 'third', credentials: other }))).rejects.toMatchObject({ errorClass: 'config' });
    expect(keychain.data.get('bybit:main')).toEqual({ ...creds, endpoint: expect.any(String) });
    expect(keychain.data.has('bybit:third')).toBe(false);
    expect(await readFile()).toBe(before);
    expect(core.settings.get()).toEqual(viewBefore);
    expect(core.config.accounts.map((a) => [a.id, a.label])).toEqual([['main', 'Main']]);
    // Nothing of the failed saves lingers in memory for the next write to store.
    settingsStore.failWrites = false;
    await core.invoke('settings:update', { launchAtLogin: !viewBefore.launchAtLogin });
    const saved = JSON.parse(await readFile()) as { accounts: Array<{ id: string; label: string }> };
    expect(saved.accounts.map((a) => [a.id, a.label])).toEqual([['main', 'Main']]);
  });

  it('tests a connection before saving: one signed read, key details, classified errors', async () => {
    server.clearRequests();
    const ok = await core.invoke('accounts:test', account({ credentials: creds }));
    // The server time (to sign inside Bybit's window), then the one signed call.
    expect(server.requests.map((r) => r.path)).toEqual(['/v5/market/time', '/v5/user/query-api']);
    expect(ok).toMatchObject({ exchangeId: 'bybit', id: 'main', ok: true, error: null, key: { readOnly: true, expiresAt: null, ipRestricted: true } });
    const expiring = await core.invoke('accounts:test', account({ credentials: { apiKey: EXPIRING_KEY.apiKey, secret: EXPIRING_KEY.secret } }));
    expect(expiring.ok).toBe(true);
    const days = (Date.parse(expiring.key!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2);
    expect(days).toBeLessThan(4);
    const wrong = await core.invoke('accounts:test', account({ credentials: { apiKey: READ_ONLY_KEY.apiKey, secret: 'not-the-secret-0000000000' } }));
    expect(wrong).toMatchObject({ ok: false, key: null, error: { errorClass: 'auth' } });
    expect(JSON.stringify(wrong)).not.toContain('not-the-secret');
    // The message names the signature and the secret in words; redaction must not eat them.
    expect(wrong.error?.message).toMatch(/signature of the request, so the API secret/);
    expect(keychain.data.size).toBe(0);
    expect(await readFile()).toBe('(none)');
    // Nothing stored yet, none given: a clear error. Once saved, the stored key is tested.
    await expect(core.invoke('accounts:test', account())).rejects.toMatchObject({ errorClass: 'config', message: 'No API key is stored for bybit account "main"' });
    await core.invoke('accounts:save', account({ credentials: creds }));
    expect((await core.invoke('accounts:test', { exchangeId: 'bybit', id: 'main' })).ok).toBe(true);
    expect(server.countRequests('/v5/user/query-api')).toBeGreaterThan(0);
  });

  it('removes an account and its key', async () => {
    await core.invoke('accounts:save', account({ credentials: creds }));
    expect(await core.invoke('accounts:remove', { exchangeId: 'bybit', id: 'main' })).toEqual({ removed: true, keyDeleted: true, history: 'kept' });
    expect(keychain.data.size).toBe(0);
    expect((await core.invoke('accounts:list')).accounts).toEqual([]);
    expect(await core.invoke('accounts:remove', { exchangeId: 'bybit', id: 'main' })).toEqual({ removed: false, keyDeleted: false, history: null });
  });

  it('two saves at once both land', async () => {
    await Promise.all([
      core.invoke('accounts:save', account({ id: 'a', credentials: creds })),
      core.invoke('accounts:save', account({ id: 'b', credentials: creds })),
      core.invoke('settings:update', { sync: { intervalMinutes: 45 } }),
    ]);
    expect(JSON.parse(await readFile())).toMatchObject({ sync: { intervalMinutes: 45 }, accounts: [{ id: 'a' }, { id: 'b' }] });
  });
});

describe('accounts configured by the environment', () => {
  it('are listed with an env key and cannot get a keychain key or be removed in the app', async () => {
    const db = await createTestDatabase();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-settings-env-'));
    const keychain = memoryKeychain();
    const core = await createCore({
      env: { DATA_DIR: dataDir, DATABASE_URL: db.url, BYBIT_API_KEY: 'ENVKEY00ab12', BYBIT_API_SECRET: 'ENVSECRET', EXCHANGE_SYNC_INTERVAL_MINUTES: '5' },
      keychain: keychain.store, console: null,
    });
    try {
      const list = await core.invoke('accounts:list');
      expect(list.accounts).toEqual([expect.objectContaining({ exchangeId: 'bybit', id: 'default', source: 'env', key: { location: 'env', hint: '…ab12' } })]);
      await expect(core.invoke('accounts:save', { exchangeId: 'bybit', credentials: { apiKey: 'OTHERKEY', secret: 'X' } }))
        .rejects.toMatchObject({ errorClass: 'config', message: 'The bybit account "default" takes its key from BYBIT_API_KEY and BYBIT_API_SECRET' });
      await expect(core.invoke('accounts:remove', { exchangeId: 'bybit' })).rejects.toMatchObject({ errorClass: 'config' });
      const view = await core.invoke('settings:update', { sync: { intervalMinutes: 60 } });
      expect(view).toMatchObject({ sync: { intervalMinutes: 60 }, effectiveSync: { intervalMinutes: 5 }, envOverrides: ['EXCHANGE_SYNC_INTERVAL_MINUTES', 'DATABASE_URL'] });
      expect(core.scheduler.status().intervalMinutes).toBe(5);
      expect(keychain.data.size).toBe(0);
    } finally {
      await core.close();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
