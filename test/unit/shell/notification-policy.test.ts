import { describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../../shared/api.js';
import { afterSync, keyExpiryNotices, memoryFromStatus, type NotificationMemory } from '../../../electron/shell/notification-policy.js';
import { account, AUTH_ERROR, NOW, run, status } from './fixtures.js';

const breaker = { state: 'closed' as const, consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null };
const summary = (ok: boolean, skipped: string | null = null): SyncRunSummary => ({
  startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(), ok,
  accounts: [{ exchangeId: 'bybit', account: 'default', ok, skipped, error: ok ? null : AUTH_ERROR, warnings: [], requests: 5, fillsImported: 0, totalValue: null, breaker }],
});
const on = { now: NOW, enabled: true };
const later = (hours: number) => ({ now: new Date(NOW.getTime() + hours * 3_600_000), enabled: true });
const fresh = (lastRunOk: boolean | null): NotificationMemory => ({ lastRunOk, sentAt: {} });

describe('notification policy', () => {
  it('a failure after a success notifies, with the error and what to do', () => {
    const { notify, memory } = afterSync(fresh(true), summary(false), on);
    expect(notify).toEqual([{ cause: 'sync-failed', title: 'AlphaPulse Sync: sync failed', body: 'bybit default: Bybit says the API key is invalid. Check the key.' }]);
    expect(memory.lastRunOk).toBe(false);
  });

  it('failures in a row notify once; recovery notifies', () => {
    let m = afterSync(fresh(true), summary(false), on).memory;
    expect(afterSync(m, summary(false), later(1)).notify).toEqual([]);
    const recovered = afterSync(m, summary(true), later(2));
    expect(recovered.notify.map((n) => n.cause)).toEqual(['sync-recovered']);
    m = recovered.memory;
    expect(afterSync(m, summary(true), later(3)).notify).toEqual([]);
  });

  it('at most one notification per cause per day', () => {
    let m = afterSync(fresh(true), summary(false), on).memory;
    m = afterSync(m, summary(true), later(1)).memory;
    expect(afterSync(m, summary(false), later(2)).notify).toEqual([]);
    m = afterSync(m, summary(true), later(3)).memory;
    expect(afterSync(m, summary(false), later(25)).notify.map((n) => n.cause)).toEqual(['sync-failed']);
  });

  it('nothing when the state is unknown, when accounts were skipped, or when switched off', () => {
    expect(afterSync(fresh(null), summary(false), on).notify).toEqual([]);
    expect(afterSync(fresh(true), summary(false, 'another process'), on)).toEqual({ memory: fresh(true), notify: [] });
    const off = afterSync(fresh(true), summary(false), { now: NOW, enabled: false });
    expect(off.notify).toEqual([]);
    expect(off.memory).toEqual({ lastRunOk: false, sentAt: {} });
  });

  it('warns about keys expiring within 14 days (or expired), once a day each', () => {
    const keys = [
      { exchangeId: 'bybit', id: 'default', label: null, expiresAt: new Date(NOW.getTime() + 3 * 86_400_000).toISOString() },
      { exchangeId: 'bybit', id: 'old', label: 'Old key', expiresAt: new Date(NOW.getTime() - 86_400_000).toISOString() },
      { exchangeId: 'bybit', id: 'later', label: null, expiresAt: new Date(NOW.getTime() + 30 * 86_400_000).toISOString() },
      { exchangeId: 'bybit', id: 'bound', label: null, expiresAt: null },
    ];
    const first = keyExpiryNotices(fresh(true), keys, on);
    expect(first.notify.map((n) => [n.cause, n.title])).toEqual([
      ['key-expiring:bybit:default', 'AlphaPulse Sync: API key expires in 3 days'],
      ['key-expiring:bybit:old', 'AlphaPulse Sync: API key expired'],
    ]);
    expect(first.notify[1]?.body).toMatch(/^Old key: create a new read-only key/);
    expect(keyExpiryNotices(first.memory, keys, later(12)).notify).toEqual([]);
    expect(keyExpiryNotices(first.memory, keys, later(24)).notify).toHaveLength(2);
  });

  it('starts from the stored history', () => {
    expect(memoryFromStatus(status(), null).lastRunOk).toBe(true);
    expect(memoryFromStatus(status({ accounts: [account({ lastRun: run(false, AUTH_ERROR) })] }), null).lastRunOk).toBe(false);
    expect(memoryFromStatus(status({ accounts: [] }), { lastRunOk: true, sentAt: { x: 'y' } })).toEqual({ lastRunOk: true, sentAt: { x: 'y' } });
  });
});
