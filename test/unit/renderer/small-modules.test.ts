import { describe, expect, it, vi } from 'vitest';
import { ERROR_CLASSES, type AppStatus } from '../../../shared/domain.js';
import { rowWindow } from '../../../renderer/src/components/row-window.js';
import { accountName, failingAccounts, keychainMatters, overallState } from '../../../renderer/src/components/status-summary.js';
import { formatAmount, formatQuantity } from '../../../renderer/src/format/number-format.js';
import { compareDecimals, signOf, sumKnown, toDec } from '../../../renderer/src/format/decimal.js';
import { parseHash, startRoute } from '../../../renderer/src/routing/routes.js';
import { formatLeverage, formatPnl, pnlBySettleCoin } from '../../../renderer/src/screens/positions/positions-model.js';
import { parseAccountKey, rangeChange, toChartPoints } from '../../../renderer/src/screens/history/history-model.js';
import { breakerText, runDurationMs, triggerLabel } from '../../../renderer/src/screens/sync/sync-model.js';
import { errorClassLabel, toApiError } from '../../../renderer/src/state/api-error.js';
import { createClock } from '../../../renderer/src/state/clock.js';
import { nextPreference, parsePreference } from '../../../renderer/src/theme/theme.js';

describe('decimal helpers', () => {
  it('parses API strings, unknown as null', () => {
    expect(toDec('1.5')?.toFixed()).toBe('1.5');
    expect(toDec(null)).toBeNull();
    expect(toDec('')).toBeNull();
    expect(toDec('NaN')).toBeNull();
    expect(signOf('-0.0001')).toBe(-1);
    expect(signOf('0.000')).toBe(0);
    expect(signOf(null)).toBeNull();
    expect(sumKnown(['0.1', '0.2', null])?.toFixed()).toBe('0.3');
    expect(sumKnown([null])).toBeNull();
    expect(compareDecimals(null, toDec('1'), -1)).toBe(1);
  });
});

describe('routes', () => {
  it('maps hashes to screens, unknown ones to the portfolio', () => {
    expect(parseHash('#/history')).toBe('history');
    expect(parseHash('#sync')).toBe('sync');
    expect(parseHash('#/settings/accounts')).toBe('settings');
    expect(parseHash('')).toBe('portfolio');
    expect(parseHash('#token=abc')).toBe('portfolio');
  });

  it('starts in onboarding only from the default screen and only without accounts', () => {
    expect(startRoute('portfolio', 0)).toBe('onboarding');
    expect(startRoute('diagnostics', 0)).toBe('diagnostics');
    expect(startRoute('portfolio', 1)).toBe('portfolio');
  });
});

describe('theme', () => {
  it('cycles system → light → dark and reads stored values defensively', () => {
    expect(nextPreference('system')).toBe('light');
    expect(nextPreference('light')).toBe('dark');
    expect(nextPreference('dark')).toBe('system');
    expect(parsePreference('dark')).toBe('dark');
    expect(parsePreference('purple')).toBe('system');
    expect(parsePreference(null)).toBe('system');
  });
});

describe('api errors', () => {
  it('keeps an ApiError, wraps anything else', () => {
    expect(toApiError({ errorClass: 'auth', message: 'bad key', recommendation: 'fix it' })).toEqual({ errorClass: 'auth', message: 'bad key', recommendation: 'fix it' });
    expect(toApiError(new Error('socket closed'))).toMatchObject({ errorClass: 'internal', message: 'socket closed' });
    expect(toApiError('weird')).toMatchObject({ errorClass: 'internal' });
    expect(toApiError({ errorClass: 'made-up', message: 'x' }).errorClass).toBe('internal');
    for (const c of ERROR_CLASSES) expect(errorClassLabel(c)).toBeTruthy();
  });
});

describe('shared clock', () => {
  it('runs one timer while anyone listens and stops after the last', () => {
    let now = 1_000_500;
    const tick: Array<() => void> = [];
    const set = vi.fn((fn: () => void) => {
      tick.push(fn);
      return tick.length;
    });
    const clear = vi.fn();
    const clock = createClock(1000, { set, clear, now: () => now });
    expect(clock.now()).toBe(1_000_000);
    const a = vi.fn();
    const b = vi.fn();
    const offA = clock.subscribe(a);
    const offB = clock.subscribe(b);
    expect(set).toHaveBeenCalledTimes(1);
    now = 1_002_000;
    tick[0]!();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(clock.now()).toBe(1_002_000);
    offA();
    expect(clear).not.toHaveBeenCalled();
    offB();
    expect(clear).toHaveBeenCalledTimes(1);
  });
});

describe('status summary', () => {
  const breaker = { state: 'closed' as const, consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null };
  const status = (states: Array<'ok' | 'failed' | 'never'>, over: Partial<AppStatus> = {}): AppStatus => ({
    syncing: false, totalValue: '1', asOf: null, rates: {}, scheduler: { enabled: true, intervalMinutes: 30, running: true, nextRunAt: null },
    accounts: states.map((state, i) => ({
      exchangeId: 'bybit', account: `a${i}`, label: i === 0 ? 'Main' : null, testnet: false, state, lastSuccessAt: null, dataAgeSeconds: null, breaker,
      lastRun: state === 'failed' ? { id: 1, exchangeId: 'bybit', account: `a${i}`, syncType: 'full', trigger: null, success: false, startTime: 'x', endTime: null, itemsProcessed: 0, itemsSynced: 0, fillsImported: null, requests: null, warnings: [], error: { errorClass: 'auth', message: 'bad key', recommendation: '' } } : null,
    })),
    ...over,
  });

  it('names accounts by label, else exchange/account', () => {
    expect(accountName({ exchangeId: 'bybit', account: 'x', label: ' ' })).toBe('bybit/x');
    expect(accountName({ exchangeId: 'bybit', account: 'x', label: 'Main' })).toBe('Main');
  });

  it('lets a failure win over the rest', () => {
    expect(overallState(null)).toBe('loading');
    expect(overallState(status(['ok', 'failed']))).toBe('failed');
    expect(overallState(status(['ok'], { syncing: true }))).toBe('syncing');
    expect(overallState(status(['never']))).toBe('never');
    expect(overallState(status(['ok'], { scheduler: { enabled: false, intervalMinutes: 30, running: false, nextRunAt: null } }))).toBe('paused');
    expect(overallState(status(['ok']))).toBe('ok');
    expect(failingAccounts(status(['ok', 'failed']))).toEqual([{ name: 'bybit/a1', message: 'bad key' }]);
  });

  it('raises the keychain only when it matters', () => {
    const account = (source: 'settings' | 'env') => ({
      exchangeId: 'bybit', id: source, label: null, enabled: true, testnet: false, demo: false, apiUrl: null, testnetApiUrl: null, source,
      key: { location: source === 'env' ? 'env' as const : 'keychain' as const, hint: null },
    });
    expect(keychainMatters([])).toBe(true);
    expect(keychainMatters([account('env')])).toBe(false);
    expect(keychainMatters([account('env'), account('settings')])).toBe(true);
  });
});

describe('sync, history and positions helpers', () => {
  it('describes the circuit breaker', () => {
    expect(breakerText({ state: 'closed', consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null })).toBe('Healthy');
    expect(breakerText({ state: 'closed', consecutiveFailures: 2, cooldownRemainingSeconds: null, lastErrorClass: 'network' })).toBe('2 failed syncs in a row');
    expect(breakerText({ state: 'open', consecutiveFailures: 3, cooldownRemainingSeconds: 300, lastErrorClass: 'auth' })).toMatch(/^Paused after 3 failed syncs/);
    expect(runDurationMs({ startTime: '2026-11-21T10:00:00Z', endTime: '2026-11-21T10:00:01.5Z' })).toBe(1500);
    expect(runDurationMs({ startTime: '2026-11-21T10:00:00Z', endTime: null })).toBeNull();
    expect(triggerLabel('schedule')).toBe('Scheduled');
    expect(triggerLabel('other')).toBe('other');
  });

  it('computes the change over a range exactly and skips malformed points', () => {
    expect(rangeChange([{ t: 'a', value: '100' }, { t: 'b', value: '90.5' }])).toEqual({ change: '-9.5', pct: '-9.5' });
    expect(rangeChange([{ t: 'a', value: '0' }, { t: 'b', value: '5' }])).toEqual({ change: '5', pct: null });
    expect(rangeChange([{ t: 'a', value: '1' }])).toBeNull();
    expect(toChartPoints([{ t: '2026-11-21T10:00:00Z', value: '12.5' }, { t: 'bad', value: '1' }, { t: '2026-11-21T10:00:00Z', value: 'x' }])).toEqual([
      { t: Date.parse('2026-11-21T10:00:00Z'), y: 12.5, value: '12.5', source: 'sync', estimated: false, ySync: 12.5, yBackfill: null },
    ]);
    expect(parseAccountKey('bybit/main')).toEqual({ exchangeId: 'bybit', account: 'main' });
    expect(parseAccountKey('')).toBeNull();
  });

  it('sums unrealised P&L per settlement coin', () => {
    const p = (settleCoin: string | null, unrealisedPnl: string | null) => ({
      exchangeId: 'bybit', account: 'default', category: 'linear', symbol: 'BTCUSDT', side: 'long' as const, size: '1', entryPrice: null, markPrice: null,
      unrealisedPnl, leverage: null, liquidationPrice: null, settleCoin, margin: null, funding: null, updatedAt: 'x',
    });
    expect(pnlBySettleCoin([p('USDT', '10.5'), p('USDT', '-0.5'), p('BTC', '0.001'), p('USDT', null)])).toEqual([
      { coin: 'BTC', total: '0.001', unknown: 0 }, { coin: 'USDT', total: '10', unknown: 1 },
    ]);
    const fmt = { amount: (v: string) => formatAmount(v, 'en-US', true), quantity: (v: string) => formatQuantity(v, 'en-US', true) };
    expect(formatPnl('12.345', 'USDT', fmt)).toBe('+12.35 USDT');
    // A coin-settled P&L keeps its small digits.
    expect(formatPnl('0.000268', 'BTC', fmt)).toBe('+0.000268 BTC');
    expect(formatPnl('-0.000000001', 'BTC', fmt)).toBe('>-0.00000001 BTC');
    expect(formatPnl('5', null, fmt)).toBe('+5.00 USDT');
    expect(formatLeverage('10', (v) => v)).toBe('10×');
    expect(formatLeverage(null, (v) => v)).toBe('—');
  });
});

describe('row window', () => {
  it('renders the rows in view plus overscan, and spacers for the rest', () => {
    expect(rowWindow(0, 360, 36, 2000, 5)).toEqual({ start: 0, end: 15, before: 0, after: 1985 * 36 });
    expect(rowWindow(36 * 1000, 360, 36, 2000, 5)).toEqual({ start: 995, end: 1015, before: 995 * 36, after: 985 * 36 });
    const end = rowWindow(36 * 1995, 360, 36, 2000, 5);
    expect(end).toMatchObject({ end: 2000, after: 0 });
  });

  it('stays sane for an empty table, a scroll past the end and a zero-height viewport', () => {
    expect(rowWindow(0, 500, 36, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(rowWindow(1e9, 500, 36, 10)).toMatchObject({ start: 10, end: 10, after: 0 });
    expect(rowWindow(0, 0, 36, 100, 0).end).toBe(1);
  });
});
