import type { ApiError } from '../../../../electron/preload/types.js';
import type { SyncRunSummary } from '../../../../shared/api.js';

/**
 * First start: welcome → the account form (test, save) → the first sync with progress
 * → the portfolio. A failed first sync stays here with its reason, a retry and a way
 * back to the form, since the key or the environment is the usual cause.
 */
export type OnboardingState =
  | { step: 'welcome' }
  | { step: 'account'; editing: { exchangeId: string; id: string } | null }
  | { step: 'syncing'; account: { exchangeId: string; id: string } }
  | { step: 'done'; summary: SyncRunSummary }
  | { step: 'failed'; account: { exchangeId: string; id: string }; summary: SyncRunSummary | null; error: ApiError | null };

export type OnboardingAction =
  | { type: 'begin' }
  | { type: 'saved'; account: { exchangeId: string; id: string } }
  | { type: 'synced'; summary: SyncRunSummary }
  | { type: 'sync-error'; error: ApiError }
  | { type: 'retry' }
  | { type: 'edit' }
  | { type: 'back' };

export const initialOnboarding: OnboardingState = { step: 'welcome' };

export function onboardingReducer(state: OnboardingState, action: OnboardingAction): OnboardingState {
  switch (action.type) {
    case 'begin':
      return state.step === 'welcome' ? { step: 'account', editing: null } : state;
    case 'back':
      return state.step === 'account' && state.editing === null ? { step: 'welcome' } : state;
    case 'saved':
      return state.step === 'account' ? { step: 'syncing', account: action.account } : state;
    case 'synced': {
      if (state.step !== 'syncing') return state;
      // The run covers every configured account; what matters here is the one just added.
      const mine = action.summary.accounts.find((a) => a.exchangeId === state.account.exchangeId && a.account === state.account.id);
      const ok = mine ? mine.ok : action.summary.ok;
      return ok ? { step: 'done', summary: action.summary } : { step: 'failed', account: state.account, summary: action.summary, error: mine?.error ?? null };
    }
    case 'sync-error':
      return state.step === 'syncing' ? { step: 'failed', account: state.account, summary: null, error: action.error } : state;
    case 'retry':
      return state.step === 'failed' ? { step: 'syncing', account: state.account } : state;
    case 'edit':
      return state.step === 'failed' ? { step: 'account', editing: state.account } : state;
  }
}

/** The progress indicator's position: 1 welcome, 2 account, 3 first sync. */
export function onboardingStepNumber(state: OnboardingState): 1 | 2 | 3 {
  return state.step === 'welcome' ? 1 : state.step === 'account' ? 2 : 3;
}
