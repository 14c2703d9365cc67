import { describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../../shared/api.js';
import { initialOnboarding, onboardingReducer, onboardingStepNumber, type OnboardingAction, type OnboardingState } from '../../../renderer/src/screens/onboarding/onboarding-machine.js';

const breaker = { state: 'closed' as const, consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null };
const AUTH = { errorClass: 'auth' as const, message: 'Bybit says the API key is invalid', recommendation: 'Check testnet/mainnet' };
const summary = (accounts: Array<{ account: string; ok: boolean }>): SyncRunSummary => ({
  startedAt: 'a', finishedAt: 'b', ok: accounts.every((a) => a.ok),
  accounts: accounts.map((a) => ({
    exchangeId: 'bybit', account: a.account, ok: a.ok, skipped: null, error: a.ok ? null : AUTH, warnings: [], requests: 3, fillsImported: 0, totalValue: null, breaker,
  })),
});
const run = (actions: OnboardingAction[], from: OnboardingState = initialOnboarding) => actions.reduce(onboardingReducer, from);
const saved: OnboardingAction = { type: 'saved', account: { exchangeId: 'bybit', id: 'default' } };

describe('onboarding', () => {
  it('goes welcome → account → first sync → done', () => {
    expect(run([]).step).toBe('welcome');
    expect(run([{ type: 'begin' }]).step).toBe('account');
    expect(run([{ type: 'begin' }, saved])).toEqual({ step: 'syncing', account: { exchangeId: 'bybit', id: 'default' } });
    expect(run([{ type: 'begin' }, saved, { type: 'synced', summary: summary([{ account: 'default', ok: true }]) }]).step).toBe('done');
  });

  it('judges the first sync by the new account, not by others failing beside it', () => {
    const s = run([{ type: 'begin' }, saved, { type: 'synced', summary: summary([{ account: 'default', ok: true }, { account: 'old', ok: false }]) }]);
    expect(s.step).toBe('done');
  });

  it('a failed first sync shows the account’s error, then retry or edit', () => {
    const failed = run([{ type: 'begin' }, saved, { type: 'synced', summary: summary([{ account: 'default', ok: false }]) }]);
    expect(failed).toMatchObject({ step: 'failed', error: AUTH });
    expect(run([{ type: 'retry' }], failed)).toEqual({ step: 'syncing', account: { exchangeId: 'bybit', id: 'default' } });
    expect(run([{ type: 'edit' }], failed)).toEqual({ step: 'account', editing: { exchangeId: 'bybit', id: 'default' } });
  });

  it('a sync call that fails (database down) is a failure too', () => {
    const s = run([{ type: 'begin' }, saved, { type: 'sync-error', error: { errorClass: 'database', message: 'down', recommendation: 'restart' } }]);
    expect(s).toMatchObject({ step: 'failed', summary: null, error: { errorClass: 'database' } });
  });

  it('ignores actions that do not belong to the current step', () => {
    expect(run([saved])).toBe(initialOnboarding);
    expect(run([{ type: 'retry' }])).toBe(initialOnboarding);
    const syncing = run([{ type: 'begin' }, saved]);
    expect(run([{ type: 'begin' }, { type: 'back' }], syncing)).toBe(syncing);
  });

  it('goes back from a new account to the welcome, but not from editing a saved one', () => {
    expect(run([{ type: 'begin' }, { type: 'back' }]).step).toBe('welcome');
    const editing: OnboardingState = { step: 'account', editing: { exchangeId: 'bybit', id: 'default' } };
    expect(run([{ type: 'back' }], editing)).toBe(editing);
  });

  it('numbers the steps for the indicator', () => {
    expect(onboardingStepNumber({ step: 'welcome' })).toBe(1);
    expect(onboardingStepNumber({ step: 'account', editing: null })).toBe(2);
    expect(onboardingStepNumber({ step: 'syncing', account: { exchangeId: 'bybit', id: 'x' } })).toBe(3);
  });
});
