import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildTrayMenu, trayIconState, trayTooltip, type TrayInput, type TrayMenuItem } from '../../../electron/shell/tray-menu.js';
import { createTrayController, toMenuTemplate, trayIconFile } from '../../../electron/shell/tray.js';
import { formatAge, formatMoney } from '../../../electron/shell/tray-format.js';
import { account, AUTH_ERROR, NETWORK_ERROR, NOW, run, settingsView, status } from './fixtures.js';

const input = (over: Partial<TrayInput> = {}): TrayInput => ({ status: status(), settings: settingsView(), keychain: { status: 'ok', problem: null }, online: true, now: NOW, ...over });
const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === 'separator' ? '---' : i.label));
const action = (items: TrayMenuItem[], name: string) => items.find((i) => (i.kind === 'action' || i.kind === 'checkbox') && i.action === name);

describe('tray menu model', () => {
  it('idle: total, last sync and its result, then the actions in order', () => {
    const menu = buildTrayMenu(input());
    expect(labels(menu)).toEqual([
      'Total: 12,345.68 USDT', 'Last sync: 5 min ago — OK', '---', 'Sync now', 'Open dashboard', 'Run diagnostics', '---',
      'Pause scheduled sync', 'Launch at login', '---', 'Quit AlphaPulse Sync',
    ]);
    expect(menu[0]).toEqual({ kind: 'info', label: 'Total: 12,345.68 USDT' });
    expect(action(menu, 'sync-now')).toMatchObject({ enabled: true });
    expect(action(menu, 'toggle-launch-at-login')).toMatchObject({ kind: 'checkbox', checked: false, enabled: true });
    expect(trayIconState(input())).toBe('idle');
    expect(trayTooltip(input())).toBe('AlphaPulse Sync — 12,345.68 USDT — synced 5 min ago');
  });

  it('the total in the display currency at the newest stored rate, the code beside it; USDT with a note when no rate is known', () => {
    const rates = {
      EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.92', at: '2026-11-21T11:55:00Z' },
      USD: { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', price: '1.0002', at: '2026-11-21T11:55:00Z' },
    };
    const eur = input({ status: status({ rates }), settings: settingsView({ displayCurrency: 'EUR' }) });
    // 12,345.678 × 0.92 = 11,358.02376; ÷ 1.0002 = 12,343.2093…
    expect(buildTrayMenu(eur)[0]).toEqual({ kind: 'info', label: 'Total: 11,358.02 EUR' });
    expect(trayTooltip(eur)).toBe('AlphaPulse Sync — 11,358.02 EUR — synced 5 min ago');
    const usd = input({ status: status({ rates }), settings: settingsView({ displayCurrency: 'USD' }) });
    expect(trayTooltip(usd)).toBe('AlphaPulse Sync — 12,343.21 USD — synced 5 min ago');
    const none = input({ status: status({ rates: { USD: rates.USD } }), settings: settingsView({ displayCurrency: 'EUR' }) });
    expect(buildTrayMenu(none)[0]).toEqual({ kind: 'info', label: 'Total: 12,345.68 USDT (no EUR rate known yet, so shown in USDT)' });
    expect(trayTooltip(none)).toBe('AlphaPulse Sync — 12,345.68 USDT (no EUR rate) — synced 5 min ago');
    // USDT asked: the stored figure, whatever rates exist.
    expect(trayTooltip(input({ status: status({ rates }) }))).toBe('AlphaPulse Sync — 12,345.68 USDT — synced 5 min ago');
  });

  it('a key expiring within 14 days shows in the menu and the tooltip', () => {
    const soon = new Date(NOW.getTime() + 3 * 86_400_000).toISOString();
    const later = new Date(NOW.getTime() + 40 * 86_400_000).toISOString();
    const i = input({ keyExpiries: [{ exchangeId: 'bybit', id: 'main', label: 'Main', expiresAt: soon }, { exchangeId: 'bybit', id: 'other', label: null, expiresAt: later }] });
    const warnings = labels(buildTrayMenu(i)).filter((l) => l.startsWith('⚠'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^⚠ Main: API key expires on .+2026; create a new one in time$/);
    expect(trayTooltip(i)).toContain('API key expires soon');
    expect(trayTooltip(input())).not.toContain('expires');
  });

  it('syncing: says so and cannot start another sync', () => {
    const i = input({ status: status({ syncing: true, accounts: [account({ state: 'syncing' })] }) });
    const menu = buildTrayMenu(i);
    expect(labels(menu)).toContain('Syncing…');
    expect(action(menu, 'sync-now')).toMatchObject({ label: 'Syncing…', enabled: false });
    expect(trayIconState(i)).toBe('syncing');
    expect(trayTooltip(i)).toMatch(/syncing…$/);
  });

  it('error: the failed result and each failing account with its message', () => {
    const i = input({ status: status({ accounts: [account({ state: 'failed', label: 'Main', lastRun: run(false, AUTH_ERROR) })] }) });
    const menu = buildTrayMenu(i);
    expect(labels(menu).slice(0, 3)).toEqual(['Total: 12,345.68 USDT', 'Last sync: 5 min ago — failed', '⚠ Main: Bybit says the API key is invalid']);
    expect(trayIconState(i)).toBe('error');
    expect(trayTooltip(i)).toMatch(/last sync failed$/);
  });

  it('offline: no network, or only network failures', () => {
    expect(trayIconState(input({ online: false }))).toBe('offline');
    expect(labels(buildTrayMenu(input({ online: false })))).toContain('Offline: the next sync waits for the network');
    const netFail = input({ status: status({ accounts: [account({ state: 'failed', lastRun: run(false, NETWORK_ERROR) })] }) });
    expect(trayIconState(netFail)).toBe('offline');
  });

  it('paused: offers Resume; the env variable locks it', () => {
    const paused = input({ settings: settingsView({ sync: { enabled: false, intervalMinutes: 30 }, effectiveSync: { enabled: false, intervalMinutes: 30 } }) });
    expect(trayIconState(paused)).toBe('paused');
    expect(action(buildTrayMenu(paused), 'toggle-pause')).toMatchObject({ label: 'Resume scheduled sync', enabled: true });
    const locked = input({ settings: settingsView({ effectiveSync: { enabled: false, intervalMinutes: 30 }, envOverrides: ['EXCHANGE_SYNC_ENABLED'] }) });
    expect(action(buildTrayMenu(locked), 'toggle-pause')).toMatchObject({ label: 'Resume scheduled sync (set by EXCHANGE_SYNC_ENABLED)', enabled: false });
  });

  it('keychain missing: says so and offers environment credentials', () => {
    const i = input({ keychain: { status: 'unavailable', problem: { errorClass: 'keychain', message: 'No keychain service is running', recommendation: 'Use BYBIT_API_KEY.' } } });
    const menu = buildTrayMenu(i);
    expect(labels(menu)).toContain('Keychain: No keychain service is running');
    expect(action(menu, 'open-settings')).toMatchObject({ label: 'Use environment variables for keys…', enabled: true });
    expect(trayTooltip(i)).toMatch(/keychain unavailable$/);
    expect(labels(buildTrayMenu(input({ keychain: { status: 'not-persistent', problem: { errorClass: 'keychain', message: 'session only', recommendation: '' } } })))).toContain('Keychain: session only');
  });

  it('before the first status and without accounts', () => {
    const starting = buildTrayMenu(input({ status: null, settings: null }));
    expect(starting[0]).toEqual({ kind: 'info', label: 'Total: no value yet' });
    expect(action(starting, 'sync-now')).toMatchObject({ enabled: false });
    expect(action(starting, 'toggle-pause')).toMatchObject({ enabled: false });
    const empty = buildTrayMenu(input({ status: status({ accounts: [], totalValue: null }) }));
    expect(labels(empty)).toContain('No account yet: add one in the dashboard');
    expect(action(empty, 'sync-now')).toMatchObject({ enabled: false });
    expect(trayTooltip(input({ status: status({ accounts: [], totalValue: null }) }))).toBe('AlphaPulse Sync — no value yet — never synced');
  });

  it('launch at login is a checkbox reflecting the setting', () => {
    expect(action(buildTrayMenu(input({ settings: settingsView({ launchAtLogin: true }) })), 'toggle-launch-at-login')).toMatchObject({ checked: true });
  });
});

describe('tray rendering helpers', () => {
  it('maps states to icon files; paused shares the offline icon; macOS gets template images', () => {
    expect(trayIconFile('idle', 'linux')).toBe('tray-idle.png');
    expect(trayIconFile('paused', 'win32')).toBe('tray-offline.png');
    expect(trayIconFile('error', 'darwin')).toBe('tray-errorTemplate.png');
  });

  it('turns the model into Electron menu entries whose clicks become actions', () => {
    const clicked: string[] = [];
    const template = toMenuTemplate(buildTrayMenu(input()), (a) => clicked.push(a));
    expect(template[0]).toEqual({ label: 'Total: 12,345.68 USDT', enabled: false });
    expect(template[2]).toEqual({ type: 'separator' });
    const quit = template.find((t) => t.label === 'Quit AlphaPulse Sync');
    (quit?.click as () => void)();
    expect(clicked).toEqual(['quit']);
    expect(template.find((t) => t.label === 'Launch at login')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('formats money exactly and ages briefly', () => {
    expect(formatMoney('1234567.005', 'USDT')).toBe('1,234,567.01 USDT');
    expect(formatMoney('-0.5', 'USDT')).toBe('-0.50 USDT');
    expect(formatMoney('not a number', 'USDT')).toBe('— USDT');
    expect([formatAge(5), formatAge(600), formatAge(7200), formatAge(200_000)]).toEqual(['just now', '10 min ago', '2 h ago', '2 d ago']);
  });
});

describe('tray controller', () => {
  it('redraws the tooltip and the menu\'s total in the display currency as the settings and the status change', () => {
    const tips: string[] = [];
    const menus: MenuItemConstructorOptions[][] = [];
    const image = { setTemplateImage: () => undefined } as unknown as NativeImage;
    const tray = { on: () => tray, isDestroyed: () => false, setImage: () => undefined, setToolTip: (t: string) => tips.push(t), setContextMenu: () => undefined, destroy: () => undefined } as unknown as Tray;
    const controller = createTrayController({
      createTray: () => tray, buildMenu: (t) => { menus.push(t); return {} as Menu; }, loadImage: () => image, iconDir: '/icons', platform: 'linux', now: () => NOW, onAction: () => undefined,
    });
    const rates = { EUR: { symbol: 'EURUSDT', base: 'EUR', quote: 'USDT', price: '1.25', at: '2026-11-21T11:55:00Z' } };
    controller.update({ status: status({ rates }) });
    expect(tips.at(-1)).toBe('AlphaPulse Sync — 12,345.68 USDT — synced 5 min ago');
    controller.update({ settings: settingsView({ displayCurrency: 'EUR' }) });
    // 12,345.678 ÷ 1.25 = 9,876.5424
    expect(tips.at(-1)).toBe('AlphaPulse Sync — 9,876.54 EUR — synced 5 min ago');
    expect(menus.at(-1)![0]).toEqual({ label: 'Total: 9,876.54 EUR', enabled: false });
    controller.update({ status: status({ rates: {} }) });
    expect(tips.at(-1)).toBe('AlphaPulse Sync — 12,345.68 USDT (no EUR rate) — synced 5 min ago');
  });
});
