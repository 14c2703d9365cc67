import type { AppStatus } from '../../../shared/domain.js';

export interface StatusPublisher {
  /** Reads the full status from the database and pushes it. */
  refresh(): void;
  /** Pushes "syncing" at once, from the last status read: no database work at sync start. */
  markSyncing(): void;
}

export function createStatusPublisher(read: () => Promise<AppStatus>, emit: (s: AppStatus) => void, warn: (e: unknown) => void): StatusPublisher {
  let last: AppStatus | null = null;
  const refresh = () => {
    read().then((s) => {
      last = s;
      emit(s);
    }, warn);
  };
  return {
    refresh,
    markSyncing() {
      if (!last) return refresh();
      emit({ ...last, syncing: true, accounts: last.accounts.map((a) => ({ ...a, state: 'syncing' })) });
    },
  };
}
