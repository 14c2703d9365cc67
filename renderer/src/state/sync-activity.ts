import type { ApiError } from '../../../electron/preload/types.js';
import type { SyncRunSummary } from '../../../shared/api.js';
import type { SyncProgress } from '../../../shared/domain.js';

export type SyncStep = SyncProgress['step'];

/** The steps of one account's sync in the order they happen, with what the user reads. */
export const STEP_LABELS: ReadonlyArray<{ step: SyncStep; label: string }> = [
  { step: 'markets', label: 'Markets' },
  { step: 'prices', label: 'Prices' },
  { step: 'balances', label: 'Balances' },
  { step: 'fills', label: 'Trades' },
  { step: 'positions', label: 'Positions' },
  { step: 'saving', label: 'Saving' },
  { step: 'done', label: 'Done' },
];

export interface AccountProgress {
  exchangeId: string;
  account: string;
  step: SyncStep;
  done: number;
  total: number | null;
  message: string;
  /** Every step reported so far, in order of arrival. */
  seen: SyncStep[];
}

/**
 * What the window knows of the sync in progress, built only from pushed events (and the
 * answer of a `sync:run` it started): a run started from the tray or the scheduler shows
 * the same way as one started here.
 */
export interface SyncActivity {
  phase: 'idle' | 'running' | 'finished';
  accounts: AccountProgress[];
  summary: SyncRunSummary | null;
  /** A `sync:run` call that itself failed (not an account's failure: those are in the summary). */
  error: ApiError | null;
}

export type SyncActivityAction =
  | { type: 'started' }
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'finished'; summary: SyncRunSummary }
  | { type: 'failed'; error: ApiError }
  | { type: 'status'; syncing: boolean };

export const initialSyncActivity: SyncActivity = { phase: 'idle', accounts: [], summary: null, error: null };

const running: SyncActivity = { phase: 'running', accounts: [], summary: null, error: null };

export function syncActivityReducer(state: SyncActivity, action: SyncActivityAction): SyncActivity {
  switch (action.type) {
    case 'started':
      return state.phase === 'running' ? state : running;
    case 'progress': {
      const base = state.phase === 'running' ? state : running;
      return { ...base, accounts: mergeProgress(base.accounts, action.progress) };
    }
    case 'finished':
      return { ...state, phase: 'finished', summary: action.summary, error: null };
    case 'failed':
      return { ...state, phase: 'finished', error: action.error };
    case 'status':
      // The status can say "syncing" before any progress arrives, and "done" before (or instead of) sync:finished.
      if (action.syncing) return state.phase === 'running' ? state : running;
      return state.phase === 'running' ? { ...state, phase: 'finished' } : state;
  }
}

function mergeProgress(list: AccountProgress[], p: SyncProgress): AccountProgress[] {
  const i = list.findIndex((a) => a.exchangeId === p.exchangeId && a.account === p.account);
  const prev = i >= 0 ? list[i] : undefined;
  const seen = prev ? (prev.seen.includes(p.step) ? prev.seen : [...prev.seen, p.step]) : [p.step];
  const next: AccountProgress = { exchangeId: p.exchangeId, account: p.account, step: p.step, done: p.done, total: p.total, message: p.message, seen };
  if (i < 0) return [...list, next];
  const copy = list.slice();
  copy[i] = next;
  return copy;
}

/** 0–1 for a progress bar, or null when the step has no known size (an indeterminate bar). */
export function stepFraction(p: Pick<AccountProgress, 'step' | 'done' | 'total'>): number | null {
  if (p.step === 'done') return 1;
  if (p.total === null || p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}
