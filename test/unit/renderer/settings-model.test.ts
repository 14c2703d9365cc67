import { describe, expect, it } from 'vitest';
import { apiInputs } from '../../../shared/api.js';
import type { AccountView, SettingsView } from '../../../shared/domain.js';
import { databaseEnvVars, generalFormFrom, generalPatch, keyDescription, parseInterval } from '../../../renderer/src/screens/settings/settings-model.js';

const view = (over: Partial<SettingsView> = {}): SettingsView => ({
  sync: { enabled: true, intervalMinutes: 30 }, effectiveSync: { enabled: true, intervalMinutes: 30 }, envOverrides: [],
  database: { mode: 'embedded' }, restartRequired: false, launchAtLogin: false, notifications: { enabled: true }, quoteCurrency: 'USDT', displayCurrency: 'USDT', depositCostBasis: 'unknown', ...over,
});

describe('general settings', () => {
  it('fills the form from the settings, showing env values where they rule', () => {
    expect(generalFormFrom(view())).toEqual({ interval: '30', enabled: true, launchAtLogin: false, notifications: true, displayCurrency: 'USDT', depositCostBasis: 'unknown' });
    const env = view({ envOverrides: ['EXCHANGE_SYNC_INTERVAL_MINUTES'], effectiveSync: { enabled: true, intervalMinutes: 5 } });
    expect(generalFormFrom(env).interval).toBe('5');
  });

  it('sends only what changed, and nothing when nothing did', () => {
    const v = view();
    expect(generalPatch(v, generalFormFrom(v))).toBeNull();
    expect(generalPatch(v, { ...generalFormFrom(v), interval: '15', notifications: false })).toEqual({ sync: { intervalMinutes: 15 }, notifications: { enabled: false } });
    expect(generalPatch(v, { ...generalFormFrom(v), enabled: false, launchAtLogin: true })).toEqual({ sync: { enabled: false }, launchAtLogin: true });
  });

  it('never sends a field an environment variable sets', () => {
    const v = view({ envOverrides: ['EXCHANGE_SYNC_INTERVAL_MINUTES', 'EXCHANGE_SYNC_ENABLED'], effectiveSync: { enabled: false, intervalMinutes: 5 } });
    expect(generalPatch(v, { ...generalFormFrom(v), interval: 'junk' })).toBeNull();
  });

  it('validates the interval like the API does', () => {
    expect(parseInterval('15')).toEqual({ minutes: 15 });
    expect(parseInterval('0')).toHaveProperty('error');
    expect(parseInterval('1441')).toHaveProperty('error');
    expect(parseInterval('1.5')).toHaveProperty('error');
    expect(generalPatch(view(), { ...generalFormFrom(view()), interval: '' })).toEqual({ error: 'Whole minutes, from 1 to 1440' });
  });

  it('produces patches the API’s schema accepts', () => {
    const patch = generalPatch(view(), { interval: '60', enabled: false, launchAtLogin: true, notifications: false, displayCurrency: 'EUR', depositCostBasis: 'unknown' });
    expect(patch).toMatchObject({ displayCurrency: 'EUR' });
    expect(() => apiInputs['settings:update'].parse(patch)).not.toThrow();
  });

  it('sends the display currency only when it changed, and the API refuses one it does not know', () => {
    expect(generalPatch(view(), { ...generalFormFrom(view()), displayCurrency: 'USDT' })).toBeNull();
    expect(generalPatch(view(), { ...generalFormFrom(view()), displayCurrency: 'USD' })).toEqual({ displayCurrency: 'USD' });
    expect(() => apiInputs['settings:update'].parse({ displayCurrency: 'GBP' })).toThrow();
    // The deposit policy likewise; the API knows only its two values.
    expect(generalPatch(view(), { ...generalFormFrom(view()), depositCostBasis: 'market' })).toEqual({ depositCostBasis: 'market' });
    expect(() => apiInputs['settings:update'].parse({ depositCostBasis: 'average' })).toThrow();
  });

  it('names the database variables in effect', () => {
    expect(databaseEnvVars(view({ envOverrides: ['EXCHANGE_SYNC_ENABLED', 'DATABASE_URL', 'DB_PASS'] }))).toEqual(['DATABASE_URL', 'DB_PASS']);
  });
});

describe('key description', () => {
  const account = (key: AccountView['key']): AccountView => ({
    exchangeId: 'bybit', id: 'default', label: null, enabled: true, testnet: false, demo: false, apiUrl: null, testnetApiUrl: null, source: 'settings', key,
  });
  it('says where the key lives and only its last characters', () => {
    expect(keyDescription(account({ location: 'keychain', hint: '…ab12' }))).toBe('Key in the OS keychain, ends in …ab12');
    expect(keyDescription(account({ location: 'env', hint: '…XXXX' }))).toBe('Key from environment variable BYBIT_API_KEY, ends in …XXXX');
    expect(keyDescription(account({ location: 'none', hint: null }))).toBe('No API key stored');
    expect(keyDescription({ ...account({ location: 'none', hint: null }), source: 'database' })).toMatch(/another machine sharing the database syncs it/);
  });
});
