import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsFile } from '../../../electron/core/config/settings-file.js';
import { defaultSettings } from '../../../electron/core/config/settings-schema.js';

describe('settings file', () => {
  let dir: string;
  let file: string;
  const clock = () => new Date('2026-11-21T10:00:00.000Z');
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-settings-'));
    file = path.join(dir, 'settings.json');
  });
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  it('missing file: defaults, nothing written', async () => {
    const r = await createSettingsFile(file, clock).load();
    expect(r).toEqual({ settings: defaultSettings(), recovered: null });
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it('round-trips, written with mode 0600', async () => {
    const store = createSettingsFile(file, clock);
    const s = { ...defaultSettings(), sync: { enabled: false, intervalMinutes: 45 } };
    await store.save(s);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await store.load()).settings.sync).toEqual({ enabled: false, intervalMinutes: 45 });
  });

  it.each([
    ['invalid JSON', '{"sync": {', /not valid JSON/],
    ['a schema violation', JSON.stringify({ sync: { intervalMinutes: -3 } }), /sync\.intervalMinutes/],
  ])('%s: moved aside as settings.corrupt-<time>.json, defaults used, reason given', async (_name, content, reason) => {
    await fs.writeFile(file, content);
    const r = await createSettingsFile(file, clock).load();
    expect(r.settings).toEqual(defaultSettings());
    expect(r.recovered?.reason).toMatch(reason);
    expect(path.basename(r.recovered!.movedTo)).toBe('settings.corrupt-2026-11-21T10-00-00-000Z.json');
    // Nothing the user wrote is lost.
    expect(await fs.readFile(r.recovered!.movedTo, 'utf8')).toBe(content);
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it('refuses to save invalid settings and keeps the old file', async () => {
    const store = createSettingsFile(file, clock);
    await store.save(defaultSettings());
    const before = await fs.readFile(file, 'utf8');
    await expect(store.save({ ...defaultSettings(), sync: { enabled: true, intervalMinutes: 0 } })).rejects.toThrow();
    expect(await fs.readFile(file, 'utf8')).toBe(before);
  });
});

describe('external database password', () => {
  it('is put back into the URL from the keychain, only for the URL it was stored for', async () => {
    const { withStoredDatabasePassword, splitPassword } = await import('../../../electron/core/settings/database-password.js');
    const store = new Map<string, { apiKey: string; secret: string }>([['database:external', { apiKey: 'postgres://u@db:5432/x', secret: 'p@ss word' }]]);
    const keychain = { kind: 'test', get: async (r: { exchangeId: string; accountId: string }) => store.get(`${r.exchangeId}:${r.accountId}`) ?? null, set: async () => {}, delete: async () => false };
    const base = defaultSettings();
    const ext = (url: string) => ({ ...base, database: { mode: 'external' as const, url, sslMode: 'disable' as const, caFile: null } });
    const hit = await withStoredDatabasePassword(ext('postgres://u@db:5432/x'), keychain);
    expect(hit.stored).toBe(true);
    expect(hit.settings.database.mode === 'external' && splitPassword(hit.settings.database.url).password).toBe('p@ss word');
    expect((await withStoredDatabasePassword(ext('postgres://u@other:5432/x'), keychain)).stored).toBe(false);
    expect((await withStoredDatabasePassword(ext('postgres://u:inline@db:5432/x'), keychain)).settings.database).toMatchObject({ url: 'postgres://u:inline@db:5432/x' });
    expect((await withStoredDatabasePassword(base, keychain)).stored).toBe(false);
  });
});
