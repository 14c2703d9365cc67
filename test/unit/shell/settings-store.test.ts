import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../electron/core/config/settings-schema.js';
import { createSettingsFile } from '../../../electron/core/config/settings-file.js';
import { createElectronSettingsStore, type ConfConstructor } from '../../../electron/shell/settings-store.js';

// electron-store for real (it is conf underneath); only Electron's app is replaced.
vi.mock('electron', () => {
  const app = { getPath: () => os.tmpdir(), getVersion: () => '0.1.0' };
  const ipcMain = { on: () => undefined };
  return { default: { app, ipcMain, shell: {} }, app, ipcMain };
});
const { default: ElectronStore } = await import('electron-store');
const Store = ElectronStore as unknown as ConfConstructor;
const clock = () => new Date('2026-11-21T12:00:00.000Z');

describe('settings through electron-store', () => {
  let dir: string;
  beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-settings-')); });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });
  const file = () => path.join(dir, 'settings.json');

  it('starts from defaults and writes the same file the CLI reads, mode 0600', async () => {
    const store = createElectronSettingsStore({ Store, dir, now: clock });
    expect(await store.load()).toEqual({ settings: defaultSettings(), recovered: null });
    const next = { ...defaultSettings(), sync: { enabled: false, intervalMinutes: 15 }, accounts: [{ exchangeId: 'bybit', id: 'main', label: 'Main', enabled: true, testnet: false, demo: false, apiUrl: null, testnetApiUrl: null }] };
    await store.save(next);
    expect((await fs.stat(file())).mode & 0o777).toBe(0o600);
    // The core's own settings file reads what electron-store wrote.
    expect(await createSettingsFile(file(), clock).load()).toEqual({ settings: next, recovered: null });
    expect(await createElectronSettingsStore({ Store, dir, now: clock }).load()).toEqual({ settings: next, recovered: null });
  });

  it('reads a file the CLI wrote, filling missing fields with defaults', async () => {
    await fs.writeFile(file(), JSON.stringify({ sync: { intervalMinutes: 5 } }));
    const { settings, recovered } = await createElectronSettingsStore({ Store, dir, now: clock }).load();
    expect(recovered).toBeNull();
    expect(settings.sync).toEqual({ enabled: true, intervalMinutes: 5 });
  });

  it.each([
    ['bad JSON', '{ "sync": ', /not valid JSON/],
    ['a schema violation', JSON.stringify({ sync: { intervalMinutes: 0 } }), /intervalMinutes/],
    ['a rule JSON Schema cannot state', JSON.stringify({ accounts: [{ exchangeId: 'bybit', id: 'a' }, { exchangeId: 'bybit', id: 'a' }] }), /accounts/],
  ])('moves an invalid file aside (%s) instead of clearing it', async (_what, text, reason) => {
    await fs.writeFile(file(), text);
    const { settings, recovered } = await createElectronSettingsStore({ Store, dir, now: clock }).load();
    expect(settings).toEqual(defaultSettings());
    expect(recovered?.reason).toMatch(reason);
    expect(recovered?.movedTo).toBe(path.join(dir, 'settings.corrupt-2026-11-21T12-00-00-000Z.json'));
    expect(await fs.readFile(recovered!.movedTo, 'utf8')).toBe(text);
  });

  it('refuses to save invalid settings and keeps the file', async () => {
    const store = createElectronSettingsStore({ Store, dir, now: clock });
    await store.load();
    await store.save(defaultSettings());
    const before = await fs.readFile(file(), 'utf8');
    await expect(store.save({ ...defaultSettings(), sync: { enabled: true, intervalMinutes: 99_999 } })).rejects.toThrow();
    expect(await fs.readFile(file(), 'utf8')).toBe(before);
  });
});
