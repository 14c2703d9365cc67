import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import keytar from 'keytar';
import { createCore } from '../../electron/core/core.js';
import { AppError } from '../../electron/core/errors.js';
import { createKeychainMonitor } from '../../electron/core/settings/account-views.js';
import { classifyKeychainError, createKeytarStore, keychainCanary, type KeytarApi } from '../../electron/core/secrets/keytar-store.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { startHarness } from '../helpers/sync-harness.js';

// A service name of our own: the user's real "AlphaPulse Sync" entries are never touched.
const service = `AlphaPulse Sync test ${process.pid}-${randomBytes(3).toString('hex')}`;
const store = createKeytarStore({ service, timeoutMs: 15_000 });
const canary = await keychainCanary(store);
// Under CI, or inside `npm test`'s keyring session, a keychain is expected: a broken one fails the run instead of skipping.
const expected = process.env.CI === 'true' || process.env.ALPHAPULSE_TEST_KEYRING !== undefined;
const suite = canary.ok || expected ? describe : describe.skip;

suite('keytar store against the real Secret Service / keychain', () => {
  const ref = { exchangeId: 'bybit', accountId: 'main' };
  afterAll(async () => {
    for (const c of await keytar.findCredentials(service).catch(() => [])) await keytar.deletePassword(service, c.account);
  });

  it('the canary writes, reads back and deletes an entry, and the keyring persists', () => {
    expect(canary, `keychain unavailable: ${canary.error?.message ?? ''}`).toMatchObject({ ok: true, backend: 'keychain', stage: null, error: null });
    expect(canary.persistent).not.toBe(false);
  });

  it('stores JSON {apiKey, secret} under "<exchange>:<account>" and reads it back', async () => {
    await store.set(ref, { apiKey: 'KEYabcd1234', secret: 'SECRETxyz' });
    expect(JSON.parse((await keytar.getPassword(service, 'bybit:main'))!)).toEqual({ apiKey: 'KEYabcd1234', secret: 'SECRETxyz' });
    expect(await store.get(ref)).toEqual({ apiKey: 'KEYabcd1234', secret: 'SECRETxyz' });
  });

  it('keeps the address binding beside the key, in the same entry', async () => {
    await store.set(ref, { apiKey: 'KEY3', secret: 'SECRET3', endpoint: '["mainnet","https://api.bybit.eu",null]' });
    expect(JSON.parse((await keytar.getPassword(service, 'bybit:main'))!)).toEqual({ apiKey: 'KEY3', secret: 'SECRET3', endpoint: '["mainnet","https://api.bybit.eu",null]' });
    expect(await store.get(ref)).toEqual({ apiKey: 'KEY3', secret: 'SECRET3', endpoint: '["mainnet","https://api.bybit.eu",null]' });
  });

  it('replaces a key, keeps a passphrase, deletes', async () => {
    await store.set(ref, { apiKey: 'KEY2', secret: 'SECRET2', password: 'pass' });
    expect(await store.get(ref)).toEqual({ apiKey: 'KEY2', secret: 'SECRET2', password: 'pass' });
    expect(await store.delete(ref)).toBe(true);
    expect(await store.get(ref)).toBeNull();
    expect(await store.delete(ref)).toBe(false);
  });

  it('an entry it did not write is a keychain error, not a crash', async () => {
    await keytar.setPassword(service, 'bybit:foreign', 'plain text');
    await expect(store.get({ exchangeId: 'bybit', accountId: 'foreign' })).rejects.toMatchObject({ errorClass: 'keychain', message: expect.stringMatching(/not a key AlphaPulse Sync wrote/) });
  });

  it('accounts saved through the core keep their key in the keychain; the API sees only a hint', async () => {
    const db = await createTestDatabase();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-keychain-core-'));
    const core = await createCore({ env: { DATA_DIR: dataDir, DATABASE_URL: db.url }, keychain: store, console: null });
    try {
      const saved = await core.invoke('accounts:save', { exchangeId: 'bybit', id: 'desk', credentials: { apiKey: 'DESKKEY9a1b', secret: 'DESKSECRET' } });
      expect(saved.key).toEqual({ location: 'keychain', hint: '…9a1b' });
      // With the address it was saved for (mainnet here), where alone it may be sent.
      expect(JSON.parse((await keytar.getPassword(service, 'bybit:desk'))!)).toEqual({ apiKey: 'DESKKEY9a1b', secret: 'DESKSECRET', endpoint: '["mainnet",null,null]' });
      const list = await core.invoke('accounts:list');
      expect(list.keychain).toEqual({ status: 'ok', problem: null });
      expect(JSON.stringify(list)).not.toMatch(/DESKKEY9a1b|DESKSECRET/);
      expect(await fs.readFile(path.join(dataDir, 'settings.json'), 'utf8')).not.toMatch(/DESKKEY|DESKSECRET/);
      expect(await core.invoke('accounts:remove', { exchangeId: 'bybit', id: 'desk' })).toEqual({ removed: true, keyDeleted: true, history: 'kept' });
      expect(await keytar.getPassword(service, 'bybit:desk')).toBeNull();
    } finally {
      await core.close();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('keytar store without a keychain (fakes)', () => {
  const memory = (): KeytarApi & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return {
      data,
      getPassword: async (s, a) => data.get(`${s}/${a}`) ?? null,
      setPassword: async (s, a, p) => { data.set(`${s}/${a}`, p); },
      deletePassword: async (s, a) => data.delete(`${s}/${a}`),
    };
  };

  it('loads keytar only when a key is first needed, and once', async () => {
    const load = vi.fn(async () => memory());
    const lazy = createKeytarStore({ load });
    expect(load).not.toHaveBeenCalled();
    await lazy.get({ exchangeId: 'bybit', accountId: 'x' });
    await lazy.set({ exchangeId: 'bybit', accountId: 'x' }, { apiKey: 'k', secret: 's' });
    expect(load).toHaveBeenCalledOnce();
  });

  it('syncing accounts that come from the environment never loads keytar', async () => {
    const load = vi.fn(async () => memory());
    const h = await startHarness();
    try {
      const core = await h.core({ keychain: createKeytarStore({ load }) });
      const summary = await core.invoke('sync:run', { trigger: 'manual' });
      expect(summary.ok).toBe(true);
      expect(load).not.toHaveBeenCalled();
      // Listing accounts shows the env key's hint (and asks the keychain how it is).
      const list = await core.invoke('accounts:list');
      expect(list.accounts).toEqual([expect.objectContaining({ id: 'default', source: 'env', key: { location: 'env', hint: expect.stringMatching(/^…/) } })]);
    } finally {
      await h.close();
    }
  });

  it('a keytar that cannot load, or a keychain that hangs, is a keychain error with advice', async () => {
    const broken = createKeytarStore({ load: async () => { throw new Error('was compiled against a different Node.js version'); } });
    await expect(broken.get({ exchangeId: 'bybit', accountId: 'x' })).rejects.toMatchObject({ errorClass: 'keychain', message: 'Keychain support could not be loaded on this computer' });
    const hanging = createKeytarStore({ timeoutMs: 30, load: async () => ({ ...memory(), getPassword: () => new Promise<string | null>(() => undefined) }) });
    await expect(hanging.get({ exchangeId: 'bybit', accountId: 'x' })).rejects.toMatchObject({ errorClass: 'keychain', recommendation: expect.stringMatching(/Unlock the keychain/) });
  });

  it('classifies the platforms\' messages: no service, locked, other', () => {
    expect(classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'reading a key').message).toBe('No keychain service is running (reading a key)');
    expect(classifyKeychainError(new Error('The name org.freedesktop.secrets was not provided by any .service files'), 'x').message).toMatch(/No keychain service/);
    expect(classifyKeychainError(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”'), 'x').message).toMatch(/locked/);
    expect(classifyKeychainError(new Error('User interaction is not allowed.'), 'x').message).toMatch(/locked/);
    const other = classifyKeychainError(new Error('weird'), 'x');
    expect(other).toBeInstanceOf(AppError);
    expect(other.recommendation).toMatch(/environment variables/);
  });

  it('the keychain state: a good answer is kept, a bad one asked again, an error makes it look again', async () => {
    const answers = [false, true, true];
    const probe = vi.fn(async () => {
      const ok = answers.shift() ?? true;
      return { ok, backend: 'keychain', persistent: ok ? true : null, stage: ok ? null : ('write' as const), error: ok ? null : { errorClass: 'keychain' as const, message: 'locked', recommendation: 'unlock' }, elapsedMs: 1 };
    });
    const monitor = createKeychainMonitor(createKeytarStore({ load: async () => memory() }), probe);
    expect((await monitor.state()).status).toBe('unavailable');
    expect((await monitor.state()).status).toBe('ok');
    expect((await monitor.state()).status).toBe('ok');
    expect(probe).toHaveBeenCalledTimes(2);
    monitor.noteError(new AppError('keychain', 'locked', 'unlock'));
    await monitor.state();
    expect(probe).toHaveBeenCalledTimes(3);
    expect((await createKeychainMonitor(null).state()).status).toBe('unavailable');
  });

  it('the canary reports where a broken keychain fails, without throwing', async () => {
    const m = memory();
    const lossy = createKeytarStore({ load: async () => ({ ...m, getPassword: async () => null }) });
    expect(await keychainCanary(lossy, { persistence: async () => true })).toMatchObject({ ok: false, stage: 'read', error: { errorClass: 'keychain' } });
    const locked = createKeytarStore({ load: async () => ({ ...m, setPassword: async () => { throw new Error('Cannot create an item in a locked collection'); } }) });
    expect(await keychainCanary(locked)).toMatchObject({ ok: false, stage: 'write', error: { errorClass: 'keychain', message: expect.stringMatching(/locked/) } });
    expect(await keychainCanary(createKeytarStore({ load: async () => memory() }), { persistence: async () => false })).toMatchObject({ ok: true, persistent: false });
  });
});
