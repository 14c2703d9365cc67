import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import type { ApiClient } from '../../../shared/api.js';
import type { AccountView, ConnectionTestResult } from '../../../shared/domain.js';
import { readKeyExpiries } from '../../../electron/shell/key-expiry.js';
import { applyLaunchAtLogin, autostartEntry } from '../../../electron/shell/login-item.js';
import { createNotifier } from '../../../electron/shell/notifier.js';
import { createTrayActions } from '../../../electron/shell/tray-actions.js';
import { createWindowController } from '../../../electron/shell/window.js';
import { NOW, settingsView, status } from './fixtures.js';

describe('tray actions', () => {
  it('every entry goes through the API or the window', async () => {
    const invoke = vi.fn(async () => ({})) as unknown as ApiClient & ReturnType<typeof vi.fn>;
    const showWindow = vi.fn();
    const quit = vi.fn();
    const act = createTrayActions({ invoke, showWindow, quit, settings: () => settingsView({ launchAtLogin: true }), warn: vi.fn() });
    for (const a of ['sync-now', 'open-dashboard', 'run-diagnostics', 'open-settings', 'toggle-pause', 'toggle-launch-at-login', 'quit'] as const) act(a);
    expect((invoke as unknown as ReturnType<typeof vi.fn>).mock.calls).toEqual([
      ['sync:run', { trigger: 'tray', force: true }],
      ['settings:update', { sync: { enabled: false } }],
      ['settings:update', { launchAtLogin: false }],
    ]);
    expect(showWindow.mock.calls).toEqual([[], ['diagnostics'], ['settings']]);
    expect(quit).toHaveBeenCalledOnce();
  });

  it('a failing call is logged, not thrown', async () => {
    const warn = vi.fn();
    const invoke = (async () => { throw new Error('database down'); }) as unknown as ApiClient;
    createTrayActions({ invoke, showWindow: vi.fn(), quit: vi.fn(), settings: () => settingsView(), warn })('sync-now');
    await new Promise((r) => setTimeout(r, 0));
    expect(warn).toHaveBeenCalledWith('tray: sync failed', { message: 'database down' });
  });
});

describe('window controller', () => {
  function fakeWindow() {
    const handlers = new Map<string, () => void>();
    const w = {
      destroyed: false, shown: 0, urls: [] as string[],
      isDestroyed() { return this.destroyed; }, isMinimized: () => false, restore: vi.fn(), focus: vi.fn(),
      show() { this.shown += 1; }, destroy() { this.destroyed = true; handlers.get('closed')?.(); },
      loadURL(url: string) { this.urls.push(url); return Promise.resolve(); },
      once: (e: string, fn: () => void) => handlers.set(e, fn), on: (e: string, fn: () => void) => handlers.set(e, fn),
      handlers,
    };
    return w;
  }

  it('one window at most: a second show focuses it; closing frees it; routes load by hash', () => {
    const made: ReturnType<typeof fakeWindow>[] = [];
    const dock = { show: vi.fn(), hide: vi.fn() };
    const onCreated = vi.fn();
    const c = createWindowController({
      create: () => { const w = fakeWindow(); made.push(w); return w as unknown as BrowserWindow; },
      options: {}, entryUrl: 'app://alphapulse/index.html', onCreated, onClosed: vi.fn(), dock, warn: vi.fn(),
    });
    c.show();
    c.show('settings');
    expect(made).toHaveLength(1);
    expect(made[0]!.urls).toEqual(['app://alphapulse/index.html', 'app://alphapulse/index.html#/settings']);
    made[0]!.handlers.get('ready-to-show')!();
    expect(made[0]!.shown).toBe(2);
    made[0]!.destroy();
    expect(c.current()).toBeNull();
    expect(dock.hide).toHaveBeenCalled();
    c.show();
    expect(made).toHaveLength(2);
    expect(onCreated).toHaveBeenCalledTimes(2);
  });
});

describe('launch at login', () => {
  it('uses login items on macOS and Windows', async () => {
    const setLoginItemSettings = vi.fn();
    await applyLaunchAtLogin(true, { platform: 'darwin', setLoginItemSettings, autostartDir: '/nowhere', command: ['/x'] });
    expect(setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-autostart-'));
    const deps = { platform: 'linux' as const, setLoginItemSettings: vi.fn(), autostartDir: dir, command: ['/opt/AlphaPulse Sync/alphapulse-sync'] };
    await applyLaunchAtLogin(true, deps);
    const text = await fs.readFile(path.join(dir, 'alphapulse-sync.desktop'), 'utf8');
    expect(text).toContain('Exec="/opt/AlphaPulse Sync/alphapulse-sync" --hidden');
    await applyLaunchAtLogin(false, deps);
    await expect(fs.stat(path.join(dir, 'alphapulse-sync.desktop'))).rejects.toThrow();
    expect(deps.setLoginItemSettings).not.toHaveBeenCalled();
    expect(autostartEntry(['/a/b', 'x"y$z'])).toContain('Exec=/a/b "x\\"y\\$z" --hidden');
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('notifier', () => {
  it('shows what the policy decides and remembers it across restarts', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-notify-'));
    const file = path.join(dir, 'notifications.json');
    const shown: string[] = [];
    const make = () => createNotifier({ file, show: (n) => shown.push(n.cause), enabled: () => true, now: () => NOW, warn: vi.fn() });
    const keys = [{ exchangeId: 'bybit', id: 'default', label: null, expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString() }];
    const first = make();
    await first.start(status());
    await first.keysChecked(keys);
    expect(shown).toEqual(['key-expiring:bybit:default']);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const second = make();
    await second.start(status());
    await second.keysChecked(keys);
    expect(shown).toHaveLength(1);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('key expiry check', () => {
  it('tests each enabled account that has a key, one at a time, and keeps what it learns', async () => {
    const view = (id: string, over: Partial<AccountView> = {}): AccountView => ({
      exchangeId: 'bybit', id, label: null, enabled: true, testnet: false, demo: false, apiUrl: null, testnetApiUrl: null, source: 'settings',
      key: { location: 'keychain', hint: '…abcd' }, ...over,
    });
    const result = (id: string, ok: boolean): ConnectionTestResult => ({
      exchangeId: 'bybit', id, ok, elapsedMs: 1, error: null, key: ok ? { readOnly: true, expiresAt: '2026-12-01T00:00:00.000Z', ipRestricted: false } : null,
    });
    const test = vi.fn(async ({ id }: { id: string }) => (id === 'broken' ? result(id, false) : id === 'throws' ? Promise.reject(new Error('x')) : result(id, true)));
    const keys = await readKeyExpiries([view('a'), view('off', { enabled: false }), view('nokey', { key: { location: 'none', hint: null } }), view('broken'), view('throws')], test);
    expect(keys).toEqual([{ exchangeId: 'bybit', id: 'a', label: null, expiresAt: '2026-12-01T00:00:00.000Z' }]);
    expect(test.mock.calls.map(([r]) => r.id)).toEqual(['a', 'broken', 'throws']);
  });
});
