import { setMaxListeners } from 'node:events';
import type { AccountSyncSummary, SyncRunSummary } from '../../../shared/api.js';
import type { SyncProgress } from '../../../shared/domain.js';
import { cancelledError } from '../abort.js';
import type { AccountConfig } from '../config/app-config.js';
import { syncAccount, type AccountSyncDeps, type AccountSyncResult } from './account-sync.js';

export interface SyncServiceDeps {
  accountSync: AccountSyncDeps;
  accounts: () => AccountConfig[];
  onProgress: (p: SyncProgress) => void;
  onStart: () => void;
  onFinish: (summary: SyncRunSummary) => void;
}

export interface SyncService {
  /**
   * Syncs every enabled account; a call while a run is under way joins that run.
   * `force` lets accounts whose circuit breaker is open have one trial.
   */
  syncAll(trigger: string, opts?: { force?: boolean }): Promise<SyncRunSummary>;
  isRunning(): boolean;
  /** Resolves when the current run (if any) has finished: used on quit. */
  idle(): Promise<void>;
  /**
   * Stops the running sync, if any: no request starts after this, each account's
   * transaction rolls back and the failure ('cancelled') is recorded. Resolves when the
   * run has finished.
   */
  cancel(reason: string): Promise<void>;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  let inFlight: Promise<SyncRunSummary> | null = null;
  let stop: AbortController | null = null;

  async function run(trigger: string, force: boolean, signal: AbortSignal): Promise<SyncRunSummary> {
    const startedAt = deps.accountSync.now();
    deps.onStart();
    const accounts = deps.accounts().filter((a) => a.enabled);
    // Accounts are independent: one failing or slow never holds up another.
    const results = await Promise.all(accounts.map((a) => syncAccount(deps.accountSync, a, { trigger, force, signal }, deps.onProgress)));
    const summary: SyncRunSummary = {
      startedAt: startedAt.toISOString(),
      finishedAt: deps.accountSync.now().toISOString(),
      ok: results.every((r) => r.ok),
      accounts: results.map(toSummary),
    };
    deps.onFinish(summary);
    return summary;
  }

  return {
    syncAll(trigger, opts = {}) {
      if (!inFlight) {
        const controller = new AbortController();
        setMaxListeners(0, controller.signal);
        stop = controller;
        inFlight = run(trigger, opts.force === true, controller.signal).finally(() => { inFlight = null; stop = null; });
      }
      return inFlight;
    },
    isRunning: () => inFlight !== null,
    idle: async () => { await inFlight?.catch(() => undefined); },
    async cancel(reason) {
      stop?.abort(cancelledError(reason));
      await inFlight?.catch(() => undefined);
    },
  };
}

function toSummary({ syncId: _syncId, ...summary }: AccountSyncResult): AccountSyncSummary {
  return summary;
}
