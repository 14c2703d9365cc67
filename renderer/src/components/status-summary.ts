import type { AccountStatus, AccountView, AppStatus } from '../../../shared/domain.js';

/** How an account is named on screen: its label, else "bybit/main". */
export function accountName(a: Pick<AccountStatus, 'exchangeId' | 'account' | 'label'>): string {
  return a.label?.trim() ? a.label : `${a.exchangeId}/${a.account}`;
}

/** Accounts whose last sync failed, with the failure's message. */
export function failingAccounts(status: AppStatus): Array<{ name: string; message: string }> {
  return status.accounts
    .filter((a) => a.state === 'failed')
    .map((a) => ({ name: accountName(a), message: a.lastRun?.error?.message ?? 'the sync failed' }));
}

export type OverallState = 'loading' | 'syncing' | 'failed' | 'ok' | 'never' | 'paused';

/** One word for the header pill; the failure wins over "ok" so it is never missed. */
export function overallState(status: AppStatus | null): OverallState {
  if (status === null) return 'loading';
  if (status.syncing) return 'syncing';
  if (status.accounts.some((a) => a.state === 'failed')) return 'failed';
  if (status.accounts.length === 0 || status.accounts.every((a) => a.state === 'never')) return 'never';
  if (!status.scheduler.enabled) return 'paused';
  return 'ok';
}

/** Whether a keychain problem affects the user: no account yet (one is about to be added) or one set up in the app. */
export function keychainMatters(accounts: readonly AccountView[]): boolean {
  return accounts.length === 0 || accounts.some((a) => a.source === 'settings');
}
